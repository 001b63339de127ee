package io.jocap.marshal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Plain JSON for other modules' envelopes (the vat protocol, control messages), so that no module
 * needs a JSON parser of its own. It reads with the same strict ECMAScript {@code JSON.parse}
 * grammar as CapData, and writes strings exactly as {@code JSON.stringify} does ({@link JsonText}).
 *
 * <p>A JSON tree here is {@code null}, {@link Boolean}, {@link Double}, {@link String}, {@code
 * List<Object>} or {@code Map<String, Object>}. Smallcaps bodies are not trees of this kind: use
 * {@link Smallcaps} for them.
 */
public final class Json {
    /** How deeply {@link #parse} and {@link #write} let arrays and objects nest (the CapData bound). */
    public static final int MAX_DEPTH = DecodeLimits.DEFAULT.maxDepth();

    private Json() {}

    /**
     * Names the JSON type of a value {@link #parse} returned, for error messages: {@code "null"},
     * {@code "a string"}, {@code "a number"}, {@code "a boolean"}, {@code "an array"} or
     * {@code "an object"}.
     */
    public static String typeName(Object parsed) {
        return switch (parsed) {
            case null -> "null";
            case String s -> "a string";
            case Double d -> "a number";
            case Boolean b -> "a boolean";
            case List<?> l -> "an array";
            default -> "an object";
        };
    }

    /**
     * {@code JSON.parse(text)}: numbers become {@link Double}, objects become insertion-ordered
     * {@code Map<String, Object>} (a duplicate key keeps its first position and its last value, as in
     * JavaScript), arrays become {@code List<Object>}. The returned maps and lists are new and
     * belong to the caller.
     *
     * @throws MarshalException if {@code text} is null or not JSON (the message gives the position),
     *     or if it nests deeper than {@link #MAX_DEPTH}
     */
    public static Object parse(String text) {
        if (text == null) {
            throw new MarshalException("JSON text is null");
        }
        return JsonReader.parse(text, 0, MAX_DEPTH, "JSON");
    }

    /**
     * {@code JSON.stringify(value)} with no white space, for a tree as {@link #parse} returns it, where
     * numbers may also be {@link Integer} or {@link Long} (written as integers, exactly). Doubles are
     * written as JavaScript prints them ({@code -0} as {@code 0}).
     *
     * @throws MarshalException if the value holds anything else (the message names the path to it), a
     *     non-finite double (JSON cannot say it, and {@code JSON.stringify}'s silent {@code null} would
     *     change the value), a map key that is not a string, or nests deeper than {@link #MAX_DEPTH}
     *     (which also stops cyclic lists and maps)
     */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        try {
            write(out, value, 0);
        } catch (Failure failure) {
            throw new MarshalException(failure.getMessage() + " at " + failure.path());
        }
        return out.toString();
    }

    private static void write(StringBuilder out, Object value, int depth) {
        switch (value) {
            case null -> out.append("null");
            case String s -> JsonText.appendQuoted(out, s);
            case Boolean b -> out.append(b.booleanValue());
            case Integer i -> out.append(i.intValue());
            case Long l -> out.append(l.longValue());
            case Double d -> {
                if (!Double.isFinite(d)) {
                    throw new Failure("cannot write " + d + " as JSON");
                }
                JsNumberFormat.append(out, d);
            }
            case List<?> list -> {
                checkDepth(depth + 1);
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    try {
                        write(out, list.get(i), depth + 1);
                    } catch (Failure failure) {
                        throw failure.within("[" + i + "]");
                    }
                }
                out.append(']');
            }
            case Map<?, ?> map -> {
                checkDepth(depth + 1);
                out.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    if (!(entry.getKey() instanceof String key)) {
                        throw new Failure("cannot write a map key that is not a string (" + describe(entry.getKey())
                                + ") as JSON");
                    }
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    JsonText.appendQuoted(out, key);
                    out.append(':');
                    try {
                        write(out, entry.getValue(), depth + 1);
                    } catch (Failure failure) {
                        throw failure.within("." + key);
                    }
                }
                out.append('}');
            }
            default -> throw new Failure("cannot write " + describe(value)
                    + " as JSON; expected null, Boolean, Integer, Long, Double, String, List or Map");
        }
    }

    private static void checkDepth(int depth) {
        if (depth > MAX_DEPTH) {
            throw new Failure("JSON nested deeper than " + MAX_DEPTH + " levels (a cycle?)");
        }
    }

    private static String describe(Object value) {
        return value == null ? "null" : "a " + value.getClass().getName();
    }

    /**
     * A write failure on its way up; each enclosing list or map adds its step, so the path to the bad
     * value is built only when something is wrong rather than for every value written.
     */
    private static final class Failure extends RuntimeException {
        /** Innermost step first. */
        private final List<String> steps = new ArrayList<>();

        Failure(String message) {
            super(message, null, false, false);
        }

        Failure within(String step) {
            steps.add(step);
            return this;
        }

        String path() {
            if (steps.isEmpty()) {
                return "the top level";
            }
            StringBuilder sb = new StringBuilder();
            for (int i = steps.size() - 1; i >= 0; i--) {
                sb.append(steps.get(i));
            }
            return sb.toString();
        }
    }
}
