package io.jocap.marshal;

import java.math.BigInteger;

/**
 * JavaScript's string-to-number conversions, which the reference decoder applies to slot indices
 * ({@code Number(text)}) and bigint strings ({@code BigInt(text)}). Both trim JavaScript white
 * space, accept {@code 0x}/{@code 0o}/{@code 0b} literals without a sign, and treat an empty
 * string as zero.
 */
final class JsNumberConversion {
    private JsNumberConversion() {}

    /** {@code Number(s)}: the number, or NaN if {@code s} is not a StringNumericLiteral. */
    static double stringToNumber(String s) {
        int start = trimStart(s);
        int end = trimEnd(s, start);
        if (start == end) {
            return 0;
        }
        int radix = radixPrefix(s, start, end);
        if (radix != 0) {
            int digitsStart = start + 2;
            int significant = digitsStart;
            while (significant < end - 1 && s.charAt(significant) == '0') {
                significant++;
            }
            // Beyond 1100 bits the value is Infinity anyway; this keeps hostile input from costing
            // a quadratic BigInteger parse.
            int bitsPerDigit = radix == 16 ? 4 : radix == 8 ? 3 : 1;
            if ((long) (end - significant - 1) * bitsPerDigit > 1100) {
                return isUnsignedInteger(s, digitsStart, end, radix) ? Double.POSITIVE_INFINITY : Double.NaN;
            }
            BigInteger value = unsignedInteger(s, digitsStart, end, radix);
            return value == null ? Double.NaN : value.doubleValue();
        }
        return isDecimalLiteral(s, start, end) ? Double.parseDouble(s.substring(start, end)) : Double.NaN;
    }

    /** {@code BigInt(s)}: the value, or null where JavaScript throws a SyntaxError. */
    static BigInteger stringToBigInt(String s) {
        int start = trimStart(s);
        int end = trimEnd(s, start);
        if (start == end) {
            return BigInteger.ZERO;
        }
        int radix = radixPrefix(s, start, end);
        if (radix != 0) {
            return unsignedInteger(s, start + 2, end, radix);
        }
        boolean negative = false;
        char c = s.charAt(start);
        if (c == '+' || c == '-') {
            negative = c == '-';
            start++;
        }
        BigInteger magnitude = unsignedInteger(s, start, end, 10);
        return magnitude == null || !negative ? magnitude : magnitude.negate();
    }

    /** 16, 8 or 2 if {@code s[start,end)} starts with a radix prefix, else 0. */
    private static int radixPrefix(String s, int start, int end) {
        if (end - start < 2 || s.charAt(start) != '0') {
            return 0;
        }
        return switch (s.charAt(start + 1)) {
            case 'x', 'X' -> 16;
            case 'o', 'O' -> 8;
            case 'b', 'B' -> 2;
            default -> 0;
        };
    }

    /** Digits of the given radix only (at least one), or null. */
    private static BigInteger unsignedInteger(String s, int start, int end, int radix) {
        if (!isUnsignedInteger(s, start, end, radix)) {
            return null;
        }
        if (end - start <= 15 && radix == 10) {
            return BigInteger.valueOf(Long.parseLong(s, start, end, 10));
        }
        return new BigInteger(s.substring(start, end), radix);
    }

    /** Whether {@code s[start,end)} is at least one ASCII digit of the given radix. */
    private static boolean isUnsignedInteger(String s, int start, int end, int radix) {
        if (start >= end) {
            return false;
        }
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            // Character.digit also accepts non-ASCII digits, which JavaScript does not
            if (c > 'z' || Character.digit(c, radix) < 0) {
                return false;
            }
        }
        return true;
    }

    /** StrDecimalLiteral: [+-]? (Infinity | digits [. digits?] [exp] | . digits [exp]). */
    private static boolean isDecimalLiteral(String s, int start, int end) {
        int i = start;
        char c = s.charAt(i);
        if (c == '+' || c == '-') {
            i++;
        }
        if (s.startsWith("Infinity", i)) {
            return i + 8 == end;
        }
        int intDigits = 0;
        while (i < end && isDigit(s.charAt(i))) {
            i++;
            intDigits++;
        }
        int fractionDigits = 0;
        if (i < end && s.charAt(i) == '.') {
            i++;
            while (i < end && isDigit(s.charAt(i))) {
                i++;
                fractionDigits++;
            }
        }
        if (intDigits == 0 && fractionDigits == 0) {
            return false;
        }
        if (i < end && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < end && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int expDigits = 0;
            while (i < end && isDigit(s.charAt(i))) {
                i++;
                expDigits++;
            }
            if (expDigits == 0) {
                return false;
            }
        }
        return i == end;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int trimStart(String s) {
        int i = 0;
        while (i < s.length() && isJsWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int trimEnd(String s, int start) {
        int end = s.length();
        while (end > start && isJsWhitespace(s.charAt(end - 1))) {
            end--;
        }
        return end;
    }

    /** WhiteSpace and LineTerminator of ECMAScript: what {@code String.prototype.trim} removes. */
    static boolean isJsWhitespace(char c) {
        return switch (c) {
            case '\t', '\n', 0x0B, '\f', '\r', ' ', 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF -> true;
            default -> c >= 0x2000 && c <= 0x200A;
        };
    }
}
