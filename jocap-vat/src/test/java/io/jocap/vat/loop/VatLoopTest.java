package io.jocap.vat.loop;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jocap.vat.VatException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class VatLoopTest {
    private final List<VatLoop> loops = new ArrayList<>();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final List<Throwable> uncaught = new CopyOnWriteArrayList<>();

    /** A loop that is not started yet, so a test can line up turns before any runs. */
    private VatLoop unstarted(String name) {
        VatLoop loop = new VatLoop(name);
        loop.onUncaught(uncaught::add);
        loops.add(loop);
        return loop;
    }

    /** {@code action}, with the {@link IllegalStateException} it may throw handed to {@code refusals}. */
    private static Runnable refusing(Runnable action, Consumer<? super IllegalStateException> refusals) {
        return () -> {
            try {
                action.run();
            } catch (IllegalStateException e) {
                refusals.accept(e);
            }
        };
    }

    @AfterEach
    void stopLoops() throws InterruptedException {
        for (VatLoop loop : loops) {
            loop.close();
            assertThat(loop.awaitTermination(Duration.ofSeconds(5))).isTrue();
        }
    }

    @Test
    void turnsRunInSubmissionOrderOnOneNamedDaemonPlatformThread() throws Exception {
        VatLoop loop = unstarted("alice");
        List<Thread> threads = new CopyOnWriteArrayList<>();
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int n = i;
            done.add(loop.submit(() -> {
                threads.add(Thread.currentThread());
                log.add("turn " + n);
            }));
        }
        loop.start();
        CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(5, SECONDS);

        assertThat(log).containsExactly("turn 0", "turn 1", "turn 2", "turn 3", "turn 4");
        assertThat(threads).hasSize(5).containsOnly(threads.getFirst());
        Thread thread = threads.getFirst();
        assertThat(thread.getName()).isEqualTo("jocap-vat-alice");
        assertThat(thread.isDaemon()).isTrue();
        assertThat(thread.isVirtual()).isFalse();
        assertThat(thread).isNotSameAs(Thread.currentThread());
        assertThat(loop.vatName()).isEqualTo("alice");
    }

    @Test
    void turnsSubmittedExpectingMoreRunInOrderWhetherTheNextComesAtOnceOrAfterTheThreadParked() throws Exception {
        VatLoop loop = unstarted("bursty");
        loop.start();
        loop.submit(() -> log.add("turn 0"), true).get(5, SECONDS);
        loop.submit(() -> log.add("turn 1"), true).get(5, SECONDS); // while the thread polls
        Thread.sleep(50); // long past the polling: the thread parks
        loop.submit(() -> log.add("turn 2"), false).get(5, SECONDS);
        CompletableFuture<Void> last = loop.submit(() -> log.add("turn 3"), true);
        last.get(5, SECONDS);
        loop.close(); // while the thread polls for a turn that never comes: it still ends (checked after each test)

        assertThat(log).containsExactly("turn 0", "turn 1", "turn 2", "turn 3");
        assertThat(loop.submit(() -> log.add("late"), true))
                .failsWithin(Duration.ofSeconds(5))
                .withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(VatException.class);
    }

    @Test
    void wakeSoonIsOnlyAHintTurnsRunAsSubmittedBeforeDuringAndLongAfterIt() throws Exception {
        VatLoop loop = unstarted("sleepy");
        loop.wakeSoon(); // not started yet: the hint waits, nothing runs
        loop.start();
        loop.submit(() -> log.add("turn 0")).get(5, SECONDS);
        Thread.sleep(20); // the thread parks
        loop.wakeSoon();
        loop.submit(() -> log.add("turn 1")).get(5, SECONDS); // while it polls
        loop.wakeSoon();
        loop.wakeSoon(); // twice: one hint
        Thread.sleep(50); // long past the polling: the thread parks again
        loop.submit(() -> log.add("turn 2")).get(5, SECONDS);
        loop.close();
        loop.wakeSoon(); // closed: nothing happens

        assertThat(log).containsExactly("turn 0", "turn 1", "turn 2");
        assertThat(uncaught).isEmpty();
    }

    @Test
    void enqueuedTasksRunFifoAfterTheCurrentTaskAndTheTurnEndsOnlyWhenNoneIsLeft() throws Exception {
        VatLoop loop = unstarted("v");
        loop.onTurnEnd(() -> log.add("turn end"));
        CompletableFuture<Void> first = loop.submit(() -> {
            log.add("T1");
            loop.enqueue(() -> {
                log.add("a");
                loop.enqueue(() -> log.add("c"));
            });
            loop.enqueue(() -> log.add("b"));
            log.add("T1 returns");
        });
        CompletableFuture<Void> second = loop.submit(() -> log.add("T2"));
        first.thenRun(() -> log.add("T1 future"));
        second.thenRun(() -> log.add("T2 future"));
        loop.start();
        second.get(5, SECONDS);

        assertThat(log).containsExactly(
                "T1", "T1 returns", "a", "b", "c", "turn end", "T1 future",
                "T2", "turn end", "T2 future");
    }

    @Test
    void theFutureCompletesOnTheLoopThreadBetweenTurns() throws Exception {
        VatLoop loop = unstarted("v");
        AtomicReference<Thread> loopThread = new AtomicReference<>();
        AtomicReference<Thread> completedOn = new AtomicReference<>();
        AtomicReference<VatLoop> currentWhenCompleted = new AtomicReference<>(loop);
        AtomicReference<Throwable> enqueueBetweenTurns = new AtomicReference<>();
        CompletableFuture<Void> turn = loop.submit(() -> loopThread.set(Thread.currentThread()));
        CompletableFuture<Void> dependent = turn.thenRun(() -> {
            completedOn.set(Thread.currentThread());
            currentWhenCompleted.set(VatLoop.current());
            try {
                loop.enqueue(() -> log.add("must not run"));
            } catch (IllegalStateException e) {
                enqueueBetweenTurns.set(e);
            }
        });
        loop.start();
        dependent.get(5, SECONDS);
        loop.submit(() -> log.add("next turn")).get(5, SECONDS);

        assertThat(completedOn.get()).isSameAs(loopThread.get());
        assertThat(currentWhenCompleted.get()).as("no turn is running between turns").isNull();
        assertThat(enqueueBetweenTurns.get()).isInstanceOf(IllegalStateException.class);
        assertThat(log).containsExactly("next turn");
    }

    @Test
    void onTurnEndReplacesThePreviousHookAndNullRemovesIt() throws Exception {
        VatLoop loop = unstarted("v");
        loop.start();
        loop.onTurnEnd(() -> log.add("old hook"));
        loop.onTurnEnd(() -> log.add("new hook"));
        loop.submit(() -> log.add("turn 1")).get(5, SECONDS);
        loop.onTurnEnd(null);
        loop.submit(() -> log.add("turn 2")).get(5, SECONDS);

        assertThat(log).containsExactly("turn 1", "new hook", "turn 2");
    }

    @Test
    void whatTheTurnEndHookThrowsGoesToTheHandlerAndTheFutureStillCompletes() throws Exception {
        VatLoop loop = unstarted("v");
        loop.start();
        IllegalStateException boom = new IllegalStateException("hook failed");
        loop.onTurnEnd(() -> {
            throw boom;
        });
        loop.submit(() -> log.add("turn")).get(5, SECONDS);

        assertThat(log).containsExactly("turn");
        assertThat(uncaught).containsExactly(boom);
    }

    @Test
    void enqueueIsRefusedOutsideATurnOfThatLoop() throws Exception {
        VatLoop loop = unstarted("bob");
        VatLoop other = unstarted("carol");
        loop.start();
        other.start();

        assertThatThrownBy(() -> loop.enqueue(() -> {}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("vat bob")
                .hasMessageContaining("during a turn");

        AtomicReference<Throwable> fromOtherLoop = new AtomicReference<>();
        other.submit(refusing(() -> loop.enqueue(() -> log.add("must not run")), fromOtherLoop::set)).get(5, SECONDS);
        assertThat(fromOtherLoop.get()).isInstanceOf(IllegalStateException.class);

        AtomicReference<Throwable> fromHook = new AtomicReference<>();
        loop.onTurnEnd(refusing(() -> loop.enqueue(() -> log.add("must not run")), fromHook::set));
        loop.submit(() -> {}).get(5, SECONDS);
        assertThat(fromHook.get()).as("the turn-end hook is not part of the turn").isInstanceOf(IllegalStateException.class);
        assertThat(log).isEmpty();
    }

    @Test
    void currentAndInLoopTellWhichLoopIsRunningHere() throws Exception {
        VatLoop loop = unstarted("v");
        VatLoop other = unstarted("w");
        loop.start();
        other.start();
        AtomicReference<VatLoop> inTurn = new AtomicReference<>();
        AtomicBoolean inLoopInTurn = new AtomicBoolean();
        AtomicBoolean otherInLoopThere = new AtomicBoolean(true);
        AtomicReference<VatLoop> inHook = new AtomicReference<>(loop);
        AtomicBoolean inLoopInHook = new AtomicBoolean();
        loop.onTurnEnd(() -> {
            inHook.set(VatLoop.current());
            inLoopInHook.set(loop.inLoop());
        });
        loop.submit(() -> {
            inTurn.set(VatLoop.current());
            inLoopInTurn.set(loop.inLoop());
            otherInLoopThere.set(other.inLoop());
        }).get(5, SECONDS);
        AtomicReference<VatLoop> inOtherTurn = new AtomicReference<>();
        other.submit(() -> inOtherTurn.set(VatLoop.current())).get(5, SECONDS);

        assertThat(VatLoop.current()).isNull();
        assertThat(loop.inLoop()).isFalse();
        assertThat(inTurn.get()).isSameAs(loop);
        assertThat(inLoopInTurn).isTrue();
        assertThat(otherInLoopThere).isFalse();
        assertThat(inHook.get()).isNull();
        assertThat(inLoopInHook).isTrue();
        assertThat(inOtherTurn.get()).isSameAs(other);
    }

    @Test
    void whatATaskThrowsGoesToTheHandlerAndTheTurnGoesOn() throws Exception {
        VatLoop loop = unstarted("v");
        RuntimeException exception = new RuntimeException("task failed");
        AssertionError error = new AssertionError("vat bug");
        OutOfMemoryError fatal = new OutOfMemoryError("pretend");
        CompletableFuture<Void> first = loop.submit(() -> {
            loop.enqueue(() -> {
                log.add("a");
                loop.enqueue(() -> {
                    throw fatal;
                });
                loop.enqueue(() -> log.add("c"));
                throw error;
            });
            loop.enqueue(() -> log.add("b"));
            throw exception;
        });
        CompletableFuture<Void> second = loop.submit(() -> log.add("next turn"));
        loop.start();

        first.get(5, SECONDS); // completes normally: the turn did end
        second.get(5, SECONDS);
        assertThat(log).containsExactly("a", "b", "c", "next turn");
        assertThat(uncaught).containsExactly(exception, error, fatal);
    }

    @Test
    void aStackOverflowInATaskIsReportedAndTheLoopGoesOn() throws Exception {
        VatLoop loop = unstarted("v");
        loop.start();
        loop.submit(() -> {
            loop.enqueue(() -> log.add("after overflow"));
            recurseForever(0);
        }).get(5, SECONDS);
        loop.submit(() -> log.add("next turn")).get(5, SECONDS);

        assertThat(log).containsExactly("after overflow", "next turn");
        assertThat(uncaught).singleElement().isInstanceOf(StackOverflowError.class);
    }

    private static int recurseForever(int depth) {
        return recurseForever(depth + 1) + 1;
    }

    @Test
    void aFailingHandlerDoesNotStopTheLoop() throws Exception {
        VatLoop loop = unstarted("v");
        loop.onUncaught(failure -> {
            throw new IllegalStateException("handler failed too");
        });
        loop.start();
        PrintStream originalErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            loop.submit(() -> {
                loop.enqueue(() -> log.add("after failure"));
                throw new RuntimeException("task failed");
            }).get(5, SECONDS);
        } finally {
            System.setErr(originalErr);
        }

        assertThat(log).containsExactly("after failure");
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("vat v: uncaught java.lang.RuntimeException: task failed")
                .contains("handler failed too");
    }

    @Test
    void theDefaultHandlerPrintsOneLineToStandardError() throws Exception {
        VatLoop loop = new VatLoop("dora");
        loops.add(loop);
        loop.start();
        PrintStream originalErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            loop.submit(() -> {
                throw new IllegalArgumentException("bad input");
            }).get(5, SECONDS);
        } finally {
            System.setErr(originalErr);
        }

        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo("vat dora: uncaught java.lang.IllegalArgumentException: bad input" + System.lineSeparator());
    }

    @Test
    void closeFailsTurnsThatHaveNotStartedAndRefusesNewOnes() throws Exception {
        VatLoop loop = unstarted("erin");
        AtomicInteger ran = new AtomicInteger();
        CompletableFuture<Void> first = loop.submit(ran::incrementAndGet);
        CompletableFuture<Void> second = loop.submit(ran::incrementAndGet);
        loop.close();
        loop.close(); // idempotent

        assertStopped(first, "erin");
        assertStopped(second, "erin");
        assertStopped(loop.submit(ran::incrementAndGet), "erin");
        assertThat(ran).hasValue(0);
        assertThat(loop.awaitTermination(Duration.ZERO)).as("never started, so already terminated").isTrue();
        assertThatThrownBy(loop::start).isInstanceOf(IllegalStateException.class).hasMessage("vat erin is stopped");
    }

    @Test
    void closeInsideATurnFinishesThatTurnFailsTheRestAndDoesNotDeadlock() throws Exception {
        VatLoop loop = unstarted("v");
        CompletableFuture<Void> closing = loop.submit(() -> {
            loop.close();
            log.add("after close");
            loop.enqueue(() -> log.add("enqueued after close"));
        });
        CompletableFuture<Void> later = loop.submit(() -> log.add("must not run"));
        loop.start();

        closing.get(5, SECONDS);
        assertStopped(later, "v");
        assertThat(loop.awaitTermination(Duration.ofSeconds(5))).isTrue();
        assertThat(log).containsExactly("after close", "enqueued after close");
    }

    @Test
    void closeFromAnotherThreadLetsTheTurnInProgressEnd() throws Exception {
        VatLoop loop = unstarted("v");
        CountDownLatch turnStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> inProgress = loop.submit(() -> {
            turnStarted.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            loop.enqueue(() -> log.add("rest of the turn"));
        });
        CompletableFuture<Void> pending = loop.submit(() -> log.add("must not run"));
        loop.start();
        assertThat(turnStarted.await(5, SECONDS)).isTrue();

        loop.close();
        assertStopped(pending, "v");
        assertThat(inProgress).isNotDone();
        release.countDown();

        inProgress.get(5, SECONDS);
        assertThat(loop.awaitTermination(Duration.ofSeconds(5))).isTrue();
        assertThat(log).containsExactly("rest of the turn");
    }

    @Test
    void startIsAllowedOnce() {
        VatLoop loop = unstarted("v");
        loop.start();
        assertThatThrownBy(loop::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("already started");
    }

    @Test
    void aRunningLoopHasNotTerminated() throws Exception {
        VatLoop loop = unstarted("v");
        loop.start();
        assertThat(loop.awaitTermination(Duration.ZERO)).isFalse();
    }

    @Test
    void turnsFromManyThreadsNeverOverlapAndKeepEachSubmittersOrder() throws Exception {
        VatLoop loop = unstarted("v");
        loop.start();
        int submitters = 4;
        int perSubmitter = 200;
        AtomicInteger running = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        List<List<Integer>> seen = new ArrayList<>();
        for (int s = 0; s < submitters; s++) {
            seen.add(new ArrayList<>()); // only touched on the loop thread
        }
        List<CompletableFuture<Void>> all = new CopyOnWriteArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int s = 0; s < submitters; s++) {
            int submitter = s;
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < perSubmitter; i++) {
                    int n = i;
                    all.add(loop.submit(() -> {
                        if (running.incrementAndGet() != 1) {
                            overlaps.incrementAndGet();
                        }
                        loop.enqueue(() -> {
                            seen.get(submitter).add(n);
                            running.decrementAndGet();
                        });
                    }));
                }
            }));
        }
        go.countDown();
        for (Thread t : threads) {
            t.join(5_000);
        }
        assertThat(all).hasSize(submitters * perSubmitter);
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(5, SECONDS);

        assertThat(overlaps).hasValue(0);
        List<Integer> expected = java.util.stream.IntStream.range(0, perSubmitter).boxed().toList();
        List<List<Integer>> snapshot = loopSnapshot(loop, seen);
        for (List<Integer> perThread : snapshot) {
            assertThat(perThread).isEqualTo(expected);
        }
    }

    /** Copies loop-confined state on the loop thread, so the test reads it safely. */
    private static List<List<Integer>> loopSnapshot(VatLoop loop, List<List<Integer>> state) throws Exception {
        return LoopFixture.turn(loop, () -> state.stream().map(List::copyOf).toList());
    }

    private static void assertStopped(CompletableFuture<Void> future, String vatName) {
        assertThatThrownBy(() -> future.get(5, SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(VatException.class)
                .hasMessage("vat " + vatName + " is stopped");
    }

    @Test
    void aTurnRunHereRunsOnTheCallerWithItsTasksAndHookThenLeavesNoTrace() throws Exception {
        VatLoop loop = unstarted("inline");
        loop.start();
        loop.onTurnEnd(() -> log.add("hook on " + Thread.currentThread().getName()));
        Thread caller = Thread.currentThread();
        loop.runTurnHere(() -> {
            log.add("start, current " + (VatLoop.current() == loop) + ", inLoop " + loop.inLoop()
                    + ", caller " + (Thread.currentThread() == caller));
            loop.enqueue(() -> log.add("enqueued"));
        });
        assertThat(log).containsExactly("start, current true, inLoop true, caller true", "enqueued",
                "hook on " + caller.getName());
        assertThat(VatLoop.current()).isNull();
        assertThat(loop.inLoop()).isFalse();
        assertThat(StepMeter.inlineTurn()).isNull();
        // the loop's own thread still runs submitted turns afterwards
        loop.submit(() -> log.add("on " + Thread.currentThread().getName())).get(5, SECONDS);
        assertThat(log).contains("on jocap-vat-inline");
    }

    @Test
    void aTurnRunHereHasTheStepBudgetAndThrowsOnlyToTheUncaughtHandler() {
        VatLoop loop = unstarted("counted");
        loop.start();
        loop.stepBudget(10);
        loop.runTurnHere(() -> {
            for (int i = 0; i < 100; i++) {
                io.jocap.vat.Meter.step();
            }
        });
        assertThat(loop.stepBudgetExceeded()).contains("vat counted used its step budget of 10 steps");
        assertThat(uncaught).singleElement().isInstanceOf(io.jocap.vat.StepBudgetExceeded.class);
        loop.runTurnHere(() -> io.jocap.vat.Meter.step());
        assertThat(loop.stepBudgetExceeded()).as("re-armed for the next turn").isNull();
        assertThat(loop.stepsTaken()).isEqualTo(1);
        io.jocap.vat.Meter.step(); // outside any turn: free
    }

    @Test
    void aTurnCannotRunHereOnAClosedLoopOrInsideAnotherTurn() throws Exception {
        VatLoop loop = unstarted("refusing");
        loop.start();
        List<Throwable> refused = new CopyOnWriteArrayList<>();
        loop.runTurnHere(refusing(() -> loop.runTurnHere(() -> log.add("nested")), refused::add));
        assertThat(refused).singleElement().extracting(Throwable::getMessage).asString().contains("busy");
        loop.submit(refusing(() -> loop.runTurnHere(() -> log.add("on the loop thread")), refused::add)).get(5, SECONDS);
        assertThat(refused).hasSize(2);
        loop.close();
        assertThatThrownBy(() -> loop.runTurnHere(() -> log.add("closed"))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("stopped");
        assertThat(log).isEmpty();
    }
}
