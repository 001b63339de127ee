package io.jocap.marshal;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the canonical payloads of {@code @endo/patterns} copySet, copyBag and copyMap (see {@link
 * Tagged}): entries sorted in reverse rank order by a stable sort, so rank ties keep input order;
 * keys checked to be keys; duplicate keys rejected.
 */
final class CopyCollections {
    private static final Comparator<Object> ANTI_RANK = (a, b) -> RankOrder.INSTANCE.compare(b, a);
    private static final int MAX_DEPTH = 1000;

    private CopyCollections() {}

    static Tagged copySet(Collection<?> elements) {
        if (elements == null) {
            throw new MarshalException("copySet elements must not be null");
        }
        Object[] items = elements.toArray();
        for (int i = 0; i < items.length; i++) {
            checkKey(items[i], "copySet element " + i, 0);
        }
        Arrays.sort(items, ANTI_RANK);
        checkNoDuplicates(Arrays.asList(items), "copySet");
        return new Tagged("copySet", FrozenList.of(items));
    }

    static Tagged copyBag(List<? extends List<?>> pairs) {
        Object[] entries = checkedPairs(pairs, "copyBag");
        for (int i = 0; i < entries.length; i++) {
            List<?> entry = (List<?>) entries[i];
            checkKey(entry.get(0), "copyBag key " + i, 0);
            if (!(entry.get(1) instanceof BigInteger count) || count.signum() <= 0) {
                throw new MarshalException("copyBag count " + i + " must be a positive BigInteger, got "
                        + PassableFormatter.format(entry.get(1)));
            }
        }
        Arrays.sort(entries, ANTI_RANK); // [key, count] pairs: counts order remotables that tie
        checkNoDuplicates(firstOfEach(entries), "copyBag");
        return new Tagged("copyBag", FrozenList.of(entries));
    }

    static Tagged copyMap(List<? extends List<?>> pairs) {
        Object[] entries = checkedPairs(pairs, "copyMap");
        for (int i = 0; i < entries.length; i++) {
            List<?> entry = (List<?>) entries[i];
            checkKey(entry.get(0), "copyMap key " + i, 0);
            PassStyle.of(entry.get(1));
        }
        Arrays.sort(entries, ANTI_RANK); // [key, value] pairs, as makeCopyMap sorts them
        List<Object> keys = firstOfEach(entries);
        checkNoDuplicates(keys, "copyMap");
        Object[] values = new Object[entries.length];
        for (int i = 0; i < entries.length; i++) {
            values[i] = ((List<?>) entries[i]).get(1);
        }
        Object[] payload = {"keys", FrozenList.of(keys.toArray()), "values", FrozenList.of(values)};
        return new Tagged("copyMap", FrozenMap.fromPairs(payload, 0, 2));
    }

    /** The entries of a map as {@code [key, value]} pairs (nulls allowed). */
    static List<List<?>> pairsOf(Map<?, ?> map) {
        if (map == null) {
            throw new MarshalException("entries must not be null");
        }
        List<List<?>> pairs = new ArrayList<>(map.size());
        for (Map.Entry<?, ?> e : map.entrySet()) {
            pairs.add(FrozenList.of(new Object[] {e.getKey(), e.getValue()}));
        }
        return pairs;
    }

    private static Object[] checkedPairs(List<? extends List<?>> pairs, String what) {
        if (pairs == null) {
            throw new MarshalException(what + " entries must not be null");
        }
        Object[] entries = new Object[pairs.size()];
        int i = 0;
        for (Object pair : pairs) {
            if (!(pair instanceof List<?> list) || list.size() != 2) {
                throw new MarshalException(what + " entry " + i + " must be a [key, value] list of two elements");
            }
            entries[i++] = FrozenList.of(new Object[] {list.get(0), list.get(1)});
        }
        return entries;
    }

    private static List<Object> firstOfEach(Object[] entries) {
        List<Object> firsts = new ArrayList<>(entries.length);
        for (Object e : entries) {
            firsts.add(((List<?>) e).get(0));
        }
        return firsts;
    }

    private static void checkNoDuplicates(List<Object> keys, String what) {
        Set<KeyEquality.Key> seen = new HashSet<>();
        for (Object key : keys) {
            if (!seen.add(new KeyEquality.Key(key))) {
                throw new MarshalException(what + " has duplicate keys: " + PassableFormatter.format(key));
            }
        }
    }

    /**
     * Checks that {@code value} is a key: passable, with no promises, errors, or tagged values
     * other than copySet, copyBag and copyMap anywhere inside.
     */
    private static void checkKey(Object value, String where, int depth) {
        if (depth > MAX_DEPTH) {
            throw new MarshalException(where + " is nested more than " + MAX_DEPTH + " levels deep (cyclic?)");
        }
        switch (PassStyle.of(value)) {
            case PROMISE -> throw new MarshalException(where + " is a promise, which cannot be a key");
            case ERROR -> throw new MarshalException(where + " is an error, which cannot be a key");
            case COPY_ARRAY -> {
                for (Object item : (List<?>) value) {
                    checkKey(item, where, depth + 1);
                }
            }
            case COPY_RECORD -> {
                for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                    if (!(e.getKey() instanceof String)) {
                        throw new MarshalException(where + " is a record with the non-string key " + e.getKey());
                    }
                    checkKey(e.getValue(), where, depth + 1);
                }
            }
            case TAGGED -> {
                Tagged t = (Tagged) value;
                if (!t.tag().equals("copySet") && !t.tag().equals("copyBag") && !t.tag().equals("copyMap")) {
                    throw new MarshalException(where + " is a value tagged " + JsonText.quote(t.tag())
                            + ", which cannot be a key (only copySet, copyBag and copyMap can)");
                }
                checkKey(t.payload(), where, depth + 1);
            }
            default -> {}
        }
    }
}
