package io.jocap.vat.powers;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jocap.vat.VatException;
import io.jocap.vat.VatPromise;
import io.jocap.vat.loop.LoopFixture;
import io.jocap.vat.loop.VatLoop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Timers against real loops. Nothing here waits a fixed time: to show that something did
 * <em>not</em> happen, a test waits for a later timer (a barrier) and then checks.
 */
class TimersTest {
    private final LoopFixture alice = new LoopFixture("alice");
    private final VatPowerSet powers = powersOf(alice.loop);
    private final List<LoopFixture> otherFixtures = new ArrayList<>();
    private final List<VatPowerSet> otherPowers = new ArrayList<>();

    private static VatPowerSet powersOf(VatLoop loop) {
        return new VatPowerSet(Endowments.parse(loop.vatName(), List.of("timers"), null), loop, line -> {});
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        powers.close();
        otherPowers.forEach(VatPowerSet::close);
        for (LoopFixture other : otherFixtures) {
            other.closeExpectingNoUncaught();
        }
        alice.closeExpectingNoUncaught();
    }

    /** Waits (in the test thread) until a timer of {@code delay} set now on alice has fired. */
    private void barrier(Duration delay) throws Exception {
        CompletableFuture<Void> fired = new CompletableFuture<>();
        alice.run(() -> powers.timers().setTimeout(delay, () -> fired.complete(null)));
        fired.get(5, SECONDS);
    }

