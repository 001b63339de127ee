package io.jocap.protocol;

/** The vat runtime's answer to one {@link Delivery}, sent once the vat is quiescent again. */
public sealed interface DeliveryResult {
    /** The one {@link Ok}. */
    Ok OK = new Ok();

    /**
     * The delivery ran. That includes a vat method that threw: its result promise is rejected by a
     * {@code resolve} syscall, and the delivery itself still succeeded.
     */
    record Ok() implements DeliveryResult {}

    /**
     * The vat runtime itself broke while handling the delivery. The kernel rolls the crank back and
     * terminates the vat with {@code [KERNEL:VAT_FATAL:INTERNAL_ERROR] <problem>}.
     *
     * @param problem what broke, for logs and the termination reason
     */
    record Failed(String problem) implements DeliveryResult {
        public Failed {
            Require.present("delivery result", "problem", problem);
        }
    }
}
