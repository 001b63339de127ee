package io.jocap.vat.powers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jocap.vat.VatException;
import io.jocap.vat.VatPowers;
import io.jocap.vat.loop.VatLoop;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Granting, logging, the clock, randomness and stopping; timers and HTTP have tests of their own. */
class VatPowerSetTest {
    // The loop is never started: nothing here needs a turn.
    private final VatLoop loop = new VatLoop("alice");
    private final List<String> lines = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeLoop() {
        loop.close();
    }

    private VatPowerSet powers(List<String> endowments) {
        return new VatPowerSet(Endowments.parse("alice", endowments, null), loop, lines::add);
    }

    @Test
    void aPowerNotGrantedIsRefusedSayingHowToGrantIt() {
        VatPowers powers = powers(List.of());
        assertThat(powers.vatName()).isEqualTo("alice");
        assertThatThrownBy(powers::timers)
                .isInstanceOf(VatException.class)
                .hasMessage("vat alice was not granted the endowment \"timers\": add it to the vat's"
                        + " \"endowments\" in the cluster config");
        assertThatThrownBy(powers::clock)
                .isInstanceOf(VatException.class)
                .hasMessage("vat alice was not granted the endowment \"clock\": add it to the vat's"
                        + " \"endowments\" in the cluster config");
        assertThatThrownBy(powers::random)
                .isInstanceOf(VatException.class)
                .hasMessage("vat alice was not granted the endowment \"random\": add it to the vat's"
                        + " \"endowments\" in the cluster config");
        assertThatThrownBy(powers::http)
                .isInstanceOf(VatException.class)
                .hasMessage("vat alice was not granted the endowment \"http\": add it to the vat's"
                        + " \"endowments\" in the cluster config, with the hosts it may reach in its"
                        + " \"network.allowedHosts\"");
        assertThat(powers.logger()).as("the logger is always granted").isNotNull();
    }

    @Test
    void grantedPowersAreThere() {
        VatPowerSet powers = new VatPowerSet(
                Endowments.parse("alice", List.of("timers", "clock", "random", "http"), List.of("example.com")),
                loop, lines::add);
        assertThat(powers.timers()).isNotNull();
        assertThat(powers.clock()).isNotNull();
        assertThat(powers.random()).isNotNull();
        assertThat(powers.http()).isNotNull();
        powers.close();
    }

    @Test
    void theLoggerWritesOneTaggedLinePerCall() {
        VatLogger log = powers(List.of()).logger();
        log.info("started");
        log.warn("low on cheese");
        log.error("fetch failed", new IOException("connection reset"));
        log.error("no message", new IllegalStateException());
        log.error("no error", null);
        log.info("two\nlines\r\tand a bell\u0007");
        assertThat(lines).containsExactly(
                "[alice] INFO started",
                "[alice] WARN low on cheese",
                "[alice] ERROR fetch failed: java.io.IOException: connection reset",
                "[alice] ERROR no message: java.lang.IllegalStateException",
                "[alice] ERROR no error",
                "[alice] INFO two\\nlines\\r\tand a bell\\u0007");
    }

    @Test
    void theClockTellsTime() {
        VatClock clock = powers(List.of("clock")).clock();
        Instant before = Instant.now();
        Instant now = clock.now();
        assertThat(now).isBetween(before, Instant.now());
        long first = clock.monotonicNanos();
        assertThat(clock.monotonicNanos()).isGreaterThanOrEqualTo(first);
    }

    @Test
    void eachVatHasItsOwnRandomGenerator() {
        RandomGenerator a = powers(List.of("random")).random();
        RandomGenerator b = powers(List.of("random")).random();
        assertThat(a).isNotSameAs(b);
        // Two independently seeded 64-bit generators agree on three draws with chance 2^-192.
        assertThat(List.of(a.nextLong(), a.nextLong(), a.nextLong()))
                .isNotEqualTo(List.of(b.nextLong(), b.nextLong(), b.nextLong()));
        assertThat(a.nextInt(10)).isBetween(0, 9);
        assertThat(a.nextDouble()).isBetween(0.0, 1.0);
    }

    @Test
    void afterCloseEveryPowerSaysTheVatIsStopped() {
        VatPowerSet powers = powers(List.of("timers", "clock", "random"));
        VatLogger log = powers.logger();
        VatClock clock = powers.clock();
        RandomGenerator random = powers.random();
        powers.close();
        powers.close(); // idempotent
        assertThat(powers.isClosed()).isTrue();
        assertThat(powers.vatName()).isEqualTo("alice");
        for (Runnable call : List.<Runnable>of(
                powers::logger, powers::timers, powers::clock, powers::random, powers::http,
                () -> log.info("x"), () -> log.error("x", null), clock::now, clock::monotonicNanos,
                random::nextLong, random::nextInt, random::nextDouble)) {
            assertThatThrownBy(call::run).isInstanceOf(VatException.class).hasMessage("vat alice is stopped");
        }
        assertThat(lines).isEmpty();
    }

    @Test
    void aTimeoutMustBePositive() {
        assertThatThrownBy(() -> new VatPowerSet(Endowments.loggerOnly("alice"), loop, lines::add, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the HTTP timeout must be positive, got PT0S");
    }
}
