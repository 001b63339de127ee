package io.jocap.kernel.state;

/**
 * Endpoint ids: vats {@code vN}, remote kernels {@code rN} (N a positive decimal number without
 * leading zeros), and the pseudo-endpoint {@value #KERNEL} that owns kernel-service objects and
 * decides the promises those services resolve. Ids are plain strings; this class checks,
 * classifies and builds them. Checks throw {@link IllegalArgumentException} quoting the bad value.
 */
public final class EndpointId {
    /** The pseudo-endpoint of kernel services: it can own objects and decide promises, but has no c-list. */
    public static final String KERNEL = "kernel";

    private EndpointId() {}

    /** The id of vat number {@code n} ({@code n >= 1}). */
    public static String vat(long n) {
        return "v" + positive(n);
    }

    /** The id of remote number {@code n} ({@code n >= 1}). */
    public static String remote(long n) {
        return "r" + positive(n);
    }

    /** Whether {@code s} is a well-formed vat id. */
    public static boolean isVat(String s) {
        return s != null && s.length() > 1 && s.charAt(0) == 'v' && RefNumbers.parse(s, 1) > 0;
    }

    /** Whether {@code s} is a well-formed remote id. */
    public static boolean isRemote(String s) {
        return s != null && s.length() > 1 && s.charAt(0) == 'r' && RefNumbers.parse(s, 1) > 0;
    }

    /** Whether {@code s} is the kernel pseudo-endpoint. */
    public static boolean isKernel(String s) {
        return KERNEL.equals(s);
    }

    /** Whether {@code s} is a vat, a remote or the kernel pseudo-endpoint. */
    public static boolean isValid(String s) {
        return isVat(s) || isRemote(s) || isKernel(s);
    }

    /** Returns {@code id} if it is a vat, a remote or {@value #KERNEL}. */
    public static String require(String id) {
        if (!isValid(id)) {
            throw new IllegalArgumentException("not an endpoint id: " + RefNumbers.shown(id)
                    + "; expected v<N>, r<N> (N a positive decimal number without leading zeros) or \""
                    + KERNEL + "\"");
        }
        return id;
    }

    /** Returns {@code id} if it is a vat or a remote: an endpoint that has a c-list. */
    public static String requireVatOrRemote(String id) {
        if (!isVat(id) && !isRemote(id)) {
            throw new IllegalArgumentException("not a vat or remote id: " + RefNumbers.shown(id)
                    + "; expected v<N> or r<N> with N a positive decimal number without leading zeros");
        }
        return id;
    }

    private static long positive(long n) {
        if (n < 1) {
            throw new IllegalArgumentException("endpoint numbers start at 1, got " + n);
        }
        return n;
    }
}
