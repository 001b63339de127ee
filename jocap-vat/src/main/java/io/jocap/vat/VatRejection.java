package io.jocap.vat;

import io.jocap.marshal.PassableError;

/**
 * A rejection that came from outside the vat: another vat's method threw or rejected, or the
 * kernel refused a message ({@code [KERNEL:…]} errors, such as {@code OBJECT_DELETED}). Its
 * message is the reason's message; {@link #reason()} is the passable reason itself (usually a
 * {@link PassableError}, but a vat may reject with any passable). Throwing one from a method
 * rejects the caller with exactly that reason.
 */
public class VatRejection extends VatException {
    private final transient Object reason;

    /** A rejection with the passable {@code reason}. */
    public VatRejection(Object reason) {
        super(describe(reason));
        this.reason = reason;
    }

    /** The passable reason: a {@link PassableError}, or any other passable. */
    public Object reason() {
        return reason;
    }

    /** The kernel error tag ({@code "OBJECT_DELETED"}, …) if the kernel refused, else null. */
    public String kernelTag() {
        String message = getMessage();
        if (message == null || !message.startsWith("[KERNEL:")) {
            return null;
        }
        int end = message.indexOf(']');
        return end < 0 ? null : message.substring("[KERNEL:".length(), end);
    }

    private static String describe(Object reason) {
        if (reason instanceof PassableError error) {
            return error.message();
        }
        return "rejected with " + io.jocap.marshal.PassableFormatter.format(reason);
    }
}
