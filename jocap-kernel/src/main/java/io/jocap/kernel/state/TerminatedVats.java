package io.jocap.kernel.state;

import io.jocap.store.KVStore;
import java.util.List;

/**
 * Vats that have been terminated and whose c-list entries are still being removed, a budgeted
 * part at a time, by the run loop (so that cleaning up a vat with a million entries never stalls
 * it). Such a vat no longer runs: its promises were rejected and its vatstore deleted when it was
 * terminated, and messages to its exports splat {@code OBJECT_DELETED} while its entries wait.
 *
 * <p><b>Contract.</b> A vat is here at most once, from the crank that terminated it to the crank
 * that removed its last entry; vat ids are never reused, so it can never come back. Cleanup takes
 * vats in the order they were terminated. {@link #contains} and {@link #isEmpty} are point reads
 * (the run loop asks before every crank). Writes must happen inside a crank.
 */
public final class TerminatedVats {
    // A DistinctVatQueue at "vtq" (vtq = head/tail, vtq.<pos> = vat id), members vtm.<vat>.
    private final DistinctVatQueue queue;

    public TerminatedVats(KVStore kv) {
        this.queue = new DistinctVatQueue(kv, "vtq", "vtm.");
    }

    /**
     * Records that {@code vat} was terminated and awaits cleanup; false if it was already here.
     *
     * @throws IllegalArgumentException if {@code vat} is not a vat id
     */
    public boolean add(String vat) {
        return queue.add(vat, "terminated");
    }

    /** Whether {@code vat} was terminated and its cleanup is not finished. */
    public boolean contains(String vat) {
        return queue.contains(vat);
    }

    /** The vat whose cleanup comes next, or null if none is waiting. */
    public String next() {
        return queue.peek();
    }

    /** Marks the cleanup of {@link #next()} as finished. */
    public void finishNext() {
        queue.poll();
    }

    /** Whether no cleanup is waiting. */
    public boolean isEmpty() {
        return queue.isEmpty();
    }

    /** The vats awaiting cleanup, in order (for status and tests). */
    public List<String> list() {
        return queue.list();
    }
}
