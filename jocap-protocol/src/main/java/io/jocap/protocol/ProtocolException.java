package io.jocap.protocol;

import java.io.Serial;

/**
 * A vat-protocol record or text is malformed: a reference outside the vref grammar, a missing
 * field, JSON of the wrong shape. The message says what is wrong with which field or text, for
 * example {@code send: target "o+x" is not a vat reference: …}.
 *
 * <p>It is an {@link IllegalArgumentException} because the caller handed over bad data. The
 * kernel turns one raised while it takes in a syscall into an illegal syscall (the vat is
 * terminated); it never means the kernel itself is broken.
 */
public class ProtocolException extends IllegalArgumentException {
    @Serial private static final long serialVersionUID = 1L;

    public ProtocolException(String message) {
        super(message);
    }

    public ProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
