package io.jocap.marshal;

/**
 * A position in JSON text, with the token readers every JSON consumer in this package shares:
 * strings, numbers and literals by the ECMAScript JSON grammar (RFC 8259), which is what {@code
 * JSON.parse} accepts. Errors name the position as an offset into the whole text, so a body's
 * positions count its leading {@code #}.
 */
final class JsonCursor {
    /** Boxes for small integers, which dominate real bodies; also caps heap growth on hostile ones. */
    private static final Double[] SMALL_INTEGERS = new Double[1024];

    /** Exact powers of ten, 10^0 … 10^22. */
    private static final double[] POWERS_OF_TEN = new double[23];

    static {
        for (int i = 0; i < SMALL_INTEGERS.length; i++) {
            SMALL_INTEGERS[i] = (double) i;
        }
        double p = 1;
        for (int i = 0; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = p;
            p *= 10;
        }
    }

    final String text;
    /** What the text is, for messages: "body" or "JSON". */
    private final String what;
    int pos;

    JsonCursor(String text, int pos, String what) {
        this.text = text;
        this.pos = pos;
        this.what = what;
    }

    MarshalException syntaxError(String detail, int at) {
        return new MarshalException(what + " is not valid JSON: " + detail + " at " + positionLabel(at));
    }

    MarshalException error(String detail, int at) {
        return new MarshalException(detail + " at " + positionLabel(at));
    }

    String positionLabel(int at) {
        return what + " position " + at;
    }

