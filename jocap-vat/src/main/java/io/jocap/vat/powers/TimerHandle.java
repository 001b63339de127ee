package io.jocap.vat.powers;

/** A timer set with {@link Timers}; it can be cancelled. */
public interface TimerHandle {
    /**
     * Cancels the timer: its task does not run again, even if its time came in the meantime and it
     * is only waiting for the vat's loop (as long as {@code cancel} is called before that turn
     * starts, which is always the case when the vat's own code cancels it). Idempotent, callable
     * from any thread, and also after the vat has stopped (it then does nothing).
     */
    void cancel();
}
