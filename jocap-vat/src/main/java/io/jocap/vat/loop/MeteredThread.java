package io.jocap.vat.loop;

/**
 * The thread of a {@link VatLoop}: it carries the {@link StepMeter} of the turn it is running, so
 * that {@link io.jocap.vat.Meter#step()}, called at every method entry and loop iteration of vat
 * code, only needs {@link Thread#currentThread()} and a field (no thread-local lookup).
 */
public final class MeteredThread extends Thread {
    private final StepMeter meter;

    MeteredThread(String vatName, String threadName, Runnable task) {
        super(task, threadName);
        this.meter = new StepMeter(vatName);
    }

    /** This thread's meter; {@link io.jocap.vat.Meter#step()} spends it. */
    public StepMeter meter() {
        return meter;
    }
}
