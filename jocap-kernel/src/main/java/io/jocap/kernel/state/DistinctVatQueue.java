package io.jocap.kernel.state;

import io.jocap.store.KVStore;
import java.util.List;
import java.util.Objects;

/**
 * A persistent FIFO of vat ids in which each vat is at most once: the order is a
 * {@link StoredFifo} at {@code <name>} ({@code <name>} = head/tail, {@code <name>.<pos>} = vat id)
 * and membership one key per vat, {@code <member><vat>} = "", so adding is idempotent and
 * {@link #contains} is a point read without scanning the queue. Writes must happen inside a crank.
 */
final class DistinctVatQueue {
    private final KVStore kv;
    private final String member;
    private final StoredFifo<String> fifo;

    DistinctVatQueue(KVStore kv, String name, String member) {
        this.kv = Objects.requireNonNull(kv, "kv");
        this.member = member;
        this.fifo = new StoredFifo<>(kv, name, vat -> vat, DistinctVatQueue::decode);
    }

    /** Appends {@code vat} unless it is waiting already; says whether it was appended. */
    boolean add(String vat, String what) {
        if (!EndpointId.isVat(vat)) {
            throw new IllegalArgumentException("only vats are " + what + ", not " + RefNumbers.shown(vat));
        }
        if (kv.has(member + vat)) {
            return false;
        }
        kv.set(member + vat, "");
        fifo.push(vat);
        return true;
    }

    boolean contains(String vat) {
        return kv.has(member + vat);
    }

    /** The front vat without removing it, or null. */
    String peek() {
        return fifo.peek();
    }

    /** Removes and returns the front vat, or null. */
    String poll() {
        String vat = fifo.poll();
        if (vat != null) {
            kv.delete(member + vat);
        }
        return vat;
    }

    boolean isEmpty() {
        return fifo.size() == 0;
    }

    List<String> list() {
        return fifo.items();
    }

    private static String decode(String stored) {
        if (!EndpointId.isVat(stored)) {
            throw new IllegalArgumentException("not a vat id: " + RefNumbers.shown(stored));
        }
        return stored;
    }
}
