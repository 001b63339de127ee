package io.jocap.store;

import java.util.Comparator;

/**
 * The order of keys: Unicode code point order, which is the byte order of UTF-8 and therefore the
 * order SQLite's {@code BINARY} collation gives the {@code TEXT} columns. In-memory layers must sort
 * exactly like SQLite or merged iteration would interleave them wrongly. {@link String#compareTo}
 * compares UTF-16 code units and disagrees for characters above U+FFFF against U+E000..U+FFFF.
 */
final class KeyOrder {
    static final Comparator<String> COMPARATOR = KeyOrder::compare;

    private KeyOrder() {}

    static int compare(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                if (x >= Character.MIN_SURROGATE && y >= Character.MIN_SURROGATE) {
                    return codePointRank(x) - codePointRank(y);
                }
                return x - y;
            }
        }
        return a.length() - b.length();
    }

    /** Moves surrogates (which stand for code points above U+FFFF) above U+E000..U+FFFF. */
    private static int codePointRank(char c) {
        return c >= 0xE000 ? c - 0x800 : c + 0x2000;
    }

    /**
     * The smallest string greater than every string that starts with {@code prefix}, or null if
     * there is none (the prefix is empty or all U+10FFFF). {@code prefix} must be well-formed.
     */
    static String prefixEnd(String prefix) {
        int end = prefix.length();
        while (end > 0) {
            int cp = prefix.codePointBefore(end);
            int start = end - Character.charCount(cp);
            if (cp != Character.MAX_CODE_POINT) {
                // Skip the surrogate block: no well-formed string contains those code points.
                int next = cp + 1 == Character.MIN_SURROGATE ? 0xE000 : cp + 1;
                return prefix.substring(0, start) + Character.toString(next);
            }
            end = start;
        }
        return null;
    }

    static boolean below(String key, String toExclusive) {
        return toExclusive == null || compare(key, toExclusive) < 0;
    }
}
