package io.jocap.marshal;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Readable, JavaScript-like, one-line text for passable values, for people (logs, {@code jocap
 * capdata show}); not an encoding and not meant to be parsed. For example
 * {@code ["transfer", [<ko12 Alleged: purse>, 100n, {memo: "rent"}]]}.
 *
 * <ul>
 *   <li>{@code null}, {@code undefined}, {@code true}; numbers as JavaScript prints them ({@code 1},
 *       {@code 1.5}, {@code -0}, {@code NaN}, {@code Infinity}); bigints as {@code 123n}; strings as
 *       JSON string literals (also escaping U+2028 and U+2029, to stay on one line);
 *   <li>symbols as {@code Symbol(@@asyncIterator)}; lists as {@code [1, "a"]}; records as
 *       {@code {memo: "rent", "not-an-ident": 1}}; tagged values as {@code makeTagged("copySet", [...])};
 *   <li>errors as {@code TypeError("bad")}, followed by {@code  cause: …} and {@code  errors: […]}
 *       when present;
 *   <li>remotables as {@code <ko12 Alleged: purse>} ({@link SlotRef}s) or {@code <Alleged: purse>};
 *       promises as {@code <promise kp3>} or {@code <promise>}.
 * </ul>
 *
 * <p>Values that are not passable are shown as {@code <not passable: class>} rather than rejected,
 * and nesting beyond 200 levels (a cyclic Java list, say) is cut short with {@code …}.
 */
public final class PassableFormatter {
    private static final int MAX_DEPTH = 200;

    private PassableFormatter() {}

    /** The readable text of {@code passable}. */
    public static String format(Object passable) {
        StringBuilder sb = new StringBuilder();
        append(sb, passable, 0);
        return sb.toString();
    }

    private static void append(StringBuilder sb, Object value, int depth) {
        if (depth > MAX_DEPTH) {
            sb.append('…');
            return;
        }
        switch (value) {
            case null -> sb.append("null");
            case Undefined u -> sb.append("undefined");
            case Boolean b -> sb.append(b.booleanValue());
            case Double d -> number(sb, d);
            case Float f -> number(sb, f.doubleValue());
            case Integer i -> sb.append(i.intValue());
            case Long l -> sb.append(l.longValue());
            case Short s -> sb.append(s.intValue());
            case Byte b -> sb.append(b.intValue());
            case BigInteger b -> sb.append(b).append('n');
            case String s -> quote(sb, s);
            case PassableSymbol s -> sb.append("Symbol(").append(s.name()).append(')');
            case Tagged t -> {
                sb.append("makeTagged(");
                quote(sb, t.tag());
                sb.append(", ");
                append(sb, t.payload(), depth + 1);
                sb.append(')');
            }
            case PassableError e -> error(sb, e, depth);
            case Remotable r when !(value instanceof PassablePromise) -> {
                sb.append('<');
                if (value instanceof SlotRef ref) {
                    sb.append(ref.slot()).append(' ');
                }
                sb.append(r.iface()).append('>');
            }
            case PassablePromise p when !(value instanceof Remotable) -> {
                sb.append("<promise");
                if (value instanceof SlotRef ref) {
                    sb.append(' ').append(ref.slot());
                }
                sb.append('>');
            }
            case List<?> list when !(value instanceof Map) -> {
                sb.append('[');
                int i = 0;
                for (Object item : list) {
                    if (i++ > 0) {
                        sb.append(", ");
                    }
                    append(sb, item, depth + 1);
                }
                sb.append(']');
            }
            case Map<?, ?> map -> {
                sb.append('{');
                int i = 0;
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    if (i++ > 0) {
                        sb.append(", ");
                    }
                    if (e.getKey() instanceof String k && isIdentifier(k)) {
                        sb.append(k);
                    } else if (e.getKey() instanceof String k) {
                        quote(sb, k);
                    } else {
                        sb.append('[').append(e.getKey()).append(']');
                    }
                    sb.append(": ");
                    append(sb, e.getValue(), depth + 1);
                }
                sb.append('}');
            }
            default -> sb.append("<not passable: ").append(value.getClass().getName()).append('>');
        }
    }

    private static void number(StringBuilder sb, double d) {
        if (d == 0 && 1 / d < 0) {
            sb.append("-0"); // String(-0) is "0", but the sign is worth showing to a reader
        } else {
            JsNumberFormat.append(sb, d);
        }
    }

    private static void error(StringBuilder sb, PassableError e, int depth) {
        sb.append(e.name()).append('(');
        quote(sb, e.message());
        sb.append(')');
        if (e.cause() != null) {
            sb.append(" cause: ");
            append(sb, e.cause(), depth + 1);
        }
        if (e.errors() != null) {
            sb.append(" errors: ");
            append(sb, e.errors(), depth + 1);
        }
    }

    private static void quote(StringBuilder sb, String s) {
        int start = sb.length();
        JsonText.appendQuoted(sb, s);
        for (int i = start; i < sb.length(); i++) {
            char c = sb.charAt(i);
            if (c == '\u2028' || c == '\u2029') {
                sb.replace(i, i + 1, c == '\u2028' ? "\\u2028" : "\\u2029");
            }
        }
    }

    /** An ASCII JavaScript identifier ({@code [A-Za-z_$][A-Za-z0-9_$]*}): printable as a bare key. */
    public static boolean isIdentifier(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$';
            if (!letter && !(i > 0 && c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }
}
