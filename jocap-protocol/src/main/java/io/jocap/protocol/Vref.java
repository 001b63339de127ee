package io.jocap.protocol;

import io.jocap.marshal.JsonText;

/**
 * A vat reference (vref): the name a vat uses for an object or promise in its deliveries and
 * syscalls. The grammar, where every number is decimal without leading zeros ({@code 0} alone is
 * fine) and at most 2<sup>53</sup>−1 (the largest counter a JavaScript vat can hold):
 *
 * <pre>
 *   p+N  p-N              promise: exported (allocated by the vat) / imported (allocated by the kernel)
 *   o+N  o-N              object:  exported ephemeral (in-memory) / imported
 *   o+vK/I  o+vK/I:F      exported virtual object: instance I of kind K, optionally facet F
 *   o+dK/I  o+dK/I:F      exported durable object: the same, surviving vat restarts
 * </pre>
 *
 * Virtual and durable references are exports only: a vat never imports one (the kernel hands out
 * {@code o-N}). The root object of every vat is {@code o+0} ({@link #ROOT}). Device references
 * ({@code d±N}) are not part of jocap's protocol.
 *
 * <p>Checking runs on every slot of every syscall, so {@link #isValid} allocates nothing and
 * {@link #parse} allocates only the result; building an explanation costs only on failure.
 * Two {@code Vref}s are equal when their texts are.
 */
public final class Vref {
    // Parse result: non-negative flags on success, the bitwise complement of (position << 4 | problem)
    // on failure, so that one allocation-free scanner serves both isValid and parse's explanation.
    private static final int PROMISE = 1;
    private static final int EXPORT = 2;
    private static final int VIRTUAL = 4;
    private static final int DURABLE = 8;
    private static final int FACET = 16;

    private static final int EMPTY = 0;
    private static final int BAD_TYPE = 1;
    private static final int BAD_POLARITY = 2;
    private static final int NO_DIGIT = 3;
    private static final int LEADING_ZERO = 4;
    private static final int TOO_LARGE = 5;
    private static final int NO_SLASH = 6;
    private static final int TRAILING = 7;
    private static final int KINDED_IMPORT = 8;
    private static final String[] PROBLEMS = {
        "it is empty",
        "expected 'o' (object) or 'p' (promise)",
        "expected '+' (export) or '-' (import) after the type letter",
        "expected a decimal digit",
        "a number has a leading zero",
        "a number is larger than 2^53-1",
        "expected '/' between the kind and the instance number",
        "unexpected text after the reference",
        "virtual and durable references ('v', 'd') are exports only ('o+')",
    };

    private static final long MAX_SAFE_INTEGER = (1L << 53) - 1;
    private static final int QUOTE_LIMIT = 60;

    /** {@code o+0}: the root object every vat exports. */
    public static final Vref ROOT = parse("o+0");

    private final String text;
    private final int flags;

    private Vref(String text, int flags) {
        this.text = text;
        this.flags = flags;
    }

    /**
     * Parses a vref.
     *
     * @throws ProtocolException if {@code text} is null or outside the grammar; the message quotes the
     *     text and says what is wrong where, e.g. {@code "o+v1/" is not a vat reference: expected a
     *     decimal digit at position 5 (the end)}
     */
    public static Vref parse(String text) {
        if (text == null) {
            throw new ProtocolException("a vat reference is null");
        }
        int result = scan(text);
        if (result < 0) {
            throw new ProtocolException(quote(text) + " is not a vat reference: " + explain(text, result));
        }
        return new Vref(text, result);
    }

    /** Whether {@code text} is a vref by the grammar above; false for null. Allocates nothing. */
    public static boolean isValid(String text) {
        return text != null && scan(text) >= 0;
    }

    /** Whether {@code text} is a valid promise vref ({@code p+N} or {@code p-N}); false for null. */
    public static boolean isValidPromise(String text) {
        return text != null && scan(text) >= 0 && text.charAt(0) == 'p';
    }

    /**
     * What is wrong with {@code text} as a vref, without quoting it, or null if it is valid. For
     * building messages about a field that should hold a vref.
     */
    static String problem(String text) {
        if (text == null) {
            return "it is null";
        }
        int result = scan(text);
        return result < 0 ? explain(text, result) : null;
    }

