package io.jocap.kernel.state;

import io.jocap.store.KVStore;
import java.util.Objects;

/**
 * The kernel's run queue: a persistent FIFO of {@link RunQueueItem}s. Pushing and polling are
 * writes, so they happen inside a crank; an aborted crank puts polled items back and drops pushed
 * ones, because nothing about the queue (head, tail, length) is held in memory.
 *
 * <p>Store layout (see {@code docs/store.md}): {@code rq} = {@code "<head> <tail>"}, absent when
 * empty; {@code rq.<pos>} = one item in {@link QueueCodec} form, with positions encoded so that key
 * order is FIFO order.
 *
 * <p>Reading a corrupt item throws {@link IllegalStateException} naming the key; the item stays
 * in place (a later step decides whether to dead-letter it).
 */
public final class RunQueue {
    static final String BASE = "rq";

    private final StoredFifo<RunQueueItem> fifo;

    public RunQueue(KVStore kv) {
        this.fifo = new StoredFifo<>(
                Objects.requireNonNull(kv, "kv"), BASE, QueueCodec::encode, QueueCodec::decodeItem);
    }

    /** Appends {@code item} at the back. */
    public void push(RunQueueItem item) {
        fifo.push(Objects.requireNonNull(item, "item"));
    }

    /**
     * Removes and returns the front item, or null if the queue is empty.
     *
     * @throws IllegalStateException if the front item is corrupt (it is left in place)
     */
    public RunQueueItem poll() {
        return fifo.poll();
    }

    /**
     * The front item without removing it, or null if the queue is empty.
     *
     * @throws IllegalStateException if the front item is corrupt
     */
    public RunQueueItem peek() {
        return fifo.peek();
    }

    /** The number of items. */
    public long size() {
        return fifo.size();
    }

    /** Whether the queue has no items. */
    public boolean isEmpty() {
        return fifo.size() == 0;
    }
}
