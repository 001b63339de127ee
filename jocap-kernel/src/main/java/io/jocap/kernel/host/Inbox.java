package io.jocap.kernel.host;

import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * The kernel's inbox: a multi-producer, single-consumer queue of {@link InboxItem}s.
 *
 * <p><b>Contract.</b> Any thread may {@link #offer}; offering wakes the consumer (the kernel
 * thread) if it sleeps in {@link #awaitItems}. Actions of a producer before {@code offer}
 * happen-before the consumer's {@link #poll} returning that item. Items are taken in offer order
 * per producer. After {@link #close()}, an offered item is not queued: its future fails with
 * {@link KernelClosedException} at once; each item offered before is either taken by the
 * consumer or failed by {@link #failRemaining} (the consumer's job once it stops), never lost.
 * Only the bound consumer may call {@link #poll}, {@link #awaitItems} and {@link #failRemaining}.
 */
public final class Inbox {
    /*
     * Implementation overview. A lock-free queue plus park/unpark: unpark before park leaves a
     * permit, so an offer racing with the consumer's emptiness check cannot be missed (no lost
     * wake-up, no polling interval). The close race is settled by re-checking after the add: an
     * item added after the consumer drained is removed again by its producer; remove() succeeds for
     * exactly one of the two, so each item is failed exactly once.
     */
    private final ConcurrentLinkedQueue<InboxItem> items = new ConcurrentLinkedQueue<>();
    private volatile Thread consumer;
    private volatile boolean closed;

    /** Makes {@code thread} the consumer to wake. */
    void bind(Thread thread) {
        this.consumer = Objects.requireNonNull(thread, "thread");
    }

    /** Queues {@code item} and wakes the kernel thread; if the kernel is closed, fails the item instead. */
    public void offer(InboxItem item) {
        Objects.requireNonNull(item, "item");
        if (closed) {
            item.outcome().completeExceptionally(new KernelClosedException("the kernel is closed"));
            return;
        }
        items.add(item);
        if (closed && items.remove(item)) {
            item.outcome().completeExceptionally(new KernelClosedException("the kernel is closed"));
            return;
        }
        Thread thread = consumer;
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    /** The number of items waiting (a snapshot). */
    public int size() {
        return items.size();
    }

    /** Takes the oldest item, or null if there is none. Consumer only. */
    InboxItem poll() {
        return items.poll();
    }

    /** Sleeps until an item is waiting or the inbox is closed (returns at once if so). Consumer only. */
    void awaitItems() {
        while (items.isEmpty() && !closed) {
            LockSupport.park(this);
            Thread.interrupted(); // an interrupt is not a request to stop: close() is
        }
    }

    /** Refuses further items and wakes the consumer. */
    void close() {
        closed = true;
        Thread thread = consumer;
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }

    /** Hands every waiting item to {@code failer}. Consumer only, after {@link #close()}. */
    void failRemaining(java.util.function.Consumer<InboxItem> failer) {
        for (InboxItem item = items.poll(); item != null; item = items.poll()) {
            failer.accept(item);
        }
    }
}
