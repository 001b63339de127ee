package io.jocap.vat.runtime.dispatch;

import java.util.Objects;

/**
 * The called method itself threw: {@link #getCause()} is exactly what it threw, unwrapped and
 * unchanged (whatever its type, a {@link DispatchException} or an {@code Error} included), so the
 * runtime can reject the call with it as vat code intended. Wrapping it keeps "the method failed"
 * apart from "the call could not be made" ({@link DispatchException}) in the type system.
 *
 * <p>Whether an {@code Error} such as {@code StackOverflowError} should only reject the call or
 * stop the vat is the runtime's decision; the dispatcher wraps every throwable alike.
 */
public final class InvocationFailure extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * @param callee the method as the caller named it, such as {@code Alleged: Counter.increment}
     * @param thrown what the method threw
     */
    public InvocationFailure(String callee, Throwable thrown) {
        // No stack trace of its own: the cause has the one that matters.
        super(callee + " threw " + describe(Objects.requireNonNull(thrown, "thrown")), thrown, false, false);
    }

    /** {@code thrown.toString()}, unless vat code overrode it badly. */
    private static String describe(Throwable thrown) {
        try {
            return String.valueOf(thrown);
        } catch (RuntimeException e) {
            return thrown.getClass().getName();
        }
    }
}
