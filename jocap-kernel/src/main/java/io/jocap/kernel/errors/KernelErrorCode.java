package io.jocap.kernel.errors;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Why the kernel rejected a promise. Each code has a tag, which starts the message of the {@code
 * Error} the kernel rejects with ({@code [KERNEL:OBJECT_REVOKED]}, {@code
 * [KERNEL:VAT_FATAL:ILLEGAL_SYSCALL]}, …), and a default detail, the human text that follows the
 * tag when the kernel has nothing more specific to say.
 *
 * <p><b>Details never name kernel internals.</b> Kernel errors reach vats, remote kernels and host
 * code, none of which may learn krefs, vat or remote ids, c-list entries or other kernel-internal
 * ids (DESIGN section 4): a detail must not contain them. The default details below don't; callers
 * passing their own detail to {@link KernelErrors#toCapData} must make sure theirs don't either.
 */
public enum KernelErrorCode {
    /** The target object has been revoked. */
    OBJECT_REVOKED("OBJECT_REVOKED", "the target object has been revoked"),
    /** The target object has no owner any more (deleted, abandoned, or ephemeral in a restarted vat). */
    OBJECT_DELETED("OBJECT_DELETED", "the target object no longer exists"),
    /** The target promise was fulfilled to something a message cannot be sent to. */
    BAD_PROMISE_RESOLUTION("BAD_PROMISE_RESOLUTION",
            "the target promise was fulfilled to a value that is not a single object or promise reference"),
    /** The endpoint the message should go to no longer exists or cannot be reached. */
    ENDPOINT_UNREACHABLE("ENDPOINT_UNREACHABLE", "the target endpoint is unreachable (terminated or disconnected)"),
    /** The endpoint or kernel service failed to take the message. */
    DELIVERY_FAILED("DELIVERY_FAILED", "the message could not be delivered"),
    /** The vat deciding the promise was terminated. */
    VAT_TERMINATED("VAT_TERMINATED", "the vat that was to resolve this promise has been terminated"),
    /** The vat deciding the promise was restarted, and its new incarnation does not know the promise. */
    VAT_RESTARTED("VAT_RESTARTED", "the vat that was to resolve this promise has been restarted"),
    /** The kernel gave up on the remote kernel deciding the promise. */
    CONNECTION_LOST("CONNECTION_LOST", "the connection to the remote kernel was lost"),
    /** The remote kernel deciding the promise restarted and lost its state. */
    PEER_RESTARTED("PEER_RESTARTED", "the remote kernel restarted"),
    /** The vat was terminated because it made an illegal syscall. */
    VAT_FATAL_ILLEGAL_SYSCALL("VAT_FATAL:ILLEGAL_SYSCALL", "the vat made an illegal syscall"),
    /** The vat was terminated because a delivery failed inside it. */
    VAT_FATAL_INTERNAL_ERROR("VAT_FATAL:INTERNAL_ERROR", "the vat failed with an internal error");

    private static final Map<String, KernelErrorCode> BY_TAG = byTag();

    private final String tag;
    private final String defaultDetail;

    KernelErrorCode(String tagName, String defaultDetail) {
        this.tag = "[KERNEL:" + tagName + "]";
        this.defaultDetail = defaultDetail;
    }

    /** The tag that starts the error message, such as {@code [KERNEL:OBJECT_REVOKED]}. */
    public String tag() {
        return tag;
    }

    /** The detail used when the kernel has nothing more specific to say; free of kernel ids. */
    public String defaultDetail() {
        return defaultDetail;
    }

    /**
     * The error message for this code: the tag, a space and {@code detail}; just the tag if
     * {@code detail} is empty. The detail must not contain kernel-internal ids (see above).
     */
    public String message(String detail) {
        Objects.requireNonNull(detail, "detail");
        return detail.isEmpty() ? tag : tag + " " + detail;
    }

    /** The error message for this code with its {@linkplain #defaultDetail() default detail}. */
    public String message() {
        return message(defaultDetail);
    }

    /** The code whose {@link #tag()} is exactly {@code tag} (brackets included), if any. */
    public static Optional<KernelErrorCode> fromTag(String tag) {
        return Optional.ofNullable(BY_TAG.get(tag));
    }

    private static Map<String, KernelErrorCode> byTag() {
        Map<String, KernelErrorCode> map = new HashMap<>();
        for (KernelErrorCode code : values()) {
            map.put(code.tag, code);
        }
        return Map.copyOf(map);
    }
}
