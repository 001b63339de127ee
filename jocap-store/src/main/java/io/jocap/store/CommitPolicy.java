package io.jocap.store;

import java.time.Duration;
import java.util.Objects;

/**
 * When committed cranks reach SQLite. Every commit point writes all dirty keys in one SQLite
 * transaction and syncs it ({@code synchronous=FULL}) before any {@link KernelStore#whenDurable}
 * future covering those cranks completes.
 */
public sealed interface CommitPolicy {

    /**
     * Every {@link KernelStore#commitCrank()} is a commit point and flushes synchronously on the
     * calling thread: one SQLite transaction, one fsync of the WAL, per crank. Simple and slow
     * (the cost of a crank is dominated by the fsync).
     */
    record Strict() implements CommitPolicy {}

    /**
     * Committed cranks accumulate in memory and are written by a background flusher thread as one
     * transaction when {@link KernelStore#flush()} or {@link KernelStore#requestFlush()} asks for
     * it; or, while somebody waits for durability ({@link KernelStore#whenDurable} of a crank not
     * yet durable: outputs wait for the commit point that covers them), when {@code maxCranks}
     * cranks have been committed since the last commit point or {@code maxDelay} after the oldest
     * unflushed commit, whichever comes first; or when the batch reaches its bound: 64 times
     * {@code maxCranks} cranks or 262,144 distinct keys. While nobody waits, a batch grows up to
     * that bound, so keys made and deleted meanwhile never reach SQLite. The kernel thread
     * carries on with the next cranks while a flush runs, and the next batch keeps growing
     * meanwhile; once it reaches the bound, {@code commitCrank} blocks until the flush in flight
     * ends (back-pressure, so memory stays bounded).
     *
     * @param maxCranks at least 1
     * @param maxDelay not negative; zero flushes each commit as soon as the flusher gets to it
     */
    record Batched(int maxCranks, Duration maxDelay) implements CommitPolicy {
        public Batched {
            if (maxCranks < 1) {
                throw new IllegalArgumentException("maxCranks must be at least 1, was " + maxCranks);
            }
            Objects.requireNonNull(maxDelay, "maxDelay");
            if (maxDelay.isNegative()) {
                throw new IllegalArgumentException("maxDelay must not be negative, was " + maxDelay);
            }
        }

        /** {@code maxDelay} in nanoseconds, saturated so that absurdly long delays do not overflow. */
        long maxDelayNanos() {
            return maxDelay.compareTo(Duration.ofDays(36_500)) > 0 ? Long.MAX_VALUE / 4 : maxDelay.toNanos();
        }
    }

    /** The {@link Strict} policy. */
    static Strict strict() {
        return new Strict();
    }

    /** A {@link Batched} policy. */
    static Batched batched(int maxCranks, Duration maxDelay) {
        return new Batched(maxCranks, maxDelay);
    }
}
