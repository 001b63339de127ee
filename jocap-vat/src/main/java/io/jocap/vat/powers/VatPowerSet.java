package io.jocap.vat.powers;

import io.jocap.vat.VatException;
import io.jocap.vat.VatPowers;
import io.jocap.vat.loop.VatLoop;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * The {@link VatPowers} of one running vat, made by the vat runtime from the vat's
 * {@link Endowments} and its {@link VatLoop}, and {@linkplain #close() closed} when the vat stops.
 * It owns what the powers hold on to: the vat's timers and its HTTP client.
 *
 * <p>Only the granted powers are made; asking for another throws {@link VatException} saying how
 * to grant it. Log lines go to the sink given here, which may be called on the vat's loop thread
 * (so it must be thread-safe if several vats share it).
 */
public final class VatPowerSet implements VatPowers, AutoCloseable {
    /** How long an HTTP request may take to connect, and then to get its response headers. */
    public static final Duration DEFAULT_HTTP_TIMEOUT = Duration.ofSeconds(30);

    private final Endowments endowments;
    private final PowerGate gate;
    private final VatLogger logger;
    private final LoopTimers timers;
    private final VatClock clock;
    private final RandomGenerator random;
    private final AllowListHttp http;

    /** The powers of the vat {@code endowments} belong to, with the default HTTP timeout. */
    public VatPowerSet(Endowments endowments, VatLoop loop, Consumer<String> logSink) {
        this(endowments, loop, logSink, DEFAULT_HTTP_TIMEOUT);
    }

    /**
     * The powers of the vat {@code endowments} belong to.
     *
     * @param httpTimeout the connect timeout, and the timeout for a response once sent
     */
    public VatPowerSet(Endowments endowments, VatLoop loop, Consumer<String> logSink, Duration httpTimeout) {
        this.endowments = Objects.requireNonNull(endowments, "endowments");
        Objects.requireNonNull(loop, "loop");
        Objects.requireNonNull(logSink, "logSink");
        if (httpTimeout == null || httpTimeout.isNegative() || httpTimeout.isZero()) {
            throw new IllegalArgumentException("the HTTP timeout must be positive, got " + httpTimeout);
        }
        this.gate = new PowerGate(endowments.vatName(), loop);
        this.logger = new SinkLogger(gate, logSink);
        this.timers = endowments.grants(Endowment.TIMERS) ? new LoopTimers(gate) : null;
        this.clock = endowments.grants(Endowment.CLOCK) ? new SystemClock(gate) : null;
        this.random = endowments.grants(Endowment.RANDOM) ? new GuardedRandom(gate) : null;
        this.http = endowments.grants(Endowment.HTTP)
                ? new AllowListHttp(gate, endowments.allowedHosts(), httpTimeout) : null;
    }

    @Override
    public VatLogger logger() {
        return granted(Endowment.LOGGER, logger);
    }

    @Override
    public Timers timers() {
        return granted(Endowment.TIMERS, timers);
    }

    @Override
    public VatClock clock() {
        return granted(Endowment.CLOCK, clock);
    }

    @Override
    public RandomGenerator random() {
        return granted(Endowment.RANDOM, random);
    }

    @Override
    public HttpEndowment http() {
        return granted(Endowment.HTTP, http);
    }

    @Override
    public String vatName() {
        return endowments.vatName();
    }

    /** The endowments these powers were made from. */
    public Endowments endowments() {
        return endowments;
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return gate.isStopped();
    }

    /**
     * Stops every power: pending timers are cancelled, HTTP requests in flight are aborted (their
     * promises stay pending), and every later call on a power, or for one, throws
     * {@link VatException} "vat NAME is stopped". Idempotent; callable from any thread.
     */
    @Override
    public void close() {
        // Flip the gate first: timers and requests started concurrently check it after
        // registering, so each one is either cancelled here or cancels itself.
        if (!gate.stop()) {
            return;
        }
        if (timers != null) {
            timers.cancelAll();
        }
        if (http != null) {
            http.close();
        }
    }

    /** Live timers of the vat (for tests). */
    int liveTimerCount() {
        return timers == null ? 0 : timers.liveCount();
    }

    /** HTTP requests in flight (for tests). */
    int inFlightRequestCount() {
        return http == null ? 0 : http.inFlightCount();
    }

    private <P> P granted(Endowment endowment, P power) {
        gate.checkOpen();
        if (power == null) {
            String how = endowment == Endowment.HTTP
                    ? ", with the hosts it may reach in its \"network.allowedHosts\""
                    : "";
            throw new VatException("vat " + gate.vatName() + " was not granted the endowment \""
                    + endowment.configName() + "\": add it to the vat's \"endowments\" in the cluster config" + how);
        }
        return power;
    }
}
