package io.jocap.store;

import java.util.HashMap;
import java.util.HashSet;
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
 * its writes are never modified again; the flusher thread then reads them ({@link #forEach},
 * {@link #get}) while the kernel thread may still read them and build the ordered index, which
 * the flusher never touches.
 */
final class SpaceWrites {
    private final HashMap<String, String> entries = new HashMap<>();
    /**
     * Keys written here that a layer below or a SQLite row may hold: those the {@link KeyFilter}
     * had seen when this layer first wrote them, and deletes of keys this layer did not hold. Every
     * other key here is <em>fresh</em>: nothing below has it, so a tombstone of it hides nothing
     * and its commit point writes no row for it (a key made and deleted between two commit points
     * costs nothing in SQLite). An overlay keeps such a tombstone for the rest of its crank, but
     * the dirty set does not take it: {@link #absorb} removes the key instead. Kept as the
     * (usually much smaller) set of stale keys rather than the fresh ones; lazily allocated.
     */
    private HashSet<String> stale;
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

    /** Marks {@code key}, which this layer holds, as one a layer below or SQLite may hold too. */
    void markStale(String key) {
        if (stale == null) {
            stale = new HashSet<>();
        }
        stale.add(key);
    }

    /** For a key this layer holds: whether nothing below it holds the key (see {@link #stale}). */
    boolean isFresh(String key) {
        return stale == null || !stale.contains(key);
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
        stale = null;
    }

    /** Drops every write and marks the space as deleted at this layer. */
    void clear() {
        entries.clear();
        sortedKeys = null;
        stale = null;
        cleared = true;
    }

    /**
     * Applies the later layer {@code newer} on top of this one; returns how many keys were new
     * here (negative if more were removed). A key new here is as fresh as it was in {@code newer};
     * a key this layer already held keeps its own mark (what is below this layer did not change).
     * A fresh key deleted by {@code newer} is removed rather than kept as a tombstone: nothing
     * below holds it, so its absence hides nothing (unless this layer is cleared, where absence
     * already means deleted).
     */
    int absorb(SpaceWrites newer) {
        int added = 0;
        if (newer.cleared) {
            added -= entries.size();
            clear();
        }
        for (Map.Entry<String, String> e : newer.entries.entrySet()) {
            String key = e.getKey();
            String value = e.getValue();
            if (Tombstone.is(value) && !cleared) {
                // A fresh key deleted: nothing below holds it, so it needs no entry at all.
                String held = entries.get(key);
                if (held == null ? newer.isFresh(key) : isFresh(key)) {
                    if (held != null) {
                        remove(key);
                        added--;
                    }
                    continue;
                }
            }
            if (put(key, value) == null) {
                added++;
                if (!newer.isFresh(key)) {
                    markStale(key);
                }
            }
        }
        return added;
    }

    /**
     * Whether a commit point must write this key's row: always for a value, and for a tombstone
     * unless the key is fresh (SQLite never had it).
     */
    boolean needsRow(String key, String value) {
        return !Tombstone.is(value) || !isFresh(key);
    }

    void forEach(BiConsumer<String, String> action) {
        entries.forEach(action);
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
