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
 *
 * <p><b>Counting.</b> Items are holders, counted here: {@link #push} counts a send's target,
 * result and slots, or a notify's promise; {@link #poll} releases them, so the polled item's refs
 * are the caller's to count again if it keeps them somewhere. A push naming a ref that does not
 * exist throws {@link IllegalStateException}, and nothing is written.
 */
public final class RunQueue {
    static final String BASE = "rq";

    private final StoredFifo<RunQueueItem> fifo;
    private final RefCounter counter;

    public RunQueue(KVStore kv) {
        this.fifo = new StoredFifo<>(
                Objects.requireNonNull(kv, "kv"), BASE, QueueCodec::encode, QueueCodec::decodeItem);
        this.counter = new RefCounter(kv);
    }

    /** Appends {@code item} at the back and counts its refs. */
    public void push(RunQueueItem item) {
        counter.apply(CountChange.adding().item(Objects.requireNonNull(item, "item")));
        fifo.push(item);
    }

    /**
     * Removes and returns the front item, or null if the queue is empty, and releases its refs.
     *
     * @throws IllegalStateException if the front item is corrupt or names a ref that no longer
     *     exists (it is left in place)
     */
    public RunQueueItem poll() {
        RunQueueItem front = fifo.peek();
        if (front == null) {
            return null;
        }
        counter.apply(CountChange.removing().item(front));
        fifo.dropFront();
        return front;
    }

    /**
     * Removes the front item without decoding it and returns its stored text (null if the queue
     * is empty or the item's key is missing), releasing nothing: a corrupt item's refs cannot be
     * known, so any count it held stays, and {@link RefAudit} reports it. This is how the run loop
     * moves an item it cannot decode to the dead letters (design invariant 6).
     *
     * @throws IllegalStateException if the queue record itself is corrupt
     */
    public String discardFront() {
        return fifo.discardFront();
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
