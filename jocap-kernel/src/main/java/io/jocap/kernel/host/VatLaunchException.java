package io.jocap.kernel.host;

/** A vat could not be started; the vat has been terminated and nothing of it stays registered. */
public final class VatLaunchException extends RuntimeException {
    private final String vatId;

    public VatLaunchException(String vatId, String reason) {
        super("vat " + vatId + " could not be started: " + reason);
        this.vatId = vatId;
    }

    /** The vat that failed to start. */
    public String vatId() {
        return vatId;
    }
}
