package io.jocap.vat;

/**
 * A failure the vat runtime reports to vat code: a rejected send, a promise cycle, a value that is
 * not passable, an unknown method. Its message says what went wrong in the words of the vat
 * writer's code, never in kernel internals.
 */
public class VatException extends RuntimeException {
    public VatException(String message) {
        super(message);
    }

    public VatException(String message, Throwable cause) {
        super(message, cause);
    }
}
