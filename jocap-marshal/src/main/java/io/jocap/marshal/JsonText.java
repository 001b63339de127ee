package io.jocap.marshal;

/**
 * JSON string literals exactly as JavaScript's {@code JSON.stringify} writes them (the
 * well-formed variant of ES2019): {@code "} and {@code \} are escaped, {@code \b \t \n \f \r} use
 * their short forms, other code units below U+0020 and lone surrogates are written as {@code
 * \}{@code u} with four lowercase hex digits, and everything else (including {@code /}, U+2028,
 * U+2029 and well-formed surrogate pairs) is written as is.
 */
public final class JsonText {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonText() {}

    /** {@code JSON.stringify(s)}: the JSON string literal for {@code s}, with its quotes; {@code null} for null. */
    public static String quote(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder(s.length() + 2);
        appendQuoted(sb, s);
        return sb.toString();
    }

    /** Appends {@code JSON.stringify(s)} to {@code out}. */
    public static void appendQuoted(StringBuilder out, String s) {
        out.append('"');
        appendEscaped(out, s);
        out.append('"');
    }

    /** Appends the escaped content of {@code s}, without quotes. */
    static void appendEscaped(StringBuilder out, String s) {
        int n = s.length();
        int run = 0; // start of the pending run of characters that need no escaping
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\' && (c < Character.MIN_SURROGATE || c > Character.MAX_SURROGATE)) {
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++; // a well-formed pair is written raw
                continue;
            }
            out.append(s, run, i);
            run = i + 1;
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\f' -> out.append("\\f");
                case '\r' -> out.append("\\r");
                default -> out.append("\\u")
                        .append(HEX[(c >> 12) & 0xF])
                        .append(HEX[(c >> 8) & 0xF])
                        .append(HEX[(c >> 4) & 0xF])
                        .append(HEX[c & 0xF]);
            }
        }
        out.append(s, run, n);
    }
}
