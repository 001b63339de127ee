package io.jocap.vat.loop;

/**
 * The step meter of one turn: a budget of metered steps that {@link io.jocap.vat.Meter#step()}
 * spends. A {@link MeteredThread} carries one for the turns its loop runs; a turn run on another
 * thread ({@link VatLoop#runTurnHere}) uses its loop's own meter, found through
 * {@link #inlineTurn()} while the turn runs.
 *
 * <p>Only the loop arms a meter (at the start of each turn); vat code cannot name this class (it
 * is not part of the vat API) and {@link #tick()} can only spend the budget, never add to it. A
 * meter is touched by the thread running the turn only.
 */
public final class StepMeter {
    /** The budget of a meter that was never armed (the setup of a vat, before any turn). */
    static final long UNLIMITED = Long.MAX_VALUE;

    private static final ThreadLocal<StepMeter> INLINE = new ThreadLocal<>();

    private final String vatName;
    private long budget = UNLIMITED;
    private long remaining = UNLIMITED;
    private boolean exceeded;

    StepMeter(String vatName) {
        this.vatName = vatName;
    }

    /** The meter of the turn that the calling thread runs through {@link VatLoop#runTurnHere}, or null. */
    public static StepMeter inlineTurn() {
        return INLINE.get();
    }

    static void enterInlineTurn(StepMeter meter) {
        INLINE.set(meter);
    }

    static void leaveInlineTurn() {
        INLINE.remove();
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

    /** Gives the next turn {@code steps} steps. */
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
