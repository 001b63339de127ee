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
     * Implementation overview. Keys: mf.<kref> = "" while marked (membership: a point read);
     * mfl = the marked krefs in marking order, space-separated, absent when none is marked (so
     * "anything to do?" is a point read, and taking the set reads one key instead of scanning the
     * prefix, which would be a SQLite range query every crank); once more than INLINE refs are
     * marked, mfo = "" says mfl is incomplete and take() scans the prefix. A ref forgotten (deleted)
     * may stay in mfl: take() returns only refs still marked.
     */
    static final String PREFIX = "mf.";
    private static final String LIST = "mfl";
    private static final String OVERFLOW = "mfo";
    private static final int INLINE = 64;
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
        String inline = kv.get(LIST);
        if (inline == null) {
            return List.of();
        }
        List<String> out;
        if (kv.has(OVERFLOW)) {
            out = list();
            kv.delete(OVERFLOW);
        } else {
            out = new ArrayList<>();
            for (String kref : inline.split(" ")) {
                if (kv.has(PREFIX + kref) && !out.contains(kref)) {
                    out.add(kref);
                }
            }
            out.sort(BY_KIND_AND_NUMBER);
        }
        for (String kref : out) {
            kv.delete(PREFIX + kref);
        }
        kv.delete(LIST);
        return out;
    }

    /** Whether nothing is marked (a point read; may say no when only forgotten refs were marked). */
    public boolean isEmpty() {
        return !kv.has(LIST);
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
        String inline = kv.get(LIST);
        if (inline == null) {
            kv.set(LIST, kref);
        } else if (kv.has(OVERFLOW)) {
            return;
        } else if (inline.chars().filter(c -> c == ' ').count() + 1 < INLINE) {
            kv.set(LIST, inline + " " + kref);
        } else {
            kv.set(OVERFLOW, "");
        }
    }

    /** Drops the mark of a ref that is being deleted, so the collector never sees an unknown ref. */
    void forget(String kref) {
        kv.delete(PREFIX + kref);
    }
}
