package io.jocap.marshal;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The rank order of {@code @endo/marshal}'s {@code compareRank}: the total preorder that {@code
 * @endo/patterns} sorts collections by.
 *
 * <p>Values of different pass styles are ordered by style: error &lt; copyRecord &lt; tagged &lt;
 * promise &lt; copyArray &lt; boolean &lt; number &lt; bigint &lt; remotable &lt; string &lt; null
 * &lt; symbol &lt; undefined. Within a style: numbers numerically with {@code -0} equal to {@code
 * 0} and {@code NaN} after everything else; bigints numerically; {@code false} before {@code
 * true}; strings by UTF-16 code units; symbols by passable name; lists lexicographically (a prefix
 * first); records by their property names in descending order (compared as lists), then by their
 * values in that order; tagged values by tag, then payload. All remotables tie, as do all promises
 * and all errors; stable sorts keep their input order.
 *
 * <p>Not consistent with {@code equals} ({@code 0.0} and {@code -0.0} tie, as do distinct
 * remotables). Throws {@link MarshalException} for values that are not passable.
 */
public final class RankOrder implements Comparator<Object> {
    /** The comparator. */
    public static final RankOrder INSTANCE = new RankOrder();

    /** Nesting beyond this is rejected, so a cyclic Java list fails cleanly. */
    private static final int MAX_DEPTH = 1000;

    private RankOrder() {}

    @Override
    public int compare(Object a, Object b) {
        return compare(a, b, 0);
    }

    private static int compare(Object a, Object b, int depth) {
        if (depth > MAX_DEPTH) {
            throw new MarshalException("cannot rank values nested more than " + MAX_DEPTH + " levels deep (cyclic?)");
        }
        PassStyle sa = PassStyle.of(a);
        PassStyle sb = PassStyle.of(b);
        if (sa != sb) {
            return Integer.compare(styleRank(sa), styleRank(sb));
        }
        return switch (sa) {
            case NULL, UNDEFINED, REMOTABLE, PROMISE, ERROR -> 0;
            case BOOLEAN -> Boolean.compare((Boolean) a, (Boolean) b);
            case NUMBER -> compareNumbers(toDouble(a), toDouble(b));
            case BIGINT -> ((java.math.BigInteger) a).compareTo((java.math.BigInteger) b);
            case STRING -> Integer.signum(((String) a).compareTo((String) b));
            case SYMBOL -> Integer.signum(((PassableSymbol) a).name().compareTo(((PassableSymbol) b).name()));
            case COPY_ARRAY -> compareLists((List<?>) a, (List<?>) b, depth);
            case COPY_RECORD -> compareRecords((Map<?, ?>) a, (Map<?, ?>) b, depth);
            case TAGGED -> {
                Tagged ta = (Tagged) a;
                Tagged tb = (Tagged) b;
                int byTag = Integer.signum(ta.tag().compareTo(tb.tag()));
                yield byTag != 0 ? byTag : compare(ta.payload(), tb.payload(), depth + 1);
            }
        };
    }

    /** The position of each style in rank order (the character codes of the encodePassable prefixes). */
    private static int styleRank(PassStyle style) {
        return switch (style) {
            case ERROR -> '!';
            case COPY_RECORD -> '(';
            case TAGGED -> ':';
            case PROMISE -> '?';
            case COPY_ARRAY -> '[';
            case BOOLEAN -> 'b';
            case NUMBER -> 'f';
            case BIGINT -> 'n';
            case REMOTABLE -> 'r';
            case STRING -> 's';
            case NULL -> 'v';
            case SYMBOL -> 'y';
            case UNDEFINED -> 'z';
        };
    }

    static double toDouble(Object number) {
        return ((Number) number).doubleValue();
    }

    private static int compareNumbers(double x, double y) {
        if (Double.isNaN(x)) {
            return Double.isNaN(y) ? 0 : 1;
        }
        if (Double.isNaN(y)) {
            return -1;
        }
        return x < y ? -1 : x > y ? 1 : 0; // -0 and 0 tie
    }

    private static int compareLists(List<?> a, List<?> b, int depth) {
        int n = Math.min(a.size(), b.size());
        for (int i = 0; i < n; i++) {
            int c = compare(a.get(i), b.get(i), depth + 1);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    private static int compareRecords(Map<?, ?> a, Map<?, ?> b, int depth) {
        String[] na = descendingNames(a);
        String[] nb = descendingNames(b);
        int byNames = compareLists(Arrays.asList(na), Arrays.asList(nb), depth);
        if (byNames != 0) {
            return byNames;
        }
        for (int i = 0; i < na.length; i++) {
            int c = compare(a.get(na[i]), b.get(nb[i]), depth + 1);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static String[] descendingNames(Map<?, ?> record) {
        String[] names = new String[record.size()];
        int i = 0;
        for (Object key : record.keySet()) {
            if (!(key instanceof String s)) {
                throw new MarshalException("record keys must be strings, but a map has the key " + key);
            }
            names[i++] = s;
        }
        Arrays.sort(names, Comparator.reverseOrder());
        return names;
    }
}
