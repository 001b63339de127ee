package io.jocap.vat.runtime;

import io.jocap.marshal.PassableError;
import io.jocap.vat.VatRejection;

/** Between Java throwables and the passable reasons that travel in rejections. */
final class VatErrors {
    private VatErrors() {}

    /**
     * The passable reason for {@code failure}: a {@link VatRejection}'s own reason passes through
     * unchanged; any other exception becomes an {@code Error} with its message (or its class name
     * if it has none). Stack traces stay in this vat.
     */
    static Object reasonOf(Throwable failure) {
        if (failure instanceof VatRejection rejection) {
            return rejection.reason();
        }
        String message = failure.getMessage();
        return PassableError.error(message == null || message.isEmpty() ? failure.getClass().getName() : message);
    }

    /** The throwable a rejection with passable {@code reason} becomes in vat code. */
    static VatRejection rejectionOf(Object reason) {
        return new VatRejection(reason);
    }

    /** A {@code TypeError} reason: the caller made a mistake (unknown method, bad argument). */
    static PassableError typeError(String message) {
        return PassableError.typeError(message);
    }
}
