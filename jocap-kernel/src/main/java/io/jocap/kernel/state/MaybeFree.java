package io.jocap.kernel.state;

import io.jocap.store.KVStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The refs that may have become garbage: every object whose reachable count (and so perhaps its
 * recognizable count) and every promise whose count a decrement brought to zero. The collector
 * (a later kernel step) takes the set and re-checks each ref, because a ref can gain a holder
 * again after its mark: moving a message from a promise queue to the run queue releases its
 * counts before taking them again ("break before make").
 *
 * <p>The set is persisted, one key per ref, so that it shares the fate of the crank that made the
 * decrements: an aborted crank takes its marks back with its counts (MetaMask's kernel kept it in
 * memory, where a rollback left marks for decrements that never happened).
 */
public final class MaybeFree {
    /*
     * Implementation overview. Keys: mf.<kref> = "" while marked, and mfn = how many are marked
     * (absent when none), so that the collector's "anything to do?" before every commit is a
     * point read rather than a prefix scan. take() lists the prefix and deletes what it listed.
     */
    static final String PREFIX = "mf.";
    private static final String COUNT = "mfn";
    private static final Comparator<String> BY_KIND_AND_NUMBER =
            Comparator.comparing(Kref::kind).thenComparingLong(Kref::number);

    private final KVStore kv;

    public MaybeFree(KVStore kv) {
        this.kv = Objects.requireNonNull(kv, "kv");
    }

    /** Whether {@code kref} is marked. */
    public boolean contains(String kref) {
        return kv.has(PREFIX + Kref.require(kref));
    }

    /** The marked refs, objects first, each kind in creation order, without clearing them. */
    public List<String> list() {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> entry : kv.prefix(PREFIX)) {
            String kref = entry.getKey().substring(PREFIX.length());
            if (!Kref.isValid(kref)) {
                throw new IllegalStateException("corrupt maybe-free key " + entry.getKey());
            }
            out.add(kref);
        }
        out.sort(BY_KIND_AND_NUMBER);
        return out;
    }

    /** Returns the marked refs (as {@link #list}) and clears the set; a write, so inside a crank. */
    public List<String> take() {
        if (isEmpty()) {
            return List.of();
        }
        List<String> out = list();
        for (String kref : out) {
            kv.delete(PREFIX + kref);
        }
        kv.delete(COUNT);
        return out;
    }

    /** Whether nothing is marked (a point read). */
    public boolean isEmpty() {
        return !kv.has(COUNT);
    }

    /**
     * Marks {@code kref} for the collector's attention although no count of it was decremented
     * (an export that lost its owner: its importers may have to be told). Inside a crank.
     */
    public void add(String kref) {
        mark(Kref.require(kref));
    }

    void mark(String kref) {
        if (kv.has(PREFIX + kref)) {
            return;
        }
        kv.set(PREFIX + kref, "");
        String count = kv.get(COUNT);
        kv.set(COUNT, Long.toString(count == null ? 1 : Long.parseLong(count) + 1));
    }

    /** Drops the mark of a ref that is being deleted, so the collector never sees an unknown ref. */
    void forget(String kref) {
        if (!kv.has(PREFIX + kref)) {
            return;
        }
        kv.delete(PREFIX + kref);
        long count = Long.parseLong(kv.get(COUNT)) - 1;
        if (count == 0) {
            kv.delete(COUNT);
        } else {
            kv.set(COUNT, Long.toString(count));
        }
    }
}
