package io.jocap.kernel.errors;

import java.util.Objects;

/**
 * A promise or message was rejected by the kernel itself, with a tagged kernel error: the Java
 * form of such a rejection at the host API. {@link #getMessage()} is the full error message, tag
 * included ({@code [KERNEL:OBJECT_DELETED] the target object no longer exists}); {@link #code()}
 * says which kernel error it is, so callers branch on the code, never on the text.
 */
public final class KernelException extends RuntimeException {
    private final KernelErrorCode code;

    /**
     * An exception for {@code code} whose message is {@code message}, which must start with the
     * code's tag (as a message produced by {@link KernelErrorCode#message(String)} does).
     *
     * @throws IllegalArgumentException if {@code message} does not start with {@code code}'s tag
     */
    public KernelException(KernelErrorCode code, String message) {
        super(requireTagged(code, message));
        this.code = code;
    }

    /** An exception for {@code code} with the given detail (free of kernel ids) after the tag. */
    public static KernelException of(KernelErrorCode code, String detail) {
        return new KernelException(code, code.message(detail));
    }

    /** Which kernel error this is. */
    public KernelErrorCode code() {
        return code;
    }

    /** The message without its tag and the space after it: the human detail, possibly empty. */
    public String detail() {
        String rest = getMessage().substring(code.tag().length());
        return rest.startsWith(" ") ? rest.substring(1) : rest;
    }

    private static String requireTagged(KernelErrorCode code, String message) {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        if (!message.startsWith(code.tag())) {
            throw new IllegalArgumentException("the message of a kernel exception with code " + code
                    + " must start with " + code.tag());
        }
        return message;
    }
}
