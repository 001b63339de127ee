package io.jocap.kernel.state;

/** The state of a kernel promise: it starts unresolved and settles exactly once. */
public enum PromiseState {
    UNRESOLVED("u"),
    FULFILLED("f"),
    REJECTED("r");

    /** The one-letter form stored under {@code kpN.s}. */
    final String code;

    PromiseState(String code) {
        this.code = code;
    }

    /** Whether the promise has settled (fulfilled or rejected). */
    public boolean isSettled() {
        return this != UNRESOLVED;
    }

    static PromiseState fromCode(String kp, String code) {
        return switch (code) {
            case "u" -> UNRESOLVED;
            case "f" -> FULFILLED;
            case "r" -> REJECTED;
            default -> throw new IllegalStateException("corrupt state of kernel promise " + kp + ": "
                    + RefNumbers.shown(code) + "; expected \"u\", \"f\" or \"r\"");
        };
    }
}
