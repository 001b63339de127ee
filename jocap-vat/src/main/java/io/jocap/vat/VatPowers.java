package io.jocap.vat;

import io.jocap.vat.powers.HttpEndowment;
import io.jocap.vat.powers.Timers;
import io.jocap.vat.powers.VatClock;
import io.jocap.vat.powers.VatLogger;
import java.util.random.RandomGenerator;

/**
 * The authority a vat holds over the world outside the kernel, as its build step receives it.
 * A vat can reach only what its cluster config grants it as <em>endowments</em>: asking for a
 * power that was not granted throws {@link VatException} naming the power and the vat and saying
 * how to grant it. The logger is always granted.
 *
 * <p>Every power belongs to one vat and is meant to be used by that vat's code, on its event loop.
 * Anything a power does later (a timer firing, an HTTP response arriving) happens in a new turn
 * on that loop, never on another thread. When the vat stops, its powers stop too: every call then
 * throws {@link VatException} "vat NAME is stopped", and timers and requests still pending are
 * cancelled.
 *
 * <p>These powers are not deterministic (time, randomness, the network): a vat that uses them
 * does not behave the same way twice on the same input.
 */
public interface VatPowers {
    /** The vat's logger; always granted. */
    VatLogger logger();

    /**
     * One-shot and repeating timers and delays.
     *
     * @throws VatException if the vat was not granted {@code "timers"}, or is stopped
     */
    Timers timers();

    /**
     * Wall-clock and monotonic time.
     *
     * @throws VatException if the vat was not granted {@code "clock"}, or is stopped
     */
    VatClock clock();

    /**
     * A random number generator of the vat's own (not cryptographically strong, seeded from a
     * strong source when the vat starts).
     *
     * @throws VatException if the vat was not granted {@code "random"}, or is stopped
     */
    RandomGenerator random();

    /**
     * HTTP(S) requests to the hosts listed in the vat's {@code network.allowedHosts}.
     *
     * @throws VatException if the vat was not granted {@code "http"}, or is stopped
     */
    HttpEndowment http();

    /** The vat's name, as in the cluster config. */
    String vatName();
}
