package io.jocap.kernel.state;

import io.jocap.store.KVStore;
import java.util.List;
import java.util.Objects;

/**
 * The vats owed a {@code bringOutYourDead} delivery (a reap: the vat looks for imports it no
 * longer uses and reports them with GC syscalls). The run loop delivers reaps after GC actions
 * and before the run queue, one per crank, in the order they were scheduled.
 *
 * <p><b>Contract.</b> A vat is in the queue at most once: scheduling a vat already waiting changes
 * nothing (a reap done later covers everything an earlier one would have found). A rolled-back
 * crank puts a taken vat back. The taker checks the vat still exists. Writes must happen inside
 * a crank.
 */
public final class ReapQueue {
    /*
     * Implementation overview. The order is a StoredFifo at "reap" (reap = head/tail, reap.<pos> =
     * vat id); membership is one key per waiting vat, reapm.<vat> = "", which makes scheduling
     * idempotent without scanning the queue.
     */
    private static final String MEMBER = "reapm.";

    private final KVStore kv;
    private final StoredFifo<String> fifo;

    public ReapQueue(KVStore kv) {
        this.kv = Objects.requireNonNull(kv, "kv");
        this.fifo = new StoredFifo<>(kv, "reap", vat -> vat, ReapQueue::decode);
    }

    /**
     * Schedules a reap of {@code vat}; returns false if it was already waiting.
     *
     * @throws IllegalArgumentException if {@code vat} is not a vat id
     */
    public boolean schedule(String vat) {
        if (!EndpointId.isVat(vat)) {
            throw new IllegalArgumentException("only vats are reaped, not " + RefNumbers.shown(vat));
        }
        if (kv.has(MEMBER + vat)) {
            return false;
        }
        kv.set(MEMBER + vat, "");
        fifo.push(vat);
        return true;
    }

    /** Removes and returns the next vat to reap, or null if none is waiting. */
    public String poll() {
        String vat = fifo.poll();
        if (vat != null) {
            kv.delete(MEMBER + vat);
        }
        return vat;
    }

    /** Whether no reap is waiting. */
    public boolean isEmpty() {
        return fifo.size() == 0;
    }

    /** The waiting vats, in order (for status and tests). */
    public List<String> list() {
        return fifo.items();
    }

    private static String decode(String stored) {
        if (!EndpointId.isVat(stored)) {
            throw new IllegalArgumentException("not a vat id: " + RefNumbers.shown(stored));
        }
        return stored;
    }
}
