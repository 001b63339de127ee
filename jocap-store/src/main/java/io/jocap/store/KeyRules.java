package io.jocap.store;

/** Argument checks, with messages that say what was wrong and where. */
final class KeyRules {
    private static final int MAX_SHOWN = 80;
    private static final int MAX_SAVEPOINT_NAME = 64;

    private KeyRules() {}

    static String key(String key) {
        if (key == null) {
            throw new IllegalArgumentException("key must not be null");
        }
        if (key.isEmpty()) {
            throw new IllegalArgumentException("key must not be empty");
        }
        wellFormed(key, "key");
        return key;
    }

    static String value(String key, String value) {
        if (value == null) {
            throw new IllegalArgumentException(
                    "value for key " + shown(key) + " must not be null (use delete to remove a key)");
        }
        int bad = unpairedSurrogate(value);
        if (bad >= 0) {
            throw unpaired(value, bad, "value for key " + shown(key));
        }
        return value;
    }

    /** A bound or position that need not be a valid key: null and empty are allowed. */
    static String bound(String bound, String what) {
        if (bound != null) {
            wellFormed(bound, what);
        }
        return bound;
    }

    static String position(String key) {
        if (key == null) {
            throw new IllegalArgumentException("key must not be null");
        }
        wellFormed(key, "key");
        return key;
    }

    static String vatId(String vatId) {
        if (vatId == null) {
            throw new IllegalArgumentException("vat id must not be null");
        }
        if (vatId.isEmpty()) {
            throw new IllegalArgumentException("vat id must not be empty");
        }
        wellFormed(vatId, "vat id");
        return vatId;
    }

    /** Savepoint names are SQL-identifier-like: {@code [A-Za-z_][A-Za-z0-9_]{0,63}}. */
    static String savepointName(String name) {
        if (name == null) {
            throw new IllegalArgumentException("savepoint name must not be null");
        }
        boolean ok = !name.isEmpty() && name.length() <= MAX_SAVEPOINT_NAME;
        for (int i = 0; ok && i < name.length(); i++) {
            char c = name.charAt(i);
            boolean letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
            ok = letter || (i > 0 && c >= '0' && c <= '9');
        }
        if (!ok) {
            throw new IllegalArgumentException(
                    "invalid savepoint name " + shown(name)
                            + ": must match [A-Za-z_][A-Za-z0-9_]{0,63} (a letter or _, then up to 63 letters,"
                            + " digits or _)");
        }
        return name;
    }

    private static void wellFormed(String s, String what) {
        int bad = unpairedSurrogate(s);
        if (bad >= 0) {
            throw unpaired(s, bad, what);
        }
    }

    /** The index of the first unpaired surrogate, or -1. */
    private static int unpairedSurrogate(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return i;
                }
            }
        }
        return -1;
    }

    private static IllegalArgumentException unpaired(String s, int index, String what) {
        return new IllegalArgumentException(
                what + " contains an unpaired surrogate U+"
                        + Integer.toHexString(s.charAt(index)).toUpperCase() + " at index " + index
                        + "; SQLite stores UTF-8 and would corrupt it");
    }

    static String shown(String s) {
        if (s == null) {
            return "null";
        }
        String cut = s.length() > MAX_SHOWN ? s.substring(0, MAX_SHOWN) + "..." : s;
        return "'" + cut + "'";
    }
}
