package io.jocap.store;

import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * An iteration over one key space in key order, merging the overlay, dirty and flushing layers
 * with pages of SQLite rows, newest layer winning and tombstones skipped.
 *
 * <p>The cursor keeps only its position (the last key it passed). Each step asks every layer
 * afresh for its first key after the position, so writes made by the caller while iterating are
 * picked up or not according to where they fall, and there is nothing to invalidate. SQLite is
 * read a page at a time after the position; a page is read again whenever a batch has left
 * memory since it was read (the flush epoch changed), because the page may predate that batch's
 * commit.
 */
final class MergedCursor implements Iterator<Map.Entry<String, String>> {
    private static final int MAX_PAGE = 512;

    private final SpaceView view;
    private final KeySpace space;
    private final String to;
    private SpaceWrites[] layers = new SpaceWrites[4];
    private int layerCount;

    private String position;
    private boolean exclusive;
    private Map.Entry<String, String> next;
    private boolean finished;

    private SqliteReads.Page page;
    private int pageIndex;
    private int pageLimit;
    private long pageEpoch;
    private boolean storedExhausted;

    /**
     * @param from where to start; null: from the first key
     * @param fromExclusive whether {@code from} itself is excluded
     * @param toExclusive where to stop; null: at the end
     */
    MergedCursor(SpaceView view, String from, boolean fromExclusive, String toExclusive, int firstPage) {
        this.view = view;
        this.space = view.space();
        this.position = from;
        this.exclusive = fromExclusive && from != null;
        this.to = toExclusive;
        this.pageLimit = firstPage;
    }

    @Override
    public boolean hasNext() {
        if (next == null && !finished) {
            view.checkUsable();
            next = advance();
            finished = next == null;
        }
        return next != null;
    }

    @Override
    public Map.Entry<String, String> next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Map.Entry<String, String> entry = next;
        next = null;
        return entry;
    }

    private Map.Entry<String, String> advance() {
        try {
            while (true) {
                int visible = collectLayers();
                boolean storedVisible = visible == layerCount && (visible == 0 || !layers[visible - 1].cleared());
                String candidate = null;
                for (int i = 0; i < visible; i++) {
                    SpaceWrites layer = layers[i];
                    String key = exclusive ? layer.higher(position) : layer.ceiling(position);
                    if (key != null && KeyOrder.below(key, to)
                            && (candidate == null || KeyOrder.compare(key, candidate) < 0)) {
                        candidate = key;
                    }
                }
                String storedKey = storedVisible ? storedHead() : null;
                if (storedKey != null && (candidate == null || KeyOrder.compare(storedKey, candidate) < 0)) {
                    candidate = storedKey;
                }
                if (candidate == null) {
                    return null;
                }
                String value = null;
                for (int i = 0; i < visible && value == null; i++) {
                    value = layers[i].get(candidate);
                }
                if (value == null && candidate.equals(storedKey)) {
                    value = page.values()[pageIndex];
                }
                position = candidate;
                exclusive = true;
                if (value != null && !Tombstone.is(value)) {
                    return Map.entry(candidate, value);
                }
            }
        } finally {
            java.util.Arrays.fill(layers, 0, layerCount, null);
        }
    }

    /**
     * Loads the space's current layers, newest first, into {@link #layers}; returns how many are
     * visible: all of them (and then SQLite too), or up to and including the first cleared one.
     */
    private int collectLayers() {
        layerCount = 0;
        addLayer(space.overlay);
        addLayer(space.dirty); // dirty before flushing: see KeySpace
        for (SpaceWrites layer = space.flushing; layer != null; layer = layer.older) {
            addLayer(layer);
        }
        for (int i = 0; i < layerCount; i++) {
            if (layers[i].cleared()) {
                return i + 1;
            }
        }
        return layerCount;
    }

    private void addLayer(SpaceWrites layer) {
        if (layer != null) {
            if (layerCount == layers.length) {
                layers = java.util.Arrays.copyOf(layers, layerCount * 2);
            }
            layers[layerCount++] = layer;
        }
    }

    /** The first stored key after the position (and below the end), reading pages as needed. */
    private String storedHead() {
        long epoch = view.flushEpoch();
        if (page != null && epoch != pageEpoch) {
            page = null; // a commit point completed since this page was read
            storedExhausted = false;
        }
        while (true) {
            if (page != null) {
                while (pageIndex < page.size() && !afterPosition(page.keys()[pageIndex])) {
                    pageIndex++;
                }
                if (pageIndex < page.size()) {
                    return page.keys()[pageIndex];
                }
            }
            if (storedExhausted) {
                return null;
            }
            page = view.page(position, exclusive, to, pageLimit);
            pageIndex = 0;
            pageEpoch = epoch;
            storedExhausted = page.size() < pageLimit;
            pageLimit = Math.min(pageLimit * 2, MAX_PAGE);
        }
    }

    private boolean afterPosition(String key) {
        if (position == null) {
            return true;
        }
        int c = KeyOrder.compare(key, position);
        return exclusive ? c > 0 : c >= 0;
    }
}
