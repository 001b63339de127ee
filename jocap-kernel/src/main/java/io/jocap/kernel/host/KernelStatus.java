package io.jocap.kernel.host;

import io.jocap.store.StoreStats;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A snapshot of a running kernel, taken on the kernel thread between cranks.
 *
 * @param runQueueLength items on the run queue
 * @param gcActionsWaiting GC actions scheduled and not yet delivered (they go before the run queue)
 * @param reapsWaiting vats waiting for a reap ({@code bringOutYourDead})
 * @param cranksRun run-loop steps that did work since this kernel was opened
 * @param deadLetters items set aside because handling them failed (persistent)
 * @param vats the registered vats
 * @param vatsBeingCleanedUp terminated vats whose c-list entries are still being removed, in order
 * @param services the registered kernel services
 * @param waitingHostAnswers host futures waiting on a kernel promise
 * @param crankNanos time spent in run-loop steps that did work since the kernel was opened
 * @param gcNanos the part of {@code crankNanos} spent on garbage collection: GC actions, reaps,
 *     cleanup of terminated vats, and the collector's passes at the end of other cranks
 * @param store the store's counters: commit points, rows written, cache hits and misses
 */
public record KernelStatus(long runQueueLength, int gcActionsWaiting, long reapsWaiting, long cranksRun, long deadLetters, Set<String> vats,
        List<String> vatsBeingCleanedUp, Set<String> services, int waitingHostAnswers, long crankNanos, long gcNanos,
        StoreStats store) {
    public KernelStatus {
        vats = Set.copyOf(Objects.requireNonNull(vats, "vats"));
        vatsBeingCleanedUp = List.copyOf(vatsBeingCleanedUp);
        services = Set.copyOf(Objects.requireNonNull(services, "services"));
        Objects.requireNonNull(store, "store");
    }
}
