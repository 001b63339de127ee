package io.jocap.kernel.state;

import io.jocap.store.KVStore;
import java.util.List;

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
    // A DistinctVatQueue at "reap" (reap = head/tail, reap.<pos> = vat id), members reapm.<vat>.
    private final DistinctVatQueue queue;

    public ReapQueue(KVStore kv) {
        this.queue = new DistinctVatQueue(kv, "reap", "reapm.");
    }

    /**
     * Schedules a reap of {@code vat}; returns false if it was already waiting.
     *
     * @throws IllegalArgumentException if {@code vat} is not a vat id
     */
    public boolean schedule(String vat) {
        return queue.add(vat, "reaped");
    }

    /** Removes and returns the next vat to reap, or null if none is waiting. */
    public String poll() {
        return queue.poll();
    }

    /** Whether no reap is waiting. */
    public boolean isEmpty() {
        return queue.isEmpty();
    }

    /** The waiting vats, in order (for status and tests). */
    public List<String> list() {
        return queue.list();
    }
}