    void skipWhitespace() {
        String t = text;
        int p = pos;
        int n = t.length();
        while (p < n) {
            char c = t.charAt(p);
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                break;
            }
            p++;
        }
        pos = p;
    }

    boolean atEnd() {
        return pos >= text.length();
    }

    /** The next character, without consuming it; at the end of the text fails saying what was {@code expected}. */
    char peek(String expected) {
        if (pos >= text.length()) {
            throw syntaxError("unexpected end of input, " + expected, pos);
        }
        return text.charAt(pos);
    }

    /** Skips white space and then consumes {@code expected} or fails with {@code context}. */
    void expect(char expected, String context) {
        skipWhitespace();
        if (pos >= text.length()) {
            throw syntaxError("unexpected end of input, " + context, pos);
        }
        if (text.charAt(pos) != expected) {
            throw syntaxError("unexpected " + describe(text.charAt(pos)) + ", " + context, pos);
        }
        pos++;
    }

    /** Fails unless only white space remains. */
    void expectEnd() {
        skipWhitespace();
        if (pos < text.length()) {
            throw syntaxError("unexpected " + describe(text.charAt(pos)) + " after the JSON value", pos);
        }
    }

    MarshalException unexpected(String context) {
        if (pos >= text.length()) {
            return syntaxError("unexpected end of input, " + context, pos);
        }
        return syntaxError("unexpected " + describe(text.charAt(pos)) + ", " + context, pos);
    }

    static String describe(char c) {
        if (c >= 0x20 && c < 0x7F) {
            return "'" + c + "'";
        }
        return String.format("character U+%04X", (int) c);
    }

    /** Reads {@code true}, {@code false} or {@code null} at the cursor. */
    Object readLiteral() {
        int start = pos;
        char c = text.charAt(pos);
        String word = c == 't' ? "true" : c == 'f' ? "false" : "null";
        if (!text.startsWith(word, pos)) {
            throw syntaxError("unexpected " + describe(c) + " (not a JSON value)", start);
        }
        pos += word.length();
        return c == 't' ? Boolean.TRUE : c == 'f' ? Boolean.FALSE : null;
    }

    /** Reads a JSON string literal; the cursor is at its opening quote. */
    String readString() {
        String t = text;
        int start = pos + 1;
        int n = t.length();
        for (int i = start; i < n; i++) {
            char c = t.charAt(i);
            if (c == '"') {
                pos = i + 1;
                return t.substring(start, i);
            }
            if (c == '\\' || c < 0x20) {
                return readStringWithEscapes(start, i);
            }
        }
        throw syntaxError("unterminated string", n);
    }

    private String readStringWithEscapes(int start, int firstSpecial) {
        String t = text;
        int n = t.length();
        StringBuilder sb = new StringBuilder(firstSpecial - start + 16);
        sb.append(t, start, firstSpecial);
        int i = firstSpecial;
        while (i < n) {
            char c = t.charAt(i);
            if (c == '"') {
                pos = i + 1;
                return sb.toString();
            }
            if (c < 0x20) {
                throw syntaxError("raw control character " + describe(c) + " in a string", i);
            }
            if (c != '\\') {
                sb.append(c);
                i++;
                continue;
            }
            if (i + 1 >= n) {
                break;
            }
            char e = t.charAt(i + 1);
            switch (e) {
                case '"', '\\', '/' -> sb.append(e);
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    int code = 0;
                    for (int k = 0; k < 4; k++) {
                        int d = i + 2 + k < n ? Character.digit(t.charAt(i + 2 + k), 16) : -1;
                        if (d < 0 || t.charAt(i + 2 + k) > 'f') {
                            throw syntaxError("bad \\u escape in a string", i);
                        }
                        code = code * 16 + d;
                    }
                    sb.append((char) code);
                    i += 4;
                }
                default -> throw syntaxError("bad escape \\" + (e >= 0x20 && e < 0x7F ? e : '?') + " in a string", i);
            }
            i += 2;
        }
        throw syntaxError("unterminated string", n);
    }

    /**
     * Reads a JSON number; the cursor is at its first character ({@code -} or a digit). Numbers
     * whose digits make an integer m below 2<sup>53</sup> with a decimal exponent e of at most 22
     * in size are computed as m·10<sup>e</sup> or m/10<sup>-e</sup>, which is correctly rounded
     * because both operands are exact (Clinger's fast path); the rest go to {@link
     * Double#parseDouble}, which is correctly rounded too.
     */
    Double readNumber() {
        String t = text;
        int n = t.length();
        int start = pos;
        int i = start;
        boolean negative = false;
        if (t.charAt(i) == '-') {
            negative = true;
            i++;
        }
        if (i >= n || !isDigit(t.charAt(i))) {
            throw syntaxError("no digits after '-'", i);
        }
        long mantissa = 0;
        int digits = 0; // digits accumulated into mantissa, leading zeros excluded
        boolean exact = true; // mantissa holds every digit read so far
        if (t.charAt(i) == '0') {
            i++;
        } else {
            while (i < n && isDigit(t.charAt(i))) {
                if (digits < 18) {
                    mantissa = mantissa * 10 + (t.charAt(i) - '0');
                    digits++;
                } else {
                    exact = false;
                }
                i++;
            }
        }
        int fractionDigits = 0;
        if (i < n && t.charAt(i) == '.') {
            i++;
            int fracStart = i;
            while (i < n && isDigit(t.charAt(i))) {
                char c = t.charAt(i);
                if (digits < 18) {
                    mantissa = mantissa * 10 + (c - '0');
                    if (mantissa != 0) {
                        digits++;
                    }
                    fractionDigits++;
                } else {
                    exact = false;
                }
                i++;
            }
            if (i == fracStart) {
                throw syntaxError("no digits after the decimal point", i);
            }
        }
        long exponent = 0;
        if (i < n && (t.charAt(i) == 'e' || t.charAt(i) == 'E')) {
            i++;
            boolean negativeExponent = false;
            if (i < n && (t.charAt(i) == '+' || t.charAt(i) == '-')) {
                negativeExponent = t.charAt(i) == '-';
                i++;
            }
            int expStart = i;
            while (i < n && isDigit(t.charAt(i))) {
                if (exponent < 100_000) {
                    exponent = exponent * 10 + (t.charAt(i) - '0');
                }
                i++;
            }
            if (i == expStart) {
                throw syntaxError("no digits in the exponent", i);
            }
            if (negativeExponent) {
                exponent = -exponent;
            }
        }
        pos = i;
        long e10 = exponent - fractionDigits;
        if (exact && mantissa < (1L << 53) && e10 >= -22 && e10 <= 22) {
            double value = e10 == 0 ? mantissa : e10 > 0 ? mantissa * POWERS_OF_TEN[(int) e10]
                    : mantissa / POWERS_OF_TEN[(int) -e10];
            if (negative) {
                return -value; // -0 stays -0
            }
            return value < SMALL_INTEGERS.length && value == (int) value ? SMALL_INTEGERS[(int) value] : value;
        }
        return Double.parseDouble(t.substring(start, i)); // grammar checked above
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
