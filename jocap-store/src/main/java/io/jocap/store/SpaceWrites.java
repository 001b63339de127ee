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
 * its writes are never modified again; the flusher thread then reads them ({@link #keys},
 * {@link #get}) while the kernel thread may still read them and build the ordered index, which
 * the flusher never touches.
 */
final class SpaceWrites {
    private final HashMap<String, String> entries = new HashMap<>();
    /**
     * Keys written here that no layer below and no SQLite row held when they were first written
     * (the {@link KeyFilter} had never seen them). A tombstone for such a key hides nothing in
     * SQLite, so its commit point writes no row for it: a key made and deleted between two commit
     * points costs nothing there. The tombstone itself stays, so reads of the deleted key are
     * answered from memory (and, once the batch is written, from the clean cache). Lazily allocated.
     */
    private HashSet<String> fresh;
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

    /** Marks {@code key} as {@linkplain #fresh fresh}: nothing below this layer holds it. */
    void markFresh(String key) {
        if (fresh == null) {
            fresh = new HashSet<>();
        }
        fresh.add(key);
    }

    boolean isFresh(String key) {
        return fresh != null && fresh.contains(key);
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
        fresh = null;
    }

    /** Drops every write and marks the space as deleted at this layer. */
    void clear() {
        entries.clear();
        sortedKeys = null;
        fresh = null;
        cleared = true;
    }

    /**
     * Applies the later layer {@code newer} on top of this one; returns how many keys were new
     * here. A key fresh in {@code newer} stays fresh here.
     */
    int absorb(SpaceWrites newer) {
        int added = 0;
        if (newer.cleared) {
            added -= entries.size();
            clear();
        }
        for (Map.Entry<String, String> e : newer.entries.entrySet()) {
            String key = e.getKey();
            if (put(key, e.getValue()) == null) {
                added++;
                if (newer.isFresh(key)) {
                    markFresh(key);
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
