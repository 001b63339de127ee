package io.jocap.vat;

import io.jocap.vat.loop.MeteredThread;
import io.jocap.vat.loop.StepMeter;

/**
 * The step meter of vat code: jocap's class loader inserts a call of {@link #step()} at the entry
 * of every method of a vat's own classes and before every backward branch (every loop iteration),
 * so that a delivery that runs too long is stopped by its <em>step budget</em> (see {@code
 * docs/vats.md}, "Metering"). Vat code never needs to call it; calling it only spends the vat's
 * own budget.
 *
 * <p>On a vat's event loop thread, each call spends one step of the turn's budget; once the budget
 * is spent, this and every later call in the same turn throw {@link StepBudgetExceeded}, and the
 * worker fails the delivery: the kernel rolls it back and terminates the vat. The same holds for a
 * turn that a worker runs on the kernel's thread ({@code VatLoop.runTurnHere}). Elsewhere (a
 * thread running no vat's turn) it does nothing.
 */
public final class Meter {
    private Meter() {}

    /** Spends one step; throws {@link StepBudgetExceeded} once the turn's budget is spent. */
    public static void step() {
        StepMeter meter = Thread.currentThread() instanceof MeteredThread thread ? thread.meter() : StepMeter.inlineTurn();
        if (meter != null && meter.tick()) {
            throw new StepBudgetExceeded(meter.overBudgetMessage());
        }
    }
}
