package io.jocap.kernel.config;

import io.jocap.marshal.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A vat's {@code parameters}: any JSON object, kept as the JSON tree {@link Json#parse} makes
 * ({@code Map<String, Object>} in text order, {@code List<Object>}, {@code String}, {@code Double},
 * {@code Boolean}, {@code null}), copied so that nobody can change a config once it is built.
 */
final class Parameters {
    /**
     * How deeply parameters may nest, the parameters object itself being level 1: a cluster config
     * puts them three levels down (top, {@code vats}, the vat), and the whole config must stay
     * within what {@link Json} reads and writes.
     */
    static final int MAX_DEPTH = Json.MAX_DEPTH - 3;

    /** The largest integer a double holds exactly (2^53). */
    private static final long MAX_EXACT = 1L << 53;

    private Parameters() {}

    /** A value that cannot be a parameter, and where it is. */
    static final class BadValue extends IllegalArgumentException {
        private final transient ConfigPath at;
        private final String what;

        BadValue(ConfigPath at, String what) {
            super(at + ": " + what);
            this.at = at;
            this.what = what;
        }

        ConfigPath at() {
            return at;
        }

        String what() {
            return what;
        }
    }

    /**
     * An unmodifiable deep copy of {@code parameters}, at {@code at} in the config. Integers and
     * longs become doubles (as JSON would read them back), and {@code -0.0} becomes {@code 0.0}:
     * JSON writes both as {@code 0}, and a config must read back equal to itself.
     *
     * @throws BadValue if a value is not JSON: not one of the types above, a non-finite double, a
     *     long a double cannot hold exactly, a map key that is not a string, or nesting deeper
     *     than {@link #MAX_DEPTH}
     */
    static Map<String, Object> copy(Map<?, ?> parameters, ConfigPath at) {
        return copyMap(parameters, at, 1);
    }

    private static Object copyValue(Object value, ConfigPath at, int depth) {
        return switch (value) {
            case null -> null;
            case String s -> s;
            case Boolean b -> b;
            case Double d -> number(d, at);
            case Integer i -> (double) i;
            case Long l when l >= -MAX_EXACT && l <= MAX_EXACT -> (double) l;
            case Long l -> throw new BadValue(at, l + " is too large for a JSON number to hold exactly");
            case List<?> list -> copyList(list, at, depth + 1);
            case Map<?, ?> map -> copyMap(map, at, depth + 1);
            default -> throw new BadValue(at, "not a JSON value: " + describe(value));
        };
    }

    private static Double number(Double d, ConfigPath at) {
        if (!Double.isFinite(d)) {
            throw new BadValue(at, "JSON has no number " + d);
        }
        return d == 0 ? 0.0 : d; // turns -0.0 into 0.0
    }

    private static List<Object> copyList(List<?> list, ConfigPath at, int depth) {
        checkDepth(at, depth);
        List<Object> copy = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            copy.add(copyValue(list.get(i), at.index(i), depth));
        }
        return Collections.unmodifiableList(copy);
    }

    private static Map<String, Object> copyMap(Map<?, ?> map, ConfigPath at, int depth) {
        checkDepth(at, depth);
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                throw new BadValue(at, "a JSON object's keys are strings, got " + describe(entry.getKey()));
            }
            copy.put(key, copyValue(entry.getValue(), at.field(key), depth));
        }
        return Collections.unmodifiableMap(copy);
    }

    private static void checkDepth(ConfigPath at, int depth) {
        // Also stops a map or list that contains itself.
        if (depth > MAX_DEPTH) {
            throw new BadValue(at, "parameters nest deeper than " + MAX_DEPTH + " levels");
        }
    }

    private static String describe(Object value) {
        return value == null ? "null" : "a " + value.getClass().getName();
    }
}
