package io.jocap.vat.powers;

import io.jocap.vat.VatException;
import io.jocap.vat.loop.VatLoop;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The checks every power of one vat makes before acting: the vat is not stopped, and (for powers
 * whose results come back as promises or turns) the caller is the vat's own code on its loop.
 * Shared by all the powers of a {@link VatPowerSet}, so one {@link #stop()} closes them all.
 */
final class PowerGate {
    private final String vatName;
    private final VatLoop loop;
    private final AtomicBoolean stopped = new AtomicBoolean();

    PowerGate(String vatName, VatLoop loop) {
        this.vatName = vatName;
        this.loop = loop;
    }

    String vatName() {
        return vatName;
    }

    VatLoop loop() {
        return loop;
    }

    /** Marks the vat stopped; true only for the first call. */
    boolean stop() {
        return stopped.compareAndSet(false, true);
    }

    boolean isStopped() {
        return stopped.get();
    }

    /** @throws VatException if the vat is stopped */
    void checkOpen() {
        if (stopped.get()) {
            throw new VatException("vat " + vatName + " is stopped");
        }
    }

    /**
     * Checks that the vat is not stopped and that {@code operation} is called in a turn of the
     * vat's loop: promises it returns belong to that loop, and a power leaked to another thread or
     * vat must not act for this one.
     *
     * @throws VatException otherwise
     */
    void checkOpenOnLoop(String operation) {
        checkOpen();
        if (VatLoop.current() != loop) {
            throw new VatException("vat " + vatName + ": " + operation + " must be called from the vat's own code,"
                    + " in a turn of its event loop (it was called on thread \""
                    + Thread.currentThread().getName() + "\")");
        }
    }
}
