package io.jocap.vat.runtime.dispatch;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.function.LongFunction;

/**
 * Conversions to Java's numeric types. Every one is exact: a value converts only if the target
 * type holds exactly that value, so {@code 2.5} never becomes {@code 2}, {@code 2^53 + 1} never
 * becomes a nearby double, and {@code NaN} never becomes a whole number.
 *
 * <p>Decoded numbers are always {@code Double} and bigints {@code BigInteger}; the other boxed
 * numbers ({@code Integer}, {@code Long}, …) arrive only when the vat sends to its own object,
 * and are taken by their exact value too.
 */
final class NumberConversions {
    /** Where a double stops being a long: 2<sup>63</sup>, exactly representable, unlike {@code Long.MAX_VALUE}. */
    private static final double TWO_TO_63 = 0x1p63;

    private NumberConversions() {}

    /** The conversion to {@code type}, a primitive or boxed number type or {@code BigInteger}; null for other types. */
    static Conversion forType(Class<?> type) {
        if (type == long.class || type == Long.class) {
            return integral(Long.MIN_VALUE, Long.MAX_VALUE, "a long", l -> l);
        }
        if (type == int.class || type == Integer.class) {
            return integral(Integer.MIN_VALUE, Integer.MAX_VALUE, "an int", l -> (int) l);
        }
        if (type == short.class || type == Short.class) {
            return integral(Short.MIN_VALUE, Short.MAX_VALUE, "a short", l -> (short) l);
        }
        if (type == byte.class || type == Byte.class) {
            return integral(Byte.MIN_VALUE, Byte.MAX_VALUE, "a byte", l -> (byte) l);
        }
        if (type == double.class || type == Double.class) {
            return NumberConversions::toDouble;
        }
        if (type == float.class || type == Float.class) {
            return NumberConversions::toFloat;
        }
        if (type == BigInteger.class) {
            return NumberConversions::toBigInteger;
        }
        return null;
    }

    private static Conversion integral(long min, long max, String javaType, LongFunction<Object> box) {
        String expectation = "a whole number that fits in " + javaType;
        return value -> {
            Long exact = exactLong(value);
            if (exact == null || exact < min || exact > max) {
                throw ArgumentMismatch.expected(expectation, value);
            }
            return box.apply(exact);
        };
    }

    /** The value of a number or bigint as a long, or null if it is not a whole number within long's range. */
    static Long exactLong(Object value) {
        return switch (value) {
            case Double d -> exactLong(d.doubleValue());
            case Float f -> exactLong(f.doubleValue());
            case BigInteger b -> b.bitLength() <= 63 ? b.longValue() : null;
            case Long l -> l;
            case Integer i -> i.longValue();
            case Short s -> s.longValue();
            case Byte b -> b.longValue();
            case null, default -> null;
        };
    }

    private static Long exactLong(double d) {
        // NaN fails the equality; the infinities fail the range check.
        return d == Math.rint(d) && d >= -TWO_TO_63 && d < TWO_TO_63 ? (long) d : null;
    }

    private static Object toDouble(Object value) throws ArgumentMismatch {
        if (value instanceof Double || value instanceof Float) {
            return ((Number) value).doubleValue(); // float to double is always exact
        }
        BigInteger whole = integerValue(value);
        if (whole != null && exactlyDouble(whole)) {
            return whole.doubleValue();
        }
        throw ArgumentMismatch.expected("a number (or a bigint a double holds exactly)", value);
    }

    private static Object toFloat(Object value) throws ArgumentMismatch {
        if (value instanceof Float f) {
            return f;
        }
        if (value instanceof Double d) {
            if (d.isNaN() || (double) d.floatValue() == d) {
                return d.floatValue();
            }
        } else {
            BigInteger whole = integerValue(value);
            if (whole != null && exactlyFloat(whole)) {
                return whole.floatValue();
            }
        }
        throw ArgumentMismatch.expected("a number a float holds exactly", value);
    }

    private static Object toBigInteger(Object value) throws ArgumentMismatch {
        if ((value instanceof Double || value instanceof Float) && isWhole(((Number) value).doubleValue())) {
            // BigDecimal(double) is exact, so even 1e300 converts to its exact integer value.
            return new BigDecimal(((Number) value).doubleValue()).toBigIntegerExact();
        }
        BigInteger whole = integerValue(value);
        if (whole == null) {
            throw ArgumentMismatch.expected("a bigint or a whole number", value);
        }
        return whole;
    }

    /** The value of a bigint or of a Java integer type (as a local caller may pass), else null. */
    private static BigInteger integerValue(Object value) {
        return switch (value) {
            case BigInteger b -> b;
            case Long l -> BigInteger.valueOf(l);
            case Integer i -> BigInteger.valueOf(i);
            case Short s -> BigInteger.valueOf(s);
            case Byte b -> BigInteger.valueOf(b);
            case null, default -> null;
        };
    }

    private static boolean isWhole(double d) {
        return Double.isFinite(d) && d == Math.rint(d);
    }

    private static boolean exactlyDouble(BigInteger b) {
        double d = b.doubleValue();
        return Double.isFinite(d) && new BigDecimal(d).toBigIntegerExact().equals(b);
    }

    private static boolean exactlyFloat(BigInteger b) {
        float f = b.floatValue();
        return Float.isFinite(f) && new BigDecimal(f).toBigIntegerExact().equals(b);
    }
}
