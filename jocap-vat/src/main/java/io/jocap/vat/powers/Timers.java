package io.jocap.vat.powers;

import io.jocap.vat.VatPromise;
import java.time.Duration;

/**
 * A vat's timers. A task runs in a turn of its own on the vat's event loop, never on another
 * thread, at the earliest when its delay has passed (later if the vat is busy). Call these methods
 * from the vat's code, on its loop; they throw {@link io.jocap.vat.VatException} elsewhere and
 * once the vat has stopped. Stopping the vat cancels all its timers.
 *
 * <p>A task that throws is reported like any other failed turn; it does not cancel an interval.
 */
public interface Timers {
    /**
     * Runs {@code task} once, after {@code delay} (zero: in the next turns).
     *
     * @throws IllegalArgumentException if {@code delay} is null or negative
     */
    TimerHandle setTimeout(Duration delay, Runnable task);

    /**
     * Runs {@code task} every {@code period}, the first time after one period, until cancelled. A
     * tick that comes while the previous one is still waiting for the loop is skipped, so a busy
     * vat does not pile up turns. A period under one millisecond counts as one millisecond.
     *
     * @throws IllegalArgumentException if {@code period} is null, zero or negative
     */
    TimerHandle setInterval(Duration period, Runnable task);

    /**
     * A promise fulfilled (with null) after {@code delay}. Stopping the vat leaves it pending.
     *
     * @throws IllegalArgumentException if {@code delay} is null or negative
     */
    VatPromise<Void> delay(Duration delay);
}