    /** {@code text} as a JSON string literal, shortened if long, for quoting untrusted text in messages. */
    static String quote(String text) {
        String shown = text.length() <= QUOTE_LIMIT ? text : text.substring(0, QUOTE_LIMIT);
        String quoted = JsonText.quote(shown);
        return shown == text ? quoted : quoted + "… (" + text.length() + " chars)";
    }

    public boolean isObject() {
        return (flags & PROMISE) == 0;
    }

    public boolean isPromise() {
        return (flags & PROMISE) != 0;
    }

    /** Allocated by the vat ({@code +}): the vat's own object or promise. */
    public boolean isExport() {
        return (flags & EXPORT) != 0;
    }

    /** Allocated by the kernel ({@code -}): something the vat was given. */
    public boolean isImport() {
        return (flags & EXPORT) == 0;
    }

    /** An {@code o+dK/I} (or facet) reference: a durable object that survives vat restarts. */
    public boolean isDurable() {
        return (flags & DURABLE) != 0;
    }

    /** An {@code o+vK/I} (or facet) reference: a virtual object whose state is in the vatstore but which a restart loses. */
    public boolean isVirtual() {
        return (flags & VIRTUAL) != 0;
    }

    /** Whether the reference names one facet ({@code :F}) of a multi-facet virtual or durable object. */
    public boolean hasFacet() {
        return (flags & FACET) != 0;
    }

    /** The reference as written, e.g. {@code o+d10/1:0}. */
    public String text() {
        return text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Vref that && text.equals(that.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }

    private static int scan(String s) {
        int n = s.length();
        if (n == 0) {
            return fail(0, EMPTY);
        }
        int flags;
        switch (s.charAt(0)) {
            case 'o' -> flags = 0;
            case 'p' -> flags = PROMISE;
            default -> {
                return fail(0, BAD_TYPE);
            }
        }
        if (n < 2) {
            return fail(1, BAD_POLARITY);
        }
        switch (s.charAt(1)) {
            case '+' -> flags |= EXPORT;
            case '-' -> { }
            default -> {
                return fail(1, BAD_POLARITY);
            }
        }
        int i = 2;
        char marker = i < n ? s.charAt(i) : 0;
        if ((flags & PROMISE) == 0 && (marker == 'v' || marker == 'd')) {
            if ((flags & EXPORT) == 0) {
                return fail(i, KINDED_IMPORT);
            }
            flags |= marker == 'v' ? VIRTUAL : DURABLE;
            i = number(s, i + 1);
            if (i < 0) {
                return i;
            }
            if (i >= n || s.charAt(i) != '/') {
                return fail(i, NO_SLASH);
            }
            i = number(s, i + 1);
            if (i >= 0 && i < n && s.charAt(i) == ':') {
                flags |= FACET;
                i = number(s, i + 1);
            }
        } else {
            i = number(s, i);
        }
        if (i < 0) {
            return i;
        }
        if (i < n) {
            return fail(i, TRAILING);
        }
        return flags;
    }

    /** Reads a number starting at {@code start}; returns the index after it, or a failure. */
    private static int number(String s, int start) {
        int n = s.length();
        if (start >= n || !isDigit(s.charAt(start))) {
            return fail(start, NO_DIGIT);
        }
        if (s.charAt(start) == '0') {
            return start + 1 < n && isDigit(s.charAt(start + 1)) ? fail(start, LEADING_ZERO) : start + 1;
        }
        long value = 0;
        int i = start;
        while (i < n && isDigit(s.charAt(i))) {
            value = value * 10 + (s.charAt(i) - '0');
            if (value > MAX_SAFE_INTEGER) {
                return fail(start, TOO_LARGE);
            }
            i++;
        }
        return i;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int fail(int position, int problem) {
        return ~(position << 4 | problem);
    }

    private static String explain(String text, int failure) {
        int code = ~failure;
        int position = code >>> 4;
        String where = position < text.length()
                ? " at position " + position + " (" + describe(text.charAt(position)) + ")"
                : position == 0 ? "" : " at position " + position + " (the end)";
        return PROBLEMS[code & 15] + where;
    }

    private static String describe(char c) {
        return c > 0x20 && c < 0x7F ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }
}
