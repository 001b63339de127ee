package io.jocap.vat.powers;

/**
 * A vat's log. Each call writes one line, tagged with the vat's name and the level: {@code [alice]
 * INFO started}. Line breaks and other control characters in a message are escaped (a line feed
 * becomes {@code \n}, other control characters their hex code), so a vat cannot forge lines that
 * seem to come from another vat. Every vat has a logger; after the vat has stopped, every call
 * throws {@link io.jocap.vat.VatException}.
 */
public interface VatLogger {
    void info(String message);

    void warn(String message);

    /**
     * Logs {@code message} with the class and message of {@code error} (not its stack trace):
     * {@code [alice] ERROR fetch failed: java.io.IOException: timed out}. {@code error} may be null.
     */
    void error(String message, Throwable error);
}
