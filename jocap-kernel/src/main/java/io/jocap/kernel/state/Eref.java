package io.jocap.kernel.state;

/**
 * Endpoint references: the ids an endpoint uses for references in its own c-list. Vats use vrefs
 * ({@code o+N}, {@code o-N}, {@code p+N}, {@code p-N} and liveslots' longer export forms such as
 * {@code o+d12/3}); remote kernels use rrefs ({@code ro+N}, {@code ro-N}, {@code rp+N},
 * {@code rp-N}).
 *
 * <p>The kernel treats erefs as opaque except for two things: the <b>kind</b> (object or promise,
 * the letter {@code o}/{@code p}) and the <b>polarity</b> ({@code +}: allocated by the endpoint,
 * an export; {@code -}: allocated by the kernel, an import). What follows the polarity must be
 * non-empty printable ASCII without spaces, so an eref can sit in a store key and in the
 * space-separated value formats of this package. Checks throw {@link IllegalArgumentException}.
 */
public final class Eref {
    private Eref() {}

    /** The eref the kernel allocates for import number {@code n} of {@code kind} into {@code endpoint}. */
    public static String imported(String endpoint, RefKind kind, long n) {
        if (n < 1) {
            throw new IllegalArgumentException("import numbers start at 1, got " + n);
        }
        String letter = kind == RefKind.OBJECT ? "o-" : "p-";
        if (EndpointId.isRemote(endpoint)) {
            return "r" + letter + n;
        }
        EndpointId.requireVatOrRemote(endpoint);
        return letter + n;
    }

    /** Whether {@code eref} is a well-formed eref for {@code endpoint} (a vat or a remote). */
    public static boolean isValidFor(String endpoint, String eref) {
        if (eref == null) {
            return false;
        }
        int start = EndpointId.isRemote(endpoint) ? 1 : 0;
        if (start == 1 && (eref.isEmpty() || eref.charAt(0) != 'r')) {
            return false;
        }
        if (eref.length() < start + 3) {
            return false;
        }
        char kind = eref.charAt(start);
        char polarity = eref.charAt(start + 1);
        if ((kind != 'o' && kind != 'p') || (polarity != '+' && polarity != '-')) {
            return false;
        }
        for (int i = start + 2; i < eref.length(); i++) {
            char c = eref.charAt(i);
            if (c <= ' ' || c > '~') {
                return false;
            }
        }
        return true;
    }

    /** Returns {@code eref} if it is well formed for {@code endpoint}. */
    public static String requireFor(String endpoint, String eref) {
        EndpointId.requireVatOrRemote(endpoint);
        if (!isValidFor(endpoint, eref)) {
            String form = EndpointId.isRemote(endpoint) ? "ro±…/rp±…" : "o±…/p±…";
            throw new IllegalArgumentException("not a reference of " + endpoint + ": " + RefNumbers.shown(eref)
                    + "; expected " + form + " (kind, polarity, then printable ASCII without spaces)");
        }
        return eref;
    }

    /** The kind of a well-formed eref of either endpoint kind. */
    public static RefKind kind(String eref) {
        return letter(eref, 0) == 'o' ? RefKind.OBJECT : RefKind.PROMISE;
    }

    /** Whether a well-formed eref was allocated by the kernel ({@code -}): an import. */
    public static boolean isImport(String eref) {
        return letter(eref, 1) == '-';
    }

    /** Whether a well-formed eref was allocated by its endpoint ({@code +}): an export. */
    public static boolean isExport(String eref) {
        return letter(eref, 1) == '+';
    }

    /** The kind letter (offset 0) or polarity (offset 1), skipping a remote's leading {@code r}. */
    private static char letter(String eref, int offset) {
        int start = eref.startsWith("r") ? 1 : 0;
        if (eref.length() < start + 3) {
            throw new IllegalArgumentException("not an endpoint reference: " + RefNumbers.shown(eref));
        }
        char c = eref.charAt(start + offset);
        boolean ok = offset == 0 ? c == 'o' || c == 'p' : c == '+' || c == '-';
        if (!ok) {
            throw new IllegalArgumentException("not an endpoint reference: " + RefNumbers.shown(eref));
        }
        return c;
    }
}
