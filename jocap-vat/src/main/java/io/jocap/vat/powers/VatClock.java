package io.jocap.vat.powers;

import java.time.Instant;

/**
 * A vat's view of time. Both methods throw {@link io.jocap.vat.VatException} once the vat has
 * stopped.
 */
public interface VatClock {
    /** The current wall-clock time (UTC); it may jump when the machine's clock is set. */
    Instant now();

    /**
     * A reading of a monotonic clock, in nanoseconds: only differences between two readings mean
     * anything, and they are never negative. Use it to measure elapsed time.
     */
    long monotonicNanos();
}
