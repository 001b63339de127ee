package io.jocap.vat.powers;

/**
 * A vat's endowments in the cluster config are wrong: an unknown endowment name, {@code "http"}
 * without {@code network.allowedHosts} (or the other way round), a malformed host entry. The
 * message names the vat and the offending entry and says what is expected.
 *
 * <p>It is an {@link IllegalArgumentException} rather than a {@link io.jocap.vat.VatException}
 * because it is a configuration error found while the cluster config is read, before any vat
 * code runs; {@code VatException} is what vat code sees at run time.
 */
public class EndowmentException extends IllegalArgumentException {
    public EndowmentException(String message) {
        super(message);
    }
}
