package io.jocap.store;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BiConsumer;

/**
 * The writes one layer (a crank's overlay, the dirty set or the flushing set) holds for one key
 * space: key to value or {@link Tombstone#VALUE}, plus a "cleared" flag meaning the whole space was
 * deleted at this layer, so layers below it are hidden.
 *
 * <p>Point operations are hash-based. The key-ordered index that iteration needs is built the
 * first time someone iterates and is then kept up to date, so cranks that never iterate never pay
 * for ordering.
 *
 * <p>Confined to the kernel thread while it is an overlay or the dirty set. Once handed to a flush
 * its writes are never modified again; the flusher thread then reads them ({@link #keys},
 * {@link #get}) while the kernel thread may still read them and build the ordered index, which
 * the flusher never touches.
 */
final class SpaceWrites {
    private final HashMap<String, String> entries = new HashMap<>();
    private boolean cleared;
    private TreeSet<String> sortedKeys;

    /**
     * In the flushing chain of a {@link KeySpace}: the next older batch's writes for the space.
     * Set by the flusher before it publishes this layer, cut by the kernel thread when it drops
     * the older batch; both under the write-back lock.
     */
    SpaceWrites older;

    /** The value, {@link Tombstone#VALUE}, or null if this layer has no write for the key. */
    String get(String key) {
        return entries.get(key);
    }

    boolean cleared() {
        return cleared;
    }

    int size() {
        return entries.size();
    }

    boolean isEmpty() {
        return entries.isEmpty() && !cleared;
    }

    /** Records a write; returns the previous write at this layer or null. */
    String put(String key, String value) {
        String previous = entries.put(key, value);
        if (previous == null && sortedKeys != null) {
            sortedKeys.add(key);
        }
        return previous;
    }

    void remove(String key) {
        if (entries.remove(key) != null && sortedKeys != null) {
            sortedKeys.remove(key);
        }
    }

    /** Whether this (ended) overlay is small enough that emptying it is cheaper than a new one. */
    boolean recyclable() {
        return entries.size() <= 32;
    }

    /** Empties this layer for reuse as a new overlay. */
    void recycle() {
        entries.clear();
        cleared = false;
        sortedKeys = null;
        older = null;
    }

    /** Drops every write and marks the space as deleted at this layer. */
    void clear() {
        entries.clear();
        sortedKeys = null;
        cleared = true;
    }

    /** Applies the later layer {@code newer} on top of this one; returns how many keys were new. */
    int absorb(SpaceWrites newer) {
        int added = 0;
        if (newer.cleared) {
            added -= entries.size();
            clear();
        }
        for (Map.Entry<String, String> e : newer.entries.entrySet()) {
            if (put(e.getKey(), e.getValue()) == null) {
                added++;
            }
        }
        return added;
    }

    void forEach(BiConsumer<String, String> action) {
        entries.forEach(action);
    }

    /** The keys written here, in no particular order (a fresh array). */
    String[] keys() {
        return entries.keySet().toArray(new String[0]);
    }

    /** The smallest key written here that is {@code >= from} (or the first key if null). */
    String ceiling(String from) {
        if (entries.isEmpty()) {
            return null;
        }
        TreeSet<String> keys = sortedKeys();
        return from == null ? (keys.isEmpty() ? null : keys.first()) : keys.ceiling(from);
    }

    /** The smallest key written here that is {@code > after}. */
    String higher(String after) {
        return entries.isEmpty() ? null : sortedKeys().higher(after);
    }

    private TreeSet<String> sortedKeys() {
        if (sortedKeys == null) {
            TreeSet<String> keys = new TreeSet<>(KeyOrder.COMPARATOR);
            keys.addAll(entries.keySet());
            sortedKeys = keys;
        }
        return sortedKeys;
    }
}
