package io.jocap.marshal;

/**
 * Thrown when a value cannot be encoded, when CapData cannot be decoded, or when a passable value
 * is constructed from invalid parts.
 *
 * <p>Every failure of this module's codecs is reported with this exception, never with a {@code
 * ClassCastException}, {@code NumberFormatException} or {@code StackOverflowError}. The message
 * says what is wrong and where: a path such as {@code [2].memo} into the value being encoded, or a
 * position in the body being decoded.
 */
public class MarshalException extends RuntimeException {
    /** Creates an exception with the given message. */
    public MarshalException(String message) {
        super(message);
    }

    /** Creates an exception with the given message and underlying cause. */
    public MarshalException(String message, Throwable cause) {
        super(message, cause);
    }
}
