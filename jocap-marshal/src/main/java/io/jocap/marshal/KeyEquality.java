package io.jocap.marshal;

import java.util.List;
import java.util.Map;

/**
 * Key equality as {@code @endo/patterns} has it (its full order's ties): numbers by value, with
 * {@code -0} equal to {@code 0} and {@code NaN} equal to {@code NaN}; remotables, promises and errors
 * by identity; lists, records and tagged values structurally; everything else by {@code equals}.
 */
final class KeyEquality {
    private static final int MAX_DEPTH = 1000;

    private KeyEquality() {}

    /** A key wrapped so that hash-based collections compare it by key equality. */
    record Key(Object key) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key other && equal(key, other.key, 0);
        }

        @Override
        public int hashCode() {
            return hash(key, 0);
        }
    }

    private static boolean equal(Object a, Object b, int depth) {
        if (a == b) {
            return true;
        }
        if (depth > MAX_DEPTH) {
            throw new MarshalException("cannot compare keys nested more than " + MAX_DEPTH + " levels deep");
        }
        PassStyle sa = PassStyle.of(a);
        if (sa != PassStyle.of(b)) {
            return false;
        }
        return switch (sa) {
            case NUMBER -> {
                double x = RankOrder.toDouble(a);
                double y = RankOrder.toDouble(b);
                yield x == y || (Double.isNaN(x) && Double.isNaN(y));
            }
            case REMOTABLE, PROMISE, ERROR -> false; // identity, checked above
            case COPY_ARRAY -> {
                List<?> la = (List<?>) a;
                List<?> lb = (List<?>) b;
                if (la.size() != lb.size()) {
                    yield false;
                }
                for (int i = 0; i < la.size(); i++) {
                    if (!equal(la.get(i), lb.get(i), depth + 1)) {
                        yield false;
                    }
                }
                yield true;
            }
            case COPY_RECORD -> {
                Map<?, ?> ma = (Map<?, ?>) a;
                Map<?, ?> mb = (Map<?, ?>) b;
                if (ma.size() != mb.size()) {
                    yield false;
                }
                for (Map.Entry<?, ?> e : ma.entrySet()) {
                    if (!mb.containsKey(e.getKey()) || !equal(e.getValue(), mb.get(e.getKey()), depth + 1)) {
                        yield false;
                    }
                }
                yield true;
            }
            case TAGGED -> ((Tagged) a).tag().equals(((Tagged) b).tag())
                    && equal(((Tagged) a).payload(), ((Tagged) b).payload(), depth + 1);
            default -> a.equals(b);
        };
    }

    private static int hash(Object key, int depth) {
        if (depth > MAX_DEPTH) {
            throw new MarshalException("cannot hash keys nested more than " + MAX_DEPTH + " levels deep");
        }
        return switch (PassStyle.of(key)) {
            case NULL -> 0;
            case NUMBER -> {
                double x = RankOrder.toDouble(key);
                yield Double.hashCode(x == 0 ? 0.0 : x); // -0 and 0 are one key; NaN hashes canonically
            }
            case REMOTABLE, PROMISE, ERROR -> System.identityHashCode(key);
            case COPY_ARRAY -> {
                int h = 1;
                for (Object item : (List<?>) key) {
                    h = 31 * h + hash(item, depth + 1);
                }
                yield h;
            }
            case COPY_RECORD -> {
                int h = 0;
                for (Map.Entry<?, ?> e : ((Map<?, ?>) key).entrySet()) {
                    h += e.getKey().hashCode() ^ hash(e.getValue(), depth + 1);
                }
                yield h;
            }
            case TAGGED -> 31 * ((Tagged) key).tag().hashCode() + hash(((Tagged) key).payload(), depth + 1);
            default -> key.hashCode();
        };
    }
}
