package io.jocap.kernel.state;

/**
 * Parsing of the decimal numbers inside ids ({@code ko12}, {@code v3}, {@code o-4}): positive,
 * ASCII digits only, no leading zero, at most 18 digits. The canonical form matters because ids
 * are parts of store keys: {@code ko01} and {@code ko1} would otherwise be two keys for one object.
 */
final class RefNumbers {
    /** 18 digits always fit in a long; ids never get near that. */
    static final int MAX_DIGITS = 18;

    private RefNumbers() {}

    /** The number in {@code s} from {@code start} to the end, or -1 if it is not canonical. */
    static long parse(String s, int start) {
        int length = s.length() - start;
        if (length <= 0 || length > MAX_DIGITS || s.charAt(start) == '0') {
            return -1;
        }
        long n = 0;
        for (int i = start; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    /** A count in {@code s}: {@code 0} or a canonical positive number; -1 if it is neither. */
    static long parseCount(String s) {
        return s.equals("0") ? 0 : parse(s, 0);
    }

    /** Quotes a bad value for an error message, cut short if long; null stays null. */
    static String shown(String s) {
        if (s == null) {
            return "null";
        }
        String cut = s.length() > 60 ? s.substring(0, 60) + "…" : s;
        return "\"" + cut + "\"";
    }
}
