package io.jocap.kernel.host;

/** The kernel was closed (or stopped after a store failure) before it could handle a request. */
public final class KernelClosedException extends IllegalStateException {
    public KernelClosedException(String message) {
        super(message);
    }

    public KernelClosedException(String message, Throwable cause) {
        super(message, cause);
    }
}
