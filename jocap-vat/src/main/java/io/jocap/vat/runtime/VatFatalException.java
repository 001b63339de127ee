package io.jocap.vat.runtime;

/**
 * The vat runtime cannot go on with this turn: the kernel refused a syscall (so the vat is being
 * terminated), or the runtime found its own state broken. Thrown to unwind vat code; the turn
 * then ends with a failed delivery result.
 */
public final class VatFatalException extends RuntimeException {
    public VatFatalException(String message) {
        super(message);
    }
}
