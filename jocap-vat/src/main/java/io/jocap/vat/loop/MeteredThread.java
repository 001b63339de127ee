package io.jocap.vat.loop;

/**
 * The thread of a {@link VatLoop}: it carries the step meter of the turn it is running, so that
 * {@link io.jocap.vat.Meter#step()}, called at every method entry and loop iteration of vat code,
 * only needs {@link Thread#currentThread()} and a field (no thread-local lookup).
 *
 * <p>Only the loop arms the meter (at the start of each turn); vat code cannot name this class
 * (it is not part of the vat API) and {@link #tick()} can only spend the budget, never add to it.
 * The counter is touched by the loop thread only.
 */
public final class MeteredThread extends Thread {
    /** The budget of a thread that was never armed (the setup of a vat, before any turn). */
    static final long UNLIMITED = Long.MAX_VALUE;

    private final String vatName;
    private long budget = UNLIMITED;
    private long remaining = UNLIMITED;
    private boolean exceeded;

    MeteredThread(String vatName, String threadName, Runnable task) {
        super(task, threadName);
        this.vatName = vatName;
    }

    /**
     * Spends one step; true if the budget is spent (then and for every later step until the meter
     * is armed again). For {@link io.jocap.vat.Meter#step()} only.
     */
    public boolean tick() {
        if (--remaining >= 0) {
            return false;
        }
        remaining = -1; // stays spent, however many more steps are tried
        exceeded = true;
        return true;
    }

    /** The message of {@link io.jocap.vat.StepBudgetExceeded}. */
    public String overBudgetMessage() {
        return overBudgetMessage(vatName, budget);
    }

    static String overBudgetMessage(String vatName, long budget) {
        return "vat " + vatName + " used its step budget of " + budget
                + " steps in one delivery: runaway loop?";
    }

    /** Gives the next turn {@code steps} steps (loop thread only). */
    void arm(long steps) {
        budget = steps;
        remaining = steps;
        exceeded = false;
    }

    /** The steps taken since the meter was armed (its budget, once spent). */
    long stepsTaken() {
        return exceeded ? budget : budget - remaining;
    }

    /** Whether the turn armed last spent its budget. */
    boolean exceeded() {
        return exceeded;
    }
}
