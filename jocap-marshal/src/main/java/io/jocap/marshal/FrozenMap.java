package io.jocap.marshal;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * An unmodifiable, insertion-ordered map from strings to values (null allowed), over arrays it
 * owns: what decoding yields for a copyRecord. Small maps look keys up by scanning; larger ones
 * keep a hash index. Every mutator throws {@code UnsupportedOperationException}.
 */
final class FrozenMap extends AbstractMap<String, Object> {
    static final FrozenMap EMPTY = new FrozenMap(new String[0], new Object[0], null);

    /** Up to this many entries, lookups scan (cheaper than hashing for the typical small record). */
    private static final int SCAN_LIMIT = 8;

    private final String[] keys;
    private final Object[] values;
    private final HashMap<String, Integer> index; // null when small
    private Set<Entry<String, Object>> entrySet;

    private FrozenMap(String[] keys, Object[] values, HashMap<String, Integer> index) {
        this.keys = keys;
        this.values = values;
        this.index = index;
    }

    /**
     * Builds a map from {@code n} key/value pairs stored alternately in {@code pairs} from {@code
     * base}, as {@code JSON.parse} would: a repeated key keeps its first position and its last
     * value.
     */
    static FrozenMap fromPairs(Object[] pairs, int base, int n) {
        if (n == 0) {
            return EMPTY;
        }
        String[] keys = new String[n];
        Object[] values = new Object[n];
        int size = 0;
        if (n <= SCAN_LIMIT) {
            outer:
            for (int i = 0; i < n; i++) {
                String key = (String) pairs[base + 2 * i];
                Object value = pairs[base + 2 * i + 1];
                for (int j = 0; j < size; j++) {
                    if (keys[j].equals(key)) {
                        values[j] = value;
                        continue outer;
                    }
                }
                keys[size] = key;
                values[size++] = value;
            }
            return new FrozenMap(trim(keys, size), trim(values, size), null);
        }
        HashMap<String, Integer> index = HashMap.newHashMap(n);
        for (int i = 0; i < n; i++) {
            String key = (String) pairs[base + 2 * i];
            Object value = pairs[base + 2 * i + 1];
            Integer at = index.putIfAbsent(key, size);
            if (at != null) {
                values[at] = value;
            } else {
                keys[size] = key;
                values[size++] = value;
            }
        }
        return new FrozenMap(trim(keys, size), trim(values, size), size > SCAN_LIMIT ? index : null);
    }

    private static <T> T[] trim(T[] array, int size) {
        return size == array.length ? array : Arrays.copyOf(array, size);
    }

    private int indexOf(Object key) {
        if (index != null) {
            Integer at = index.get(key);
            return at == null ? -1 : at;
        }
        for (int i = 0; i < keys.length; i++) {
            if (keys[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public Object get(Object key) {
        int at = indexOf(key);
        return at < 0 ? null : values[at];
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public int size() {
        return keys.length;
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super Object> action) {
        for (int i = 0; i < keys.length; i++) {
            action.accept(keys[i], values[i]);
        }
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        Set<Entry<String, Object>> set = entrySet;
        if (set == null) {
            set = new AbstractSet<>() {
                @Override
                public Iterator<Entry<String, Object>> iterator() {
                    return new Iterator<>() {
                        private int next;

                        @Override
                        public boolean hasNext() {
                            return next < keys.length;
                        }

                        @Override
                        public Entry<String, Object> next() {
                            if (next >= keys.length) {
                                throw new NoSuchElementException();
                            }
                            int i = next++;
                            return new SimpleImmutableEntry<>(keys[i], values[i]);
                        }
                    };
                }

                @Override
                public int size() {
                    return keys.length;
                }
            };
            entrySet = set;
        }
        return set;
    }

    /** The key at position {@code i} in insertion order. */
    String keyAt(int i) {
        return keys[i];
    }

    /** The value at position {@code i} in insertion order. */
    Object valueAt(int i) {
        return values[i];
    }
}
