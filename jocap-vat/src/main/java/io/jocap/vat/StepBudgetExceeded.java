package io.jocap.vat;

import java.io.Serial;

/**
 * Thrown by {@link Meter#step()} when vat code has used the step budget of its turn: most likely a
 * runaway loop (or runaway recursion). It is an {@link Error} so that ordinary {@code catch
 * (Exception e)} blocks let it through; catching it does not help, since every further step of the
 * turn throws it again and the worker fails the delivery anyway, which terminates the vat.
 */
public final class StepBudgetExceeded extends Error {
    @Serial
    private static final long serialVersionUID = 1L;

    StepBudgetExceeded(String message) {
        super(message);
    }
}
