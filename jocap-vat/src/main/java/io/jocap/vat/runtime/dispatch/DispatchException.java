package io.jocap.vat.runtime.dispatch;

/**
 * A call that could not be made as asked, or whose result cannot be sent back: no such method,
 * the wrong number of arguments, an argument that does not convert, a result that is not
 * passable. The message is for the caller (another vat's developer), names the target by its
 * iface, and never shows a Java stack trace or class internals of the runtime; the vat runtime
 * usually rejects the call's result with a {@code TypeError} carrying it.
 *
 * <p>Apart from a non-passable result, the method did not run. The method's own exceptions are
 * never a {@code DispatchException}: they arrive as an {@link InvocationFailure}.
 *
 * <p>There is no stack trace: a caller can cause any number of these, and the message is the
 * whole story. The cause, if any, is what a record's constructor threw when it refused an
 * argument, or what a record's accessor threw when a result was read.
 */
public final class DispatchException extends Exception {
    private static final long serialVersionUID = 1L;

    public DispatchException(String message) {
        this(message, null);
    }

    public DispatchException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
