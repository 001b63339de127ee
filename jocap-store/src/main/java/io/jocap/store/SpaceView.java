package io.jocap.store;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;

/**
 * One key space as the kernel sees it: the {@link KVStore} whose reads look through the layers
 * newest first (crank overlay, dirty set, flushing set, clean cache, SQLite) and whose writes go to
 * the crank overlay. A layer that marks the space as cleared hides everything below it.
 */
final class SpaceView implements KVStore {
    private static final int NEXT_KEY_PAGE = 8;
    private static final int RANGE_PAGE = 32;

    private final KeySpace space;
    private final CrankOverlay crank;
    private final CleanCache cache;
    private final SqliteReads reads;
    private final KeyFilter filter;
    private final WriteBack writeBack;
    private final Path file;

    SpaceView(KeySpace space, CrankOverlay crank, CleanCache cache, KeyFilter filter,
            SqliteReads reads, WriteBack writeBack, Path file) {
        this.space = space;
        this.crank = crank;
        this.cache = cache;
        this.filter = filter;
        this.reads = reads;
        this.writeBack = writeBack;
        this.file = file;
    }

    KeySpace space() {
        return space;
    }

    @Override
    public String get(String key) {
        KeyRules.key(key);
        writeBack.checkUsable();
        return Tombstone.unwrap(lookup(key));
    }

    @Override
    public boolean has(String key) {
        KeyRules.key(key);
        writeBack.checkUsable();
        String value = lookup(key);
        return value != null && !Tombstone.is(value);
    }

    @Override
    public void set(String key, String value) {
        KeyRules.key(key);
        KeyRules.value(key, value);
        writeBack.checkUsable();
        // Outside a crank, write refuses after the filter has learnt the key: a harmless extra bit.
        crank.write(space, key, value, filter.add(space.filterSeed, key), "set");
    }

    @Override
    public void delete(String key) {
        KeyRules.key(key);
        writeBack.checkUsable();
        crank.requireActive("delete");
        if (knownAbsent(key)) {
            return; // nothing to delete, nothing to write (the kernel deletes many keys just in case)
        }
        crank.write(space, key, Tombstone.VALUE, false, "delete");
    }

    /**
     * Whether memory alone shows that {@code key} does not exist: a layer's tombstone or cleared
     * flag, a remembered absence in the clean cache, or a key the filter never saw. Counts no
     * cache hit or filtered read: a write is no read saved.
     */
    private boolean knownAbsent(String key) {
        if (!filter.seen(space.filterSeed, key)) {
            return true;
        }
        String value = layered(key);
        if (value == null) {
            value = cache.peek(space.cached, key);
        }
        return value != null && Tombstone.is(value);
    }

    @Override
    public String getNextKey(String key) {
        KeyRules.position(key);
        writeBack.checkUsable();
        MergedCursor cursor = new MergedCursor(this, key, true, null, NEXT_KEY_PAGE);
        return cursor.hasNext() ? cursor.next().getKey() : null;
    }

    @Override
    public Iterable<Map.Entry<String, String>> range(String fromInclusive, String toExclusive) {
        KeyRules.bound(fromInclusive, "range start");
        KeyRules.bound(toExclusive, "range end");
        writeBack.checkUsable();
        return () -> {
            writeBack.checkUsable();
            return new MergedCursor(this, fromInclusive, false, toExclusive, RANGE_PAGE);
        };
    }

    @Override
    public Iterable<Map.Entry<String, String>> prefix(String prefix) {
        if (prefix == null) {
            throw new IllegalArgumentException("prefix must not be null (use \"\" for all keys)");
        }
        KeyRules.bound(prefix, "prefix");
        return prefix.isEmpty() ? range(null, null) : range(prefix, KeyOrder.prefixEnd(prefix));
    }

    /** The newest value, {@link Tombstone#VALUE} if deleted or known absent, or null if absent. */
    private String lookup(String key) {
        // Every key a layer, the cache or SQLite holds was added to the filter, so a key it never
        // saw needs no lookup at all. Most keys the kernel reads that way are new (a promise's
        // count, a c-list entry not made yet): in a batch of 100,000s of keys, each layer probed
        // would be a cache miss of the processor's, and the filter costs one.
        if (!filter.mightContain(space.filterSeed, key)) {
            return null;
        }
        String value = layered(key);
        if (value != null) {
            return value;
        }
        if ((value = cache.get(space.cached, key)) != null) {
            return value;
        }
        // No layer holds the key, so no commit point is writing its row: what SQLite returns is the
        // latest committed value and safe to cache.
        value = readStored(key);
        cache.put(space.cached, key, value == null ? Tombstone.VALUE : value);
        return value;
    }

    /**
     * The newest write a memory layer (overlay, dirty set, flushing batches) holds for the key: a
     * value, or {@link Tombstone#VALUE} if deleted or hidden by a cleared layer; null if none does.
     */
    private String layered(String key) {
        String value;
        SpaceWrites layer = space.overlay;
        if (layer != null) {
            if ((value = layer.get(key)) != null) {
                return value;
            }
            if (layer.cleared()) {
                return Tombstone.VALUE;
            }
        }
        layer = space.dirty; // dirty before flushing: see KeySpace
        if (layer != null) {
            if ((value = layer.get(key)) != null) {
                return value;
            }
            if (layer.cleared()) {
                return Tombstone.VALUE;
            }
        }
        for (layer = space.flushing; layer != null; layer = layer.older) {
            if ((value = layer.get(key)) != null) {
                return value;
            }
            if (layer.cleared()) {
                return Tombstone.VALUE;
            }
        }
        return null;
    }

    private String readStored(String key) {
        try {
            return reads.get(space, key);
        } catch (SQLException e) {
            throw readFailure(e);
        }
    }

    SqliteReads.Page page(String from, boolean exclusive, String toExclusive, int limit) {
        try {
            return reads.page(space, from, exclusive, toExclusive, limit);
        } catch (SQLException e) {
            throw readFailure(e);
        }
    }

    long flushEpoch() {
        return writeBack.flushEpoch();
    }

    void checkUsable() {
        writeBack.checkUsable();
    }

    private StoreException readFailure(SQLException e) {
        return new StoreException("cannot read " + space + " from " + file + ": " + e.getMessage(), e);
    }
}