    @Test
    void aTimeoutFiresOnceInATurnOfTheVatsLoop() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CompletableFuture<Boolean> inTurn = new CompletableFuture<>();
        alice.run(() -> powers.timers().setTimeout(Duration.ofMillis(5), () -> {
            runs.incrementAndGet();
            inTurn.complete(VatLoop.current() == alice.loop && alice.loop.inLoop());
        }));
        assertThat(inTurn.get(5, SECONDS)).as("ran in a turn on alice's loop thread").isTrue();
        barrier(Duration.ofMillis(20));
        assertThat(runs).hasValue(1);
        assertThat(powers.liveTimerCount()).isZero();
    }

    @Test
    void anIntervalFiresUntilCancelled() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        AtomicReference<TimerHandle> handle = new AtomicReference<>();
        CompletableFuture<Void> thirdRun = new CompletableFuture<>();
        alice.run(() -> handle.set(powers.timers().setInterval(Duration.ofMillis(2), () -> {
            assertThat(VatLoop.current()).isSameAs(alice.loop);
            if (runs.incrementAndGet() == 3) {
                handle.get().cancel();
                handle.get().cancel(); // idempotent
                thirdRun.complete(null);
            }
        })));
        thirdRun.get(5, SECONDS);
        barrier(Duration.ofMillis(20)); // ten periods: an interval still alive would have fired
        assertThat(runs).hasValue(3);
        assertThat(powers.liveTimerCount()).isZero();
    }

    @Test
    void aTimeoutCancelledBeforeItFiresNeverRuns() throws Exception {
        AtomicBoolean ran = new AtomicBoolean();
        alice.run(() -> powers.timers().setTimeout(Duration.ofMillis(5), () -> ran.set(true)).cancel());
        assertThat(powers.liveTimerCount()).isZero();
        barrier(Duration.ofMillis(20));
        assertThat(ran).isFalse();
    }

    /**
     * The scheduler has already handed the firing to the loop, but the vat cancels the timer in an
     * earlier turn: the task must still not run. To get there without waiting, alice's loop is
     * held in a turn until a timer of bob set after both of alice's has fired (the scheduler
     * thread is shared and fires timers due at the same time in the order they were set).
     */
    @Test
    void aCancelTakesEffectEvenAfterTheFiringWasHandedToTheLoop() throws Exception {
        LoopFixture bob = other("bob");
        VatPowerSet bobPowers = otherPowers.getLast();
        CountDownLatch bothSet = new CountDownLatch(1);
        CountDownLatch bobFired = new CountDownLatch(1);
        AtomicBoolean victimRan = new AtomicBoolean();
        CompletableFuture<Boolean> cancellerRan = new CompletableFuture<>();
        CompletableFuture<Void> holdingTurn = alice.loop.submit(() -> {
            Timers timers = powers.timers();
            AtomicReference<TimerHandle> victim = new AtomicReference<>();
            timers.setTimeout(Duration.ZERO, () -> {
                victim.get().cancel();
                cancellerRan.complete(true);
            });
            victim.set(timers.setTimeout(Duration.ZERO, () -> victimRan.set(true)));
            bothSet.countDown();
            await(bobFired); // alice's two firings are now queued behind this turn
        });
        assertThat(bothSet.await(5, SECONDS)).isTrue();
        bob.run(() -> bobPowers.timers().setTimeout(Duration.ZERO, bobFired::countDown));
        holdingTurn.get(5, SECONDS);
        assertThat(cancellerRan.get(5, SECONDS)).isTrue();
        alice.run(() -> {}); // the victim's turn, already queued, has run by now
        assertThat(victimRan).isFalse();
    }

    /**
     * The vat stops from another thread (as when the kernel terminates it) while alice's loop is
     * held in the turn that set the timers, so none of them can have run yet, though the short
     * ones may already be waiting for the loop.
     */
    @Test
    void closeCancelsExactlyThatVatsTimers() throws Exception {
        AtomicInteger aliceRuns = new AtomicInteger();
        CountDownLatch set = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        CompletableFuture<Void> holdingTurn = alice.loop.submit(() -> {
            powers.timers().setTimeout(Duration.ZERO, aliceRuns::incrementAndGet);
            powers.timers().setInterval(Duration.ofMillis(1), aliceRuns::incrementAndGet);
            powers.timers().setTimeout(Duration.ofDays(1), aliceRuns::incrementAndGet);
            set.countDown();
            await(closed);
        });
        assertThat(set.await(5, SECONDS)).isTrue();
        assertThat(powers.liveTimerCount()).isEqualTo(3);
        powers.close();
        closed.countDown();
        assertThat(powers.liveTimerCount()).isZero();
        holdingTurn.get(5, SECONDS);

        LoopFixture bob = other("bob");
        VatPowerSet bobPowers = otherPowers.getLast();
        CompletableFuture<Void> bobFired = new CompletableFuture<>();
        bob.run(() -> bobPowers.timers().setTimeout(Duration.ofMillis(20), () -> bobFired.complete(null)));
        bobFired.get(5, SECONDS); // bob's timer still fires
        alice.run(() -> {}); // and any turn of alice's submitted before it has run
        assertThat(aliceRuns).hasValue(0);
        assertThatThrownBy(powers::timers).isInstanceOf(VatException.class).hasMessage("vat alice is stopped");
    }

    @Test
    void delayFulfillsItsPromiseInALaterTurn() throws Exception {
        CompletableFuture<Boolean> settled = new CompletableFuture<>();
        VatPromise<Void> promise = alice.turn(() -> {
            VatPromise<Void> p = powers.timers().delay(Duration.ofMillis(5));
            p.whenSettled((value, reason) -> settled.complete(reason == null && value == null));
            assertThat(p.isSettled()).isFalse();
            return p;
        });
        assertThat(settled.get(5, SECONDS)).isTrue();
        assertThat(promise.isFulfilled()).isTrue();
    }

    @Test
    void aTaskThatThrowsDoesNotStopItsInterval() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        AtomicReference<TimerHandle> handle = new AtomicReference<>();
        CompletableFuture<Void> thirdRun = new CompletableFuture<>();
        alice.run(() -> handle.set(powers.timers().setInterval(Duration.ofMillis(2), () -> {
            int run = runs.incrementAndGet();
            if (run == 3) {
                handle.get().cancel();
                thirdRun.complete(null);
            }
            throw new IllegalStateException("tick " + run);
        })));
        thirdRun.get(5, SECONDS);
        alice.run(() -> {});
        assertThat(alice.uncaught).extracting(Throwable::getMessage).containsExactly("tick 1", "tick 2", "tick 3");
        alice.uncaught.clear();
    }

    @Test
    void durationsAreChecked() throws Exception {
        alice.run(() -> {
            Timers timers = powers.timers();
            assertThatThrownBy(() -> timers.setTimeout(null, () -> {}))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("timers.setTimeout: the delay must not be null");
            assertThatThrownBy(() -> timers.setTimeout(Duration.ofMillis(-1), () -> {}))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("timers.setTimeout: the delay must not be negative, got PT-0.001S");
            assertThatThrownBy(() -> timers.setInterval(Duration.ZERO, () -> {}))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("timers.setInterval: the period must be positive, got PT0S");
            assertThatThrownBy(() -> timers.setInterval(null, () -> {}))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("timers.setInterval: the period must not be null");
            assertThatThrownBy(() -> timers.delay(Duration.ofSeconds(-5)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("timers.delay: the delay must not be negative, got PT-5S");
        });
        assertThat(powers.liveTimerCount()).isZero();
    }

    @Test
    void timersCanOnlyBeSetFromTheVatsOwnTurns() {
        Timers timers = powers.timers();
        assertThatThrownBy(() -> timers.setTimeout(Duration.ZERO, () -> {}))
                .isInstanceOf(VatException.class)
                .hasMessageStartingWith("vat alice: timers.setTimeout must be called from the vat's own code,"
                        + " in a turn of its event loop (it was called on thread \"");
    }

    private LoopFixture other(String name) {
        LoopFixture fixture = new LoopFixture(name);
        otherFixtures.add(fixture);
        otherPowers.add(powersOf(fixture.loop));
        return fixture;
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(5, SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
