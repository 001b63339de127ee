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
        // By character: read for nearly every message, and a switch on strings hashes first.
        PromiseState state = code.length() != 1 ? null : switch (code.charAt(0)) {
            case 'u' -> UNRESOLVED;
            case 'f' -> FULFILLED;
            case 'r' -> REJECTED;
            default -> null;
        };
        if (state == null) {
            throw new IllegalStateException("corrupt state of kernel promise " + kp + ": "
                    + RefNumbers.shown(code) + "; expected \"u\", \"f\" or \"r\"");
        }
        return state;
    }
}
