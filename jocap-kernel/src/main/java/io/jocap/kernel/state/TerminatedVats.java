package io.jocap.kernel.state;

import io.jocap.store.KVStore;
import java.util.List;
import java.util.Objects;

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
    /*
     * Implementation overview. As ReapQueue: the order is a StoredFifo at "vtq" (vtq = head/tail,
     * vtq.<pos> = vat id) and membership one key per vat, vtm.<vat> = "".
     */
    private static final String MEMBER = "vtm.";

    private final KVStore kv;
    private final StoredFifo<String> fifo;

    public TerminatedVats(KVStore kv) {
        this.kv = Objects.requireNonNull(kv, "kv");
        this.fifo = new StoredFifo<>(kv, "vtq", vat -> vat, TerminatedVats::decode);
    }

    /**
     * Records that {@code vat} was terminated and awaits cleanup; false if it was already here.
     *
     * @throws IllegalArgumentException if {@code vat} is not a vat id
     */
    public boolean add(String vat) {
        decode(vat);
        if (kv.has(MEMBER + vat)) {
            return false;
        }
        kv.set(MEMBER + vat, "");
        fifo.push(vat);
        return true;
    }

    /** Whether {@code vat} was terminated and its cleanup is not finished. */
    public boolean contains(String vat) {
        return kv.has(MEMBER + vat);
    }

    /** The vat whose cleanup comes next, or null if none is waiting. */
    public String next() {
        return fifo.peek();
    }

    /** Marks the cleanup of {@link #next()} as finished. */
    public void finishNext() {
        String vat = fifo.poll();
        if (vat != null) {
            kv.delete(MEMBER + vat);
        }
    }

    /** Whether no cleanup is waiting. */
    public boolean isEmpty() {
        return fifo.size() == 0;
    }

    /** The vats awaiting cleanup, in order (for status and tests). */
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
