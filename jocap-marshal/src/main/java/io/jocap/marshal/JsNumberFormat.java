package io.jocap.marshal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * ECMAScript {@code Number::toString(x)} for finite doubles.
 *
 * <p>Implementation overview: the digits come from {@link Double#toString(double)}, which since
 * JDK 19 gives the shortest decimal that rounds to the double, closest to it when several are
 * equally short. Only the layout differs from JavaScript ({@code 1.0E21} versus {@code 1e+21}), so
 * the JDK text is taken apart into digits and a decimal exponent and laid out again. One content
 * difference remains: when a single digit would do, the JDK may still choose two (it prints {@code
 * 4.9E-324} where JavaScript prints {@code 5e-324}); that only happens for subnormals, which are
 * checked for a one-digit form separately.
 *
 * <p>Most numbers in messages have few decimals (12.5, 0.25), so a cheaper path is tried first:
 * for k = 0, 1, 2, … take m, the integer nearest x·10<sup>k</sup>, and stop at the first k where
 * m/10<sup>k</sup> rounds back to x. While |m| &lt; 2<sup>50</sup>, the decimals with k fraction
 * digits are more than two ulps of x apart, so at most one of them rounds to x and it is the
 * nearest; the first k that works therefore gives the shortest digits, exactly as above. Beyond that
 * bound the general path takes over.
 */
final class JsNumberFormat {
    /** Integers below this magnitude print as themselves (every such integer is exactly representable). */
    private static final double EXACT_INTEGER_LIMIT = 9007199254740992.0; // 2^53
    /** Bound on |m| for the short-decimal path (see the class comment). */
    private static final double SHORT_DECIMAL_LIMIT = 1125899906842624.0; // 2^50
    /** Exact powers of ten, 10^0 … 10^17. */
    private static final double[] POWERS_OF_TEN = new double[18];

    static {
        double p = 1;
        for (int i = 0; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = p;
            p *= 10;
        }
    }

    private JsNumberFormat() {}

    /** {@code String(x)} for any double, including {@code -0} ({@code "0"}), {@code NaN} and infinities. */
    static String toJsString(double x) {
        StringBuilder sb = new StringBuilder(24);
        append(sb, x);
        return sb.toString();
    }

    /** Appends {@code String(x)}; {@code -0} is written {@code 0} as JavaScript does. */
    static void append(StringBuilder out, double x) {
        if (x == 0) {
            out.append('0');
            return;
        }
        if (Double.isNaN(x)) {
            out.append("NaN");
            return;
        }
        if (Double.isInfinite(x)) {
            out.append(x > 0 ? "Infinity" : "-Infinity");
            return;
        }
        if (x > -EXACT_INTEGER_LIMIT && x < EXACT_INTEGER_LIMIT) {
            long asLong = (long) x;
            if (asLong == x) {
                out.append(asLong);
                return;
            }
        }
        if (!appendShortDecimal(out, x)) {
            appendGeneral(out, x);
        }
    }

    private static boolean appendShortDecimal(StringBuilder out, double x) {
        double abs = Math.abs(x);
        if (abs < 1e-17) {
            return false;
        }
        for (int k = 0; k < POWERS_OF_TEN.length; k++) {
            double scaled = abs * POWERS_OF_TEN[k];
            if (scaled >= SHORT_DECIMAL_LIMIT) {
                return false;
            }
            double m = Math.rint(scaled);
            if (m != 0 && m / POWERS_OF_TEN[k] == abs) {
                long digitsValue = (long) m;
                while (digitsValue % 10 == 0) {
                    digitsValue /= 10;
                    k--; // only when k was 0 can m end in zero; then n grows instead
                }
                char[] digits = Long.toString(digitsValue).toCharArray();
                if (x < 0) {
                    out.append('-');
                }
                // value = digits × 10^-k = 0.digits × 10^(length - k)
                layout(out, digits, 0, digits.length, digits.length - k);
                return true;
            }
        }
        return false;
    }

    private static void appendGeneral(StringBuilder out, double x) {
        String jdk = Double.toString(x);
        char[] digits = new char[32];
        int count = 0;
        int pointAt = -1; // number of digits before the decimal point in the JDK text
        int exponent = 0;
        int i = x < 0 ? 1 : 0;
        for (; i < jdk.length(); i++) {
            char c = jdk.charAt(i);
            if (c == '.') {
                pointAt = count;
            } else if (c == 'E') {
                exponent = Integer.parseInt(jdk, i + 1, jdk.length(), 10);
                break;
            } else {
                digits[count++] = c;
            }
        }
        if (pointAt < 0) {
            pointAt = count;
        }
        // value = 0.d1d2…dk × 10^n, after dropping leading and trailing zeros
        int first = 0;
        while (first < count - 1 && digits[first] == '0') {
            first++;
        }
        int last = count;
        while (last > first + 1 && digits[last - 1] == '0') {
            last--;
        }
        int n = pointAt - first + exponent;
        int k = last - first;
        if (k == 2 && Math.abs(x) < Double.MIN_NORMAL) {
            BigDecimal oneDigit = new BigDecimal(x).round(new MathContext(1, RoundingMode.HALF_EVEN));
            if (Double.parseDouble(oneDigit.toString()) == x) {
                // unscaledValue is the single signed digit; value = d × 10^(-scale) = 0.d × 10^(1-scale)
                int d = Math.abs(oneDigit.unscaledValue().intValue());
                digits[0] = (char) ('0' + d);
                first = 0;
                k = 1;
                n = 1 - oneDigit.scale();
            }
        }
        if (x < 0) {
            out.append('-');
        }
        layout(out, digits, first, k, n);
    }

    /** The layout steps of {@code Number::toString}, for digits s (k of them) and exponent n. */
    private static void layout(StringBuilder out, char[] digits, int first, int k, int n) {
        if (k <= n && n <= 21) {
            out.append(digits, first, k);
            out.repeat('0', n - k);
        } else if (0 < n && n <= 21) {
            out.append(digits, first, n).append('.').append(digits, first + n, k - n);
        } else if (-6 < n && n <= 0) {
            out.append("0.");
            out.repeat('0', -n);
            out.append(digits, first, k);
        } else {
            out.append(digits[first]);
            if (k > 1) {
                out.append('.').append(digits, first + 1, k - 1);
            }
            int e = n - 1;
            out.append('e').append(e < 0 ? '-' : '+').append(Math.abs(e));
        }
    }
}
