package io.jocap.kernel.state;

/**
 * Kernel references: {@code koN} for kernel objects and {@code kpN} for kernel promises, where N
 * is a positive decimal number without leading zeros. Krefs are plain strings throughout the
 * kernel (they are CapData slots and parts of store keys); this class checks, classifies and
 * builds them.
 *
 * <p>Every check throws {@link IllegalArgumentException} with a message that quotes the bad value
 * and says what was expected.
 */
public final class Kref {
    private static final String EXPECTED =
            "expected ko<N> or kp<N> with N a positive decimal number without leading zeros";

    private Kref() {}

    /** The kref of kernel object number {@code n} ({@code n >= 1}). */
    public static String object(long n) {
        return "ko" + positive(n);
    }

    /** The kref of kernel promise number {@code n} ({@code n >= 1}). */
    public static String promise(long n) {
        return "kp" + positive(n);
    }

    /** Whether {@code s} is a well-formed kref of either kind. */
    public static boolean isValid(String s) {
        return s != null && s.length() > 2 && s.charAt(0) == 'k'
                && (s.charAt(1) == 'o' || s.charAt(1) == 'p') && RefNumbers.parse(s, 2) > 0;
    }

    /** Whether {@code kref}, which must be well formed, designates an object. */
    public static boolean isObject(String kref) {
        return kind(kref) == RefKind.OBJECT;
    }

    /** Whether {@code kref}, which must be well formed, designates a promise. */
    public static boolean isPromise(String kref) {
        return kind(kref) == RefKind.PROMISE;
    }

    /** The kind of {@code kref}, which must be well formed. */
    public static RefKind kind(String kref) {
        require(kref);
        return kref.charAt(1) == 'o' ? RefKind.OBJECT : RefKind.PROMISE;
    }

    /** The number of {@code kref}, which must be well formed: 12 for {@code ko12}. */
    public static long number(String kref) {
        require(kref);
        return RefNumbers.parse(kref, 2);
    }

    /** Returns {@code kref} if it is a well-formed kref of either kind. */
    public static String require(String kref) {
        if (!isValid(kref)) {
            throw new IllegalArgumentException("not a kernel reference: " + RefNumbers.shown(kref) + "; " + EXPECTED);
        }
        return kref;
    }

    /** Returns {@code kref} if it is a well-formed object kref ({@code koN}). */
    public static String requireObject(String kref) {
        if (!isValid(kref) || kref.charAt(1) != 'o') {
            throw new IllegalArgumentException("not a kernel object reference: " + RefNumbers.shown(kref)
                    + "; expected ko<N> with N a positive decimal number without leading zeros");
        }
        return kref;
    }

    /** Returns {@code kref} if it is a well-formed promise kref ({@code kpN}). */
    public static String requirePromise(String kref) {
        if (!isValid(kref) || kref.charAt(1) != 'p') {
            throw new IllegalArgumentException("not a kernel promise reference: " + RefNumbers.shown(kref)
                    + "; expected kp<N> with N a positive decimal number without leading zeros");
        }
        return kref;
    }

    private static long positive(long n) {
        if (n < 1) {
            throw new IllegalArgumentException("kref numbers start at 1, got " + n);
        }
        return n;
    }
}
