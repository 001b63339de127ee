package io.jocap.vat.loop;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jocap.vat.VatException;
import io.jocap.vat.VatPromise;
import io.jocap.vat.VatResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LoopPromiseTest {
    private final LoopFixture vat = new LoopFixture("v");
    private final List<String> log = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        vat.closeExpectingNoUncaught();
    }

    private static <T> VatResolver<T> kit() {
        return LoopPromise.kit();
    }

    // ---- making promises ----

    @Test
    void makingAPromiseOffTheLoopIsRefused() {
        assertThatThrownBy(LoopPromise::kit)
                .isInstanceOf(VatException.class)
                .hasMessage("promises can only be made on a vat's event loop"
                        + " (inside a vat method, reaction, timer or I/O completion)");
    }

    @Test
    void aKitForAGivenLoopMayBeMadeAnywhereButSettledOnlyOnThatLoop() throws Exception {
        VatResolver<String> resolver = LoopPromise.kit(vat.loop);
        VatPromise<String> promise = resolver.promise();
        assertThat(((LoopPromise<String>) promise).loop()).isSameAs(vat.loop);
        assertThat(promise).isNotInstanceOf(VatResolver.class); // the authority to resolve stays apart

        assertThatThrownBy(() -> resolver.resolve("x"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("may only be settled on vat v's event loop");
        assertThatThrownBy(() -> promise.then(v -> v))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("may only be used on vat v's event loop");
        assertThat(resolver.isDone()).isFalse();

        vat.run(() -> resolver.resolve("x"));
        assertThat(promise.isFulfilled()).isTrue();
        assertThat(promise.value()).isEqualTo("x");
    }

    @Test
    void settlingIsRefusedOnAnotherLoopAndBetweenTurns() throws Exception {
        LoopFixture other = new LoopFixture("w");
        try {
            VatResolver<String> resolver = vat.turn(LoopPromise::kit);
            AtomicReference<Throwable> onOtherLoop = new AtomicReference<>();
            other.run(() -> {
                try {
                    resolver.reject(new RuntimeException("not yours"));
                } catch (IllegalStateException e) {
                    onOtherLoop.set(e);
                }
            });
            assertThat(onOtherLoop.get()).hasMessageContaining("may only be settled on vat v's event loop");

            AtomicReference<Throwable> betweenTurns = new AtomicReference<>();
            vat.loop.onTurnEnd(() -> {
                try {
                    resolver.resolve("late");
                } catch (IllegalStateException e) {
                    betweenTurns.set(e);
                }
            });
            vat.run(() -> {});
            vat.loop.onTurnEnd(null);
            assertThat(betweenTurns.get()).isInstanceOf(IllegalStateException.class);
            assertThat(resolver.isDone()).isFalse();
            assertThat(resolver.promise().isSettled()).isFalse();
        } finally {
            other.closeExpectingNoUncaught();
        }
    }

    // ---- reactions: asynchronous, in order ----

    @Test
    void reactionsNeverRunInsideTheRegisteringOrSettlingCall() throws Exception {
        vat.run(() -> {
            VatResolver<String> r = kit();
            r.promise().onFulfilled(v -> log.add("reaction " + v));
            log.add("registered");
            r.resolve("x");
            log.add("resolved");
            vat.loop.enqueue(() -> log.add("task enqueued after resolve"));
            r.promise().onFulfilled(v -> log.add("late reaction " + v));
            log.add("registered on settled promise");
        });
        assertThat(log).containsExactly(
                "registered", "resolved", "registered on settled promise",
                "reaction x", "task enqueued after resolve", "late reaction x");
    }

    @Test
    void reactionsOfEveryKindRunInRegistrationOrderOnFulfillment() throws Exception {
        vat.run(() -> {
            VatResolver<String> r = kit();
            VatPromise<String> p = r.promise();
            p.then(v -> log.add("then " + v));
            p.onRejected(e -> log.add("onRejected"));
            p.onFulfilled(v -> log.add("onFulfilled " + v));
            p.catching(e -> log.add("catching"));
            p.whenSettled((v, e) -> log.add("whenSettled " + v + " " + e));
            r.resolve("x");
            p.then(v -> log.add("then2 " + v), e -> log.add("then2 rejected"));
        });
        assertThat(log).containsExactly("then x", "onFulfilled x", "whenSettled x null", "then2 x");
    }

    @Test
    void reactionsOfEveryKindRunInRegistrationOrderOnRejection() throws Exception {
        RuntimeException boom = new RuntimeException("boom");
        vat.run(() -> {
            VatResolver<String> r = kit();
            VatPromise<String> p = r.promise();
            p.onRejected(e -> log.add("onRejected " + e.getMessage()));
            p.onFulfilled(v -> log.add("onFulfilled"));
            p.catching(e -> log.add("catching " + e.getMessage()));
            r.reject(boom);
            p.whenSettled((v, e) -> log.add("whenSettled " + v + " " + e.getMessage()));
            p.then(v -> log.add("then"), e -> log.add("then rejected " + e.getMessage()));
        });
        assertThat(log).containsExactly(
                "onRejected boom", "catching boom", "whenSettled null boom", "then rejected boom");
    }

    @Test
    void aChainOfAThousandThensRunsWithinTheTurnBeforeItsFutureCompletes() throws Exception {
        List<Integer> atTurnEnd = new CopyOnWriteArrayList<>();
        AtomicReference<Integer> result = new AtomicReference<>();
        vat.loop.onTurnEnd(() -> atTurnEnd.add(result.get()));
        CompletableFuture<Void> turn = vat.loop.submit(() -> {
            VatResolver<Integer> r = kit();
            VatPromise<Integer> p = r.promise();
            for (int i = 0; i < 1000; i++) {
                p = p.then(v -> v + 1);
            }
            p.onFulfilled(result::set);
            r.resolve(0);
            log.add("task returns with result " + result.get());
        });
        Integer whenFutureCompleted = turn.thenApply(ignored -> result.get()).get(5, SECONDS);
        vat.loop.onTurnEnd(null);

        assertThat(log).containsExactly("task returns with result null");
        assertThat(whenFutureCompleted).isEqualTo(1000);
        assertThat(atTurnEnd).as("one turn, quiescent only when the chain is done").containsExactly(1000);
    }

    @Test
    void aChainOfAThousandThensReturningPromisesIsFlattenedWithinTheTurn() throws Exception {
        Integer result = vat.turn(() -> {
            VatResolver<Integer> r = kit();
            VatPromise<Integer> p = r.promise();
            for (int i = 0; i < 1000; i++) {
                p = p.then(v -> {
                    VatResolver<Integer> step = kit();
                    vat.loop.enqueue(() -> step.resolve(v + 1)); // resolved later in the turn
                    return step.promise();
                });
            }
            r.resolve(0);
            return p;
        }).value();
        assertThat(result).isEqualTo(1000);
    }

    @Test
    void whatAReactionActionThrowsGoesToTheLoopAndLaterReactionsStillRun() throws Exception {
        IllegalStateException boom = new IllegalStateException("action failed");
        vat.run(() -> {
            VatResolver<String> r = kit();
            r.promise().onFulfilled(v -> {
                throw boom;
            });
            r.promise().onFulfilled(v -> log.add("second " + v));
            r.resolve("x");
        });
        assertThat(log).containsExactly("second x");
        assertThat(vat.uncaught).containsExactly(boom);
        vat.uncaught.clear();
    }

    // ---- then / catching ----

    @Test
    void thenFollowsAPromiseItsCallbackReturns() throws Exception {
        AtomicReference<VatResolver<String>> inner = new AtomicReference<>();
        VatPromise<String> derived = vat.turn(() -> {
            VatResolver<Integer> outer = kit();
            inner.set(kit());
            VatPromise<String> p = outer.promise().then(v -> inner.get().promise());
            outer.resolve(1);
            return p;
        });
        assertThat(derived.isSettled()).as("follows a pending promise").isFalse();

        vat.run(() -> inner.get().resolve("deep"));
        assertThat(derived.isFulfilled()).isTrue();
        assertThat(derived.value()).isEqualTo("deep");
    }

    @Test
    void aRejectionPassesThroughThensUntilCaught() throws Exception {
        RuntimeException boom = new RuntimeException("boom");
        VatPromise<Object> recovered = vat.turn(() -> {
            VatResolver<Integer> r = kit();
            VatPromise<Object> p = r.promise()
                    .then(v -> log.add("first then"))
                    .then(v -> log.add("second then"))
                    .catching(e -> e == boom ? "recovered from the same reason" : "another reason: " + e);
            r.reject(boom);
            return p;
        });
        assertThat(log).isEmpty();
        assertThat(recovered.value()).isEqualTo("recovered from the same reason");
    }

    @Test
    void aFulfillmentPassesThroughCatching() throws Exception {
        VatPromise<String> p = vat.turn(() -> {
            VatResolver<String> r = kit();
            VatPromise<String> caught = r.promise().catching(e -> log.add("catching"));
            r.resolve("kept");
            return caught;
        });
        assertThat(log).isEmpty();
        assertThat(p.value()).isEqualTo("kept");
    }

    @Test
    void whatACallbackThrowsRejectsTheDerivedPromise() throws Exception {
        IllegalArgumentException thrown = new IllegalArgumentException("bad");
        IllegalStateException rethrown = new IllegalStateException("worse");
        List<VatPromise<Object>> ps = vat.turn(() -> {
            VatPromise<Integer> one = VatPromisesSupport.fulfilled(1);
            VatPromise<Object> fromThen = one.then(v -> {
                throw thrown;
            });
            VatPromise<Object> fromCatching = fromThen.catching(e -> {
                throw rethrown;
            });
            VatPromise<Object> recovered = fromCatching.catching(e -> "recovered from " + e.getMessage());
            return List.of(fromThen, fromCatching, recovered);
        });
        assertThat(ps.get(0).reason()).isSameAs(thrown);
        assertThat(ps.get(1).reason()).isSameAs(rethrown);
        assertThat(ps.get(2).value()).isEqualTo("recovered from worse");
    }

    @Test
    void thenWithTwoCallbacksUsesTheOneThatApplies() throws Exception {
        RuntimeException boom = new RuntimeException("boom");
        List<VatPromise<Object>> ps = vat.turn(() -> {
            VatResolver<Integer> good = kit();
            VatResolver<Integer> bad = kit();
            VatResolver<String> later = kit();
            Function<Integer, Object> onFulfilled = v -> "value " + v;
            Function<Throwable, Object> onRejected = e -> later.promise();
            VatPromise<Object> a = good.promise().then(onFulfilled, onRejected);
            VatPromise<Object> b = bad.promise().then(onFulfilled, onRejected);
            good.resolve(3);
            bad.reject(boom);
            vat.loop.enqueue(() -> later.resolve("recovered later"));
            return List.of(a, b);
        });
        assertThat(ps.get(0).value()).isEqualTo("value 3");
        assertThat(ps.get(1).value()).isEqualTo("recovered later");
    }

    @Test
    void aFatalErrorInACallbackRejectsTheDerivedPromiseAndReachesTheLoop() throws Exception {
        OutOfMemoryError fatal = new OutOfMemoryError("pretend");
        VatPromise<Object> derived = vat.turn(() -> {
            VatPromise<Object> p = VatPromisesSupport.fulfilled(1).then(v -> {
                throw fatal;
            });
            p.onRejected(e -> log.add("rejected with " + e.getMessage()));
            return p;
        });
        assertThat(derived.reason()).isSameAs(fatal);
        assertThat(log).containsExactly("rejected with pretend");
        assertThat(vat.uncaught).containsExactly(fatal);
        vat.uncaught.clear();
    }

    // ---- settling ----

    @Test
    void theResolverSettlesOnceAndTheFirstCallWins() throws Exception {
        RuntimeException boom = new RuntimeException("boom");
        List<VatResolver<Object>> rs = vat.turn(() -> {
            VatResolver<Object> resolvedFirst = kit();
            VatResolver<Object> rejectedFirst = kit();
            log.add("done before: " + resolvedFirst.isDone());
            resolvedFirst.resolve(1);
            log.add("done after: " + resolvedFirst.isDone());
            resolvedFirst.resolve(2);
            resolvedFirst.reject(boom);
            rejectedFirst.reject(boom);
            rejectedFirst.resolve(1);
            rejectedFirst.reject(new RuntimeException("second"));
            rejectedFirst.promise().onRejected(e -> log.add("rejected " + e.getMessage()));
            resolvedFirst.promise().whenSettled((v, e) -> log.add("settled " + v + " " + e));
            return List.of(resolvedFirst, rejectedFirst);
        });
        assertThat(rs.get(0).promise().value()).isEqualTo(1);
        assertThat(rs.get(1).promise().reason()).isSameAs(boom);
        assertThat(log).containsExactly("done before: false", "done after: true", "rejected boom", "settled 1 null");
    }

    @Test
    void nullIsAValidFulfillmentValue() throws Exception {
        VatPromise<String> p = vat.turn(() -> {
            VatResolver<String> r = kit();
            r.promise().onFulfilled(v -> log.add("onFulfilled " + v));
            r.promise().whenSettled((v, e) -> log.add("whenSettled " + v + " " + e));
            r.promise().then(v -> log.add("then " + (v == null)));
            r.resolve(null);
            return r.promise();
        });
        assertThat(p.isFulfilled()).isTrue();
        assertThat(p.isRejected()).isFalse();
        assertThat(p.value()).isNull();
        assertThat(log).containsExactly("onFulfilled null", "whenSettled null null", "then true");
    }

    @Test
    void rejectingWithNullIsRefusedAndLeavesThePromisePending() throws Exception {
        VatResolver<String> r = vat.turn(() -> {
            VatResolver<String> resolver = kit();
            assertThatThrownBy(() -> resolver.reject(null)).isInstanceOf(NullPointerException.class);
            return resolver;
        });
        assertThat(r.isDone()).isFalse();
        assertThat(r.promise().isSettled()).isFalse();
    }

    @Test
    void valueAndReasonAreOnlyForTheMatchingState() throws Exception {
        List<VatPromise<String>> ps = vat.turn(() -> {
            VatPromise<String> pending = LoopPromise.<String>kit().promise();
            VatResolver<String> fulfilled = kit();
            fulfilled.resolve("x");
            VatResolver<String> rejected = kit();
            rejected.reject(new RuntimeException("boom"));
            rejected.promise().onRejected(e -> {});
            return List.of(pending, fulfilled.promise(), rejected.promise());
        });
        VatPromise<String> pending = ps.get(0);
        assertThat(pending.isSettled()).isFalse();
        assertThatThrownBy(pending::value).isInstanceOf(IllegalStateException.class).hasMessageContaining("pending");
        assertThatThrownBy(pending::reason).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(ps.get(1)::reason).isInstanceOf(IllegalStateException.class).hasMessageContaining("fulfilled");
        assertThatThrownBy(ps.get(2)::value).isInstanceOf(IllegalStateException.class).hasMessageContaining("rejected: ");
        assertThat(ps.get(1).isSettled()).isTrue();
        assertThat(ps.get(2).isSettled()).isTrue();
        assertThat(ps.get(2).isRejected()).isTrue();
    }

    // ---- following ----

    @Test
    void aPromiseResolvedToAPendingOneFollowsItAndIsNotSettledMeanwhile() throws Exception {
        List<VatResolver<String>> rs = vat.turn(() -> {
            VatResolver<String> follower = kit();
            VatResolver<String> leader = kit();
            follower.resolve(leader.promise());
            follower.resolve("ignored: the resolver is done");
            follower.promise().onFulfilled(v -> log.add("follower " + v));
            return List.of(follower, leader);
        });
        VatResolver<String> follower = rs.get(0);
        assertThat(follower.isDone()).isTrue();
        assertThat(follower.promise().isSettled()).isFalse();
        assertThatThrownBy(follower.promise()::value).hasMessageContaining("following another promise");

        vat.run(() -> rs.get(1).resolve("led"));
        assertThat(follower.promise().value()).isEqualTo("led");
        assertThat(log).containsExactly("follower led");
    }

    @Test
    void aFollowerAdoptsARejection() throws Exception {
        RuntimeException boom = new RuntimeException("boom");
        VatPromise<String> follower = vat.turn(() -> {
            VatResolver<String> f = kit();
            VatResolver<String> leader = kit();
            f.resolve(leader.promise());
            leader.reject(boom);
            f.promise().onRejected(e -> log.add("follower rejected " + e.getMessage()));
            return f.promise();
        });
        assertThat(follower.reason()).isSameAs(boom);
        assertThat(log).containsExactly("follower rejected boom");
    }

    @Test
    void followingASettledPromiseSettlesAtOnceButReactsLater() throws Exception {
        vat.run(() -> {
            VatResolver<String> leader = kit();
            leader.resolve("known");
            VatResolver<String> follower = kit();
            follower.promise().onFulfilled(v -> log.add("reaction " + v));
            follower.resolve(leader.promise());
            log.add("fulfilled right after resolve: " + follower.promise().isFulfilled());
        });
        assertThat(log).containsExactly("fulfilled right after resolve: true", "reaction known");
    }

    @Test
    void resolvingAPromiseToItselfRejectsItWithACycleError() throws Exception {
        VatPromise<Object> p = vat.turn(() -> {
            VatResolver<Object> r = kit();
            r.promise().onRejected(e -> log.add(e.getMessage()));
            r.resolve(r.promise());
            return r.promise();
        });
        assertThat(p.reason()).isInstanceOf(VatException.class).hasMessage("promise cycle: a promise was resolved to itself");
        assertThat(log).containsExactly("promise cycle: a promise was resolved to itself");
    }

    @Test
    void aTwoPromiseCycleRejectsBoth() throws Exception {
        List<VatPromise<Object>> ps = vat.turn(() -> {
            VatResolver<Object> a = kit();
            VatResolver<Object> b = kit();
            a.resolve(b.promise());
            b.resolve(a.promise());
            a.promise().onRejected(e -> {});
            return List.of(a.promise(), b.promise());
        });
        for (VatPromise<Object> p : ps) {
            assertThat(p.reason()).isInstanceOf(VatException.class).hasMessage(LoopPromise.CYCLE_MESSAGE);
        }
    }

    @Test
    void aCycleClosedInALaterTurnRejectsTheWholeChain() throws Exception {
        List<VatResolver<Object>> rs = vat.turn(() -> {
            List<VatResolver<Object>> chain = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                chain.add(kit());
            }
            for (int i = 0; i < 3; i++) {
                chain.get(i).resolve(chain.get(i + 1).promise());
            }
            chain.getFirst().promise().onRejected(e -> log.add("head rejected"));
            return chain;
        });
        vat.run(() -> rs.get(3).resolve(rs.get(1).promise())); // 1 -> 2 -> 3 -> 1, and 0 -> 1
        for (VatResolver<Object> r : rs) {
            assertThat(r.promise().reason()).hasMessage(LoopPromise.CYCLE_MESSAGE);
        }
        assertThat(log).containsExactly("head rejected");
    }

    @Test
    void aFollowerOfADerivedPromiseOfItselfIsACycle() throws Exception {
        VatPromise<Object> p = vat.turn(() -> {
            VatResolver<Object> r = kit();
            VatResolver<Object> start = kit();
            // r's promise follows the result of a reaction that returns r's promise itself
            r.resolve(start.promise().then(v -> r.promise()));
            start.resolve("go");
            r.promise().onRejected(e -> {});
            return r.promise();
        });
        assertThat(p.reason()).hasMessage(LoopPromise.CYCLE_MESSAGE);
    }

    @Test
    void aFollowerOfAnotherImplementationUsesItsContract() throws Exception {
        VatPromise<String> follower = vat.turn(() -> {
            VatResolver<String> inner = kit();
            VatResolver<String> f = kit();
            f.resolve(new Delegating<>(inner.promise()));
            vat.loop.enqueue(() -> inner.resolve("through the wrapper"));
            return f.promise();
        });
        assertThat(follower.value()).isEqualTo("through the wrapper");
    }

    // ---- other loops ----

    @Test
    void aPromiseMayFollowAPromiseOfAnotherLoop() throws Exception {
        LoopFixture other = new LoopFixture("w");
        try {
            VatResolver<String> leader = other.turn(LoopPromise::kit);
            CompletableFuture<String> seen = new CompletableFuture<>();
            VatPromise<String> follower = vat.turn(() -> {
                VatResolver<String> f = kit();
                f.resolve(leader.promise());
                f.promise().onFulfilled(v -> seen.complete(v + " on " + Thread.currentThread().getName()));
                return f.promise();
            });
            assertThat(follower.isSettled()).isFalse();

            other.run(() -> leader.resolve("led"));
            assertThat(seen.get(5, SECONDS)).isEqualTo("led on jocap-vat-v");
            assertThat(follower.value()).isEqualTo("led");
        } finally {
            other.closeExpectingNoUncaught();
        }
    }

    @Test
    void aCycleAcrossLoopsIsDetected() throws Exception {
        LoopFixture other = new LoopFixture("w");
        try {
            VatResolver<Object> b = other.turn(LoopPromise::kit);
            CompletableFuture<Throwable> aRejected = new CompletableFuture<>();
            VatResolver<Object> a = vat.turn(() -> {
                VatResolver<Object> r = kit();
                r.resolve(b.promise());
                r.promise().onRejected(aRejected::complete);
                return r;
            });
            other.run(() -> {
                b.resolve(a.promise());
                b.promise().onRejected(e -> {});
            });
            assertThat(b.promise().reason()).hasMessage(LoopPromise.CYCLE_MESSAGE);
            assertThat(aRejected.get(5, SECONDS)).hasMessage(LoopPromise.CYCLE_MESSAGE);
        } finally {
            other.closeExpectingNoUncaught();
        }
    }

    @Test
    void followingAPromiseOfAStoppedLoopRejects() throws Exception {
        VatLoop stopped = new VatLoop("gone");
        VatResolver<String> leader = LoopPromise.kit(stopped); // its loop never runs
        CompletableFuture<Throwable> rejected = new CompletableFuture<>();
        vat.run(() -> {
            VatResolver<String> f = kit();
            f.resolve(leader.promise());
            f.promise().onRejected(rejected::complete);
        });
        stopped.close();
        assertThat(rejected.get(5, SECONDS)).isInstanceOf(VatException.class).hasMessage("vat gone is stopped");
    }

    // ---- unhandled rejections ----

    @Test
    void aRejectionNobodyHandlesByTheEndOfTheTurnIsReportedOnce() throws Exception {
        RuntimeException boom = new RuntimeException("boom");
        vat.run(() -> {
            VatResolver<String> r = kit();
            r.promise().onFulfilled(v -> log.add("onFulfilled does not handle rejections"));
            r.reject(boom);
        });
        vat.run(() -> {});
        assertThat(vat.uncaught).singleElement().satisfies(e -> {
            assertThat(e).isInstanceOf(VatException.class).hasMessage("unhandled rejection: " + boom);
            assertThat(e.getCause()).isSameAs(boom);
        });
        assertThat(log).isEmpty();
        vat.uncaught.clear();
    }

    @Test
    void onlyTheEndOfAnUnhandledChainIsReported() throws Exception {
        RuntimeException boom = new RuntimeException("boom");
        VatPromise<Object> end = vat.turn(() -> {
            VatResolver<Integer> r = kit();
            VatPromise<Object> last = r.promise().then(v -> v).then(v -> v);
            r.reject(boom);
            return last;
        });
        assertThat(end.reason()).isSameAs(boom);
        assertThat(vat.uncaught).singleElement().satisfies(e -> assertThat(e.getCause()).isSameAs(boom));
        vat.uncaught.clear();
    }

    @Test
    void aHandlerAddedLaterInTheSameTurnCounts() throws Exception {
        vat.run(() -> {
            VatResolver<String> r = kit();
            r.reject(new RuntimeException("boom"));
            vat.loop.enqueue(() -> r.promise().catching(e -> "handled"));
            VatResolver<String> marked = kit();
            marked.reject(new RuntimeException("the runtime takes care of it"));
            ((LoopPromise<String>) marked.promise()).markHandled();
            VatResolver<String> followed = kit();
            VatResolver<String> follower = kit();
            follower.resolve(followed.promise());
            follower.promise().onRejected(e -> log.add("follower handled " + e.getMessage()));
            followed.reject(new RuntimeException("followed"));
        });
        assertThat(log).containsExactly("follower handled followed");
        // closeExpectingNoUncaught checks nothing was reported
    }

    /** A {@code VatPromise} that is not a {@code LoopPromise}, delegating to one. */
    private record Delegating<T>(VatPromise<T> inner) implements VatPromise<T> {
        @Override
        public <R> VatPromise<R> then(Function<? super T, ?> onFulfilled) {
            return inner.then(onFulfilled);
        }

        @Override
        public <R> VatPromise<R> then(Function<? super T, ?> onFulfilled, Function<? super Throwable, ?> onRejected) {
            return inner.then(onFulfilled, onRejected);
        }

        @Override
        public VatPromise<T> catching(Function<? super Throwable, ?> onRejected) {
            return inner.catching(onRejected);
        }

        @Override
        public void onFulfilled(Consumer<? super T> action) {
            inner.onFulfilled(action);
        }

        @Override
        public void onRejected(Consumer<? super Throwable> action) {
            inner.onRejected(action);
        }

        @Override
        public void whenSettled(SettledAction<? super T> action) {
            inner.whenSettled(action);
        }

        @Override
        public boolean isSettled() {
            return inner.isSettled();
        }

        @Override
        public boolean isFulfilled() {
            return inner.isFulfilled();
        }

        @Override
        public boolean isRejected() {
            return inner.isRejected();
        }

        @Override
        public T value() {
            return inner.value();
        }

        @Override
        public Throwable reason() {
            return inner.reason();
        }
    }

    /** Small helpers for already settled promises of the current loop. */
    static final class VatPromisesSupport {
        static <T> VatPromise<T> fulfilled(T value) {
            VatResolver<T> r = LoopPromise.kit();
            r.resolve(value);
            return r.promise();
        }
    }
}
