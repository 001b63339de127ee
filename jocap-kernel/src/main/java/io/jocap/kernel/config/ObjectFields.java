package io.jocap.kernel.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The members of one JSON object of a config, read by field name. Members that are not known
 * fields are reported when it is made; each getter reports a member of the wrong type and then
 * returns {@code null}, as it does for an absent member, so that readers go on and find the
 * other problems too.
 *
 * <p>An optional field may be left out, but not given as {@code null}: that is reported as a
 * wrong type, like any other.
 */
final class ObjectFields {
    private final Map<String, Object> members;
    private final ConfigPath at;
    private final Problems problems;

    private ObjectFields(Map<String, Object> members, ConfigPath at, Problems problems) {
        this.members = members;
        this.at = at;
        this.problems = problems;
    }

    /**
     * The fields of {@code value}, which should be an object with only the {@code known} fields; or
     * {@code null}, reported, if it is not an object.
     *
     * @param expected what the object is, for the message if it is not one, such as "an object"
     */
    static ObjectFields of(Object value, ConfigPath at, Problems problems, String expected, List<String> known) {
        if (!(value instanceof Map<?, ?> map)) {
            problems.add(at, "expected " + expected + ", got " + Quote.typeOf(value));
            return null;
        }
        Map<String, Object> members = new LinkedHashMap<>();
        map.forEach((key, member) -> members.put((String) key, member)); // JSON keys are strings
        for (String name : members.keySet()) {
            if (!known.contains(name)) {
                String hint = Suggestion.didYouMean(name, known);
                problems.add(at.field(name), "unknown field" + (hint.isEmpty() ? "; known fields: " + Quote.joined(known, "and") : hint));
            }
        }
        return new ObjectFields(members, at, problems);
    }

    ConfigPath at() {
        return at;
    }

    ConfigPath at(String field) {
        return at.field(field);
    }

    boolean has(String field) {
        return members.containsKey(field);
    }

    /** Those of {@code fields} that are present, in the order of the text. */
    List<String> present(List<String> fields) {
        List<String> found = new ArrayList<>();
        for (String name : members.keySet()) {
            if (fields.contains(name)) {
                found.add(name);
            }
        }
        return found;
    }

    /** The string in {@code field}; {@code expected} says what it should be, such as "a string (a path)". */
    String string(String field, String expected) {
        Object value = members.get(field);
        if (value instanceof String || !has(field)) {
            return (String) value;
        }
        problems.add(at(field), "expected " + expected + ", got " + Quote.typeOf(value));
        return null;
    }

    /** The object in {@code field}, which should have only the {@code known} fields. */
    ObjectFields object(String field, String expected, List<String> known) {
        return has(field) ? of(members.get(field), at(field), problems, expected, known) : null;
    }

    /** The value of {@code field} as JSON read it, whatever its type; null if absent. */
    Object any(String field) {
        return members.get(field);
    }

    /** The raw object in {@code field}, whatever its members. */
    Map<?, ?> anyObject(String field) {
        Object value = members.get(field);
        if (value instanceof Map<?, ?> || !has(field)) {
            return (Map<?, ?>) value;
        }
        problems.add(at(field), "expected an object, got " + Quote.typeOf(value));
        return null;
    }

    /** The list of names in {@code field}, if it is one that passes {@link ConfigRules#checkNames}. */
    List<String> names(String field) {
        if (!has(field)) {
            return null;
        }
        ConfigPath listAt = at(field);
        if (!(members.get(field) instanceof List<?> list)) {
            problems.add(listAt, "expected a list of strings, got " + Quote.typeOf(members.get(field)));
            return null;
        }
        int before = problems.count();
        ConfigRules.checkNames(list, (index, what) -> problems.add(listAt.index(index), what));
        if (problems.count() > before) {
            return null;
        }
        List<String> names = new ArrayList<>(list.size());
        list.forEach(name -> names.add((String) name));
        return names;
    }
}
