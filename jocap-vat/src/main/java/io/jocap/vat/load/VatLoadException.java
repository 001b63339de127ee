package io.jocap.vat.load;

/**
 * A vat's code could not be loaded: its source is missing or of an unknown kind, a {@code .java}
 * source does not compile, a class is missing, refused by the isolation rule or rejected by a
 * {@link ClassCheck}, or a class file is malformed. The message names the vat (when known), its
 * source and the class concerned, in words meant for the person who wrote the vat's config.
 */
public class VatLoadException extends Exception {
    public VatLoadException(String message) {
        super(message);
    }

    public VatLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
