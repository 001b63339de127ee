package io.jocap.kernel.errors;

import io.jocap.marshal.CapData;
import java.util.Objects;

/**
 * A promise or message was rejected with a value that is not a tagged kernel error: normally a vat
 * (or a remote kernel's vat) rejected it with an error or some other passable. The Java form of
 * such a rejection at the host API.
 *
 * <p>{@link #rejection()} is always the rejection as received. When it decoded, {@link
 * #isDecoded()} is true and {@link #value()} is the decoded passable (usually a {@link
 * io.jocap.marshal.PassableError}, but a vat may reject with anything, {@code null} included); the
 * message shows that value readably. When it did not decode, {@link #value()} is null, the message
 * says so and the cause is the decoding failure.
 */
public final class VatRejectionException extends RuntimeException {
    private final transient CapData rejection;
    private final transient Object value;
    private final boolean decoded;

    private VatRejectionException(String message, CapData rejection, Object value, boolean decoded, Throwable cause) {
        super(message, cause);
        this.rejection = rejection;
        this.value = value;
        this.decoded = decoded;
    }

    /** A rejection with {@code value}, decoded from {@code rejection}. */
    static VatRejectionException decoded(CapData rejection, Object value, String message) {
        return new VatRejectionException(message, Objects.requireNonNull(rejection, "rejection"), value, true, null);
    }

    /** A rejection whose CapData could not be decoded, for the reason {@code cause} gives. */
    static VatRejectionException undecodable(CapData rejection, String message, Throwable cause) {
        return new VatRejectionException(message, Objects.requireNonNull(rejection, "rejection"), null, false, cause);
    }

    /** The rejection as received. */
    public CapData rejection() {
        return rejection;
    }

    /** Whether {@link #rejection()} decoded; if not, {@link #value()} is null and the cause says why. */
    public boolean isDecoded() {
        return decoded;
    }

    /** The decoded rejection value (any passable, possibly null), or null if it did not decode. */
    public Object value() {
        return value;
    }
}
