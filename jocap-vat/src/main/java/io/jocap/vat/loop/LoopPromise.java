package io.jocap.vat.loop;

import io.jocap.vat.VatException;
import io.jocap.vat.VatPromise;
import io.jocap.vat.VatResolver;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The {@link VatPromise} of jocap vats: a promise that belongs to one {@link VatLoop} and runs its
 * reactions there, as tasks of the turn in progress.
 *
 * <p>Beyond the {@code VatPromise} and {@code VatResolver} contracts:
 * <ul>
 *   <li>A promise belongs to the loop it was made for ({@link #loop()}). Settling it (through
 *       its resolver) and registering reactions is allowed only during a turn of that loop, and
 *       throws {@link IllegalStateException} anywhere else. The queries ({@link #isSettled()},
 *       {@link #value()}, ...) may be called from any thread and see a consistent snapshot.
 *   <li>Resolving to a promise of another loop is allowed: the follower registers its reaction
 *       on the other loop (in a turn of its own there) and adopts the outcome in a new turn of
 *       its own loop. Resolving to some other {@code VatPromise} implementation follows it
 *       through its {@code whenSettled}, whose callback must then come on this promise's loop.
 *   <li>A promise rejected during a turn that still has no reaction able to see the rejection
 *       when the turn becomes quiescent is reported once to the loop's
 *       {@linkplain VatLoop#onUncaught uncaught handler}, as a {@link VatException} "unhandled
 *       rejection: ..." whose cause is the reason. {@code then}, {@code catching},
 *       {@code onRejected}, {@code whenSettled} and following count as handling it;
 *       {@code onFulfilled} does not (it drops rejections). A reaction added in a later turn
 *       still runs, but the report was already made.
 * </ul>
 *
 * <p><b>Implementation overview.</b> State is a single volatile {@code Outcome} (null while not
 * settled) written once, so queries from other threads are safe. Until then the promise keeps a
 * list of entries in registration order: reactions, enqueued on the
 * loop when the promise settles, and followers, same-loop promises that adopted
 * this one and are settled in the same call (their own reactions are then enqueued), using a
 * worklist rather than recursion so long follow chains cannot overflow the stack. A follower
 * registers on the end of the same-loop chain it joins (path shortening), so chains stay short.
 * Cycle detection walks the {@code following} pointers from the new target: a promise can only
 * close a cycle by being resolved, and before that it follows nothing, so the walk meets the
 * promise being resolved exactly when the new link would close a loop.
 *
 * @param <T> the type of the fulfillment value
 */
public final class LoopPromise<T> implements VatPromise<T> {
    static final String CYCLE_MESSAGE = "promise cycle: a promise was resolved to itself";
    static final String OFF_LOOP_CREATION = "promises can only be made on a vat's event loop"
            + " (inside a vat method, reaction, timer or I/O completion)";

    private final VatLoop loop;

    /** The settled state, or null; written once, last (publishes everything before it). */
    private volatile Outcome outcome;
    /** Whether the resolver was used (the promise is then settled or following). */
    private volatile boolean resolved;
    /** The promise of ours this one follows, for cycle detection; null if none or a foreign one. */
    private volatile LoopPromise<?> following;
    /** Whether some reaction or follower will see a rejection; volatile for cross-loop followers. */
    private volatile boolean handled;
    /** Reactions and followers in registration order, until settled; loop thread only. */
    private List<Entry> entries = new ArrayList<>();

    private LoopPromise(VatLoop loop) {
        this.loop = loop;
    }

    /**
     * A new pending promise of {@code loop} and its resolver. It may be called off the loop (the
     * vat runtime prepares promises for a vat); the promise may only be settled and reacted to on
     * the loop.
     */
    public static <T> VatResolver<T> kit(VatLoop loop) {
        Objects.requireNonNull(loop, "loop");
        return new LoopPromise<T>(loop).new Resolver();
    }

    /**
     * A new pending promise of the loop whose turn is running and its resolver.
     *
     * @throws VatException if no vat turn is running on the calling thread
     */
    public static <T> VatResolver<T> kit() {
        return kit(currentLoop());
    }

    /**
     * The loop whose turn is running on the calling thread.
     *
     * @throws VatException if there is none
     */
    public static VatLoop currentLoop() {
        VatLoop loop = VatLoop.current();
        if (loop == null) {
            throw new VatException(OFF_LOOP_CREATION);
        }
        return loop;
    }

    /** The loop this promise belongs to. */
    public VatLoop loop() {
        return loop;
    }

    /**
     * Records that someone outside the vat's code (such as the vat runtime, which has sent the
     * promise to the kernel) takes care of a rejection, so it is not reported as unhandled.
     */
    public void markHandled() {
        handled = true;
    }

    // ---- VatPromise ----

    @Override
    public <R> VatPromise<R> then(Function<? super T, ?> onFulfilled) {
        Objects.requireNonNull(onFulfilled, "onFulfilled");
        return derive(onFulfilled, null);
    }

    @Override
    public <R> VatPromise<R> then(Function<? super T, ?> onFulfilled, Function<? super Throwable, ?> onRejected) {
        Objects.requireNonNull(onFulfilled, "onFulfilled");
        Objects.requireNonNull(onRejected, "onRejected");
        return derive(onFulfilled, onRejected);
    }

    @Override
    public VatPromise<T> catching(Function<? super Throwable, ?> onRejected) {
        Objects.requireNonNull(onRejected, "onRejected");
        return derive(null, onRejected);
    }

    @Override
    public void onFulfilled(Consumer<? super T> action) {
        Objects.requireNonNull(action, "action");
        react(o -> {
            if (o.isFulfilled()) {
                action.accept(o.<T>value());
            }
        }, false);
    }

    @Override
    public void onRejected(Consumer<? super Throwable> action) {
        Objects.requireNonNull(action, "action");
        react(o -> {
            if (!o.isFulfilled()) {
                action.accept(o.reason());
            }
        }, true);
    }

    @Override
    public void whenSettled(SettledAction<? super T> action) {
        Objects.requireNonNull(action, "action");
        react(o -> action.settled(o.isFulfilled() ? o.<T>value() : null, o.reason()), true);
    }

    @Override
    public boolean isSettled() {
        return outcome != null;
    }

    @Override
    public boolean isFulfilled() {
        Outcome o = outcome;
        return o != null && o.isFulfilled();
    }

    @Override
    public boolean isRejected() {
        Outcome o = outcome;
        return o != null && !o.isFulfilled();
    }

    @Override
    public T value() {
        Outcome o = outcome;
        if (o == null || !o.isFulfilled()) {
            throw new IllegalStateException("the promise is not fulfilled: " + describe(o));
        }
        return o.value();
    }

    @Override
    public Throwable reason() {
        Outcome o = outcome;
        if (o == null || o.isFulfilled()) {
            throw new IllegalStateException("the promise is not rejected: " + describe(o));
        }
        return o.reason();
    }

    @Override
    public String toString() {
        return "VatPromise[vat " + loop.vatName() + ", " + describe(outcome) + "]";
    }

    private String describe(Outcome o) {
        if (o != null) {
            return o.isFulfilled() ? "fulfilled" : "rejected: " + o.reason();
        }
        return resolved ? "following another promise" : "pending";
    }

    // ---- reactions ----

    /** The promise {@code then}/{@code catching} return; a null callback passes that outcome through. */
    private <R> VatPromise<R> derive(Function<? super T, ?> onFulfilled, Function<? super Throwable, ?> onRejected) {
        requireOnLoop("used");
        LoopPromise<R> derived = new LoopPromise<>(loop);
        react(o -> {
            Function<Object, ?> callback = o.isFulfilled() ? uncheckedFunction(onFulfilled) : uncheckedFunction(onRejected);
            if (callback == null) {
                derived.resolveWith(() -> derived.settle(o));
                return;
            }
            Object result;
            try {
                result = callback.apply(o.isFulfilled() ? o.value() : o.reason());
            } catch (Throwable failure) {
                derived.resolveWith(() -> derived.settle(Outcome.rejected(failure)));
                if (failure instanceof VirtualMachineError && !(failure instanceof StackOverflowError)) {
                    throw failure; // the vat may be broken: let the loop's owner hear about it too
                }
                return;
            }
            derived.resolveWith(() -> derived.adopt(result));
        }, true);
        return derived;
    }

    @SuppressWarnings("unchecked")
    private static Function<Object, ?> uncheckedFunction(Function<?, ?> f) {
        return (Function<Object, ?>) f;
    }

    /** Registers {@code action} to run on the loop once settled; {@code handles} if it sees rejections. */
    private void react(Consumer<Outcome> action, boolean handlesRejection) {
        requireOnLoop("used");
        if (handlesRejection) {
            handled = true;
        }
        Outcome o = outcome;
        if (o != null) {
            loop.enqueue(() -> action.accept(o));
        } else {
            entries.add(new Reaction(action));
        }
    }

    // ---- settling (loop thread, during a turn) ----

    /** Marks the resolver used and runs {@code settling}, unless it was used already (first wins). */
    private void resolveWith(Runnable settling) {
        requireOnLoop("settled");
        if (resolved) {
            return;
        }
        resolved = true;
        settling.run();
    }

    /** Fulfills with {@code value}, or follows it if it is a promise. */
    private void adopt(Object value) {
        switch (value) {
            case LoopPromise<?> target -> follow(target);
            case VatPromise<?> foreign -> {
                // Not ours: all we can rely on is its contract, whose reactions run on our loop.
                try {
                    foreign.whenSettled((v, r) -> settleFollower(r == null ? Outcome.fulfilled(v) : Outcome.rejected(r)));
                } catch (RuntimeException refused) {
                    settle(Outcome.rejected(refused)); // the resolver is done: never leave it pending
                }
            }
            case null, default -> settle(Outcome.fulfilled(value));
        }
    }

    private void follow(LoopPromise<?> target) {
        if (closesCycle(target)) {
            settle(Outcome.rejected(new VatException(CYCLE_MESSAGE)));
            return;
        }
        LoopPromise<?> anchor = endOfLocalChain(target);
        following = anchor;
        anchor.handled = true;
        Outcome known = anchor.outcome;
        if (known != null) {
            settle(known);
        } else if (anchor.loop == loop) {
            anchor.entries.add(new Follower(this));
        } else {
            followAcrossLoops(anchor);
        }
    }

    /** Whether following {@code target} would make this promise follow itself. */
    private boolean closesCycle(LoopPromise<?> target) {
        for (LoopPromise<?> p = target; p != null; p = p.following) {
            if (p == this) {
                return true;
            }
        }
        return false;
    }

    /**
     * The last promise of this loop reached from {@code target} by following links within this
     * loop: registering there keeps chains short, and it settles exactly when {@code target}
     * does.
     */
    private LoopPromise<?> endOfLocalChain(LoopPromise<?> target) {
        LoopPromise<?> p = target;
        while (p.loop == loop && p.outcome == null) {
            LoopPromise<?> next = p.following;
            if (next == null || next.loop != loop) {
                break;
            }
            p = next;
        }
        return p;
    }

    /**
     * Follows a pending promise of another loop: the reaction is registered in a turn of that
     * loop, and the outcome adopted in a turn of ours (a promise is only touched on its loop).
     */
    private void followAcrossLoops(LoopPromise<?> target) {
        VatLoop home = loop;
        target.loop.submit(() -> target.react(o -> home.submit(() -> settleFollower(o)), true))
                .whenComplete((ignored, failure) -> {
                    if (failure != null) { // the other vat stopped: nothing waits forever
                        Throwable reason = failure instanceof CompletionException c && c.getCause() != null ? c.getCause() : failure;
                        home.submit(() -> settleFollower(Outcome.rejected(reason)));
                    }
                });
    }

    /** Settles this promise, which follows another, with that one's outcome. */
    private void settleFollower(Outcome o) {
        requireOnLoop("settled");
        if (outcome == null) {
            settle(o);
        }
    }

    /**
     * Settles this promise and, transitively, the same-loop promises following it; their
     * reactions are enqueued in registration order, promise by promise.
     */
    private void settle(Outcome o) {
        ArrayDeque<LoopPromise<?>> toSettle = new ArrayDeque<>();
        outcome = o;
        toSettle.add(this);
        LoopPromise<?> p;
        while ((p = toSettle.poll()) != null) {
            List<Entry> waiting = p.entries;
            p.entries = null; // settled: reactions from now on are enqueued directly
            if (!o.isFulfilled()) {
                p.watchForUnhandledRejection();
            }
            for (Entry entry : waiting) {
                switch (entry) {
                    case Reaction r -> loop.enqueue(() -> r.action().accept(o));
                    case Follower f -> {
                        f.promise().outcome = o;
                        toSettle.add(f.promise());
                    }
                }
            }
        }
    }

    private void watchForUnhandledRejection() {
        if (handled) {
            return;
        }
        loop.atEndOfTurn(() -> {
            if (!handled) {
                handled = true; // report once
                Throwable reason = outcome.reason();
                loop.reportUncaught(new VatException("unhandled rejection: " + reason, reason));
            }
        });
    }

    private void requireOnLoop(String what) {
        if (VatLoop.current() != loop) {
            throw new IllegalStateException("this promise belongs to vat " + loop.vatName()
                    + " and may only be " + what + " on vat " + loop.vatName() + "'s event loop");
        }
    }

    // ---- the parts ----

    /** The settled state: a value (possibly null) or a non-null reason. */
    private record Outcome(Object rawValue, Throwable reason) {
        static Outcome fulfilled(Object value) {
            return new Outcome(value, null);
        }

        static Outcome rejected(Throwable reason) {
            return new Outcome(null, Objects.requireNonNull(reason, "reason"));
        }

        boolean isFulfilled() {
            return reason == null;
        }

        @SuppressWarnings("unchecked")
        <V> V value() {
            return (V) rawValue;
        }
    }

    private sealed interface Entry permits Reaction, Follower {}

    /** Enqueued on the loop with the outcome when the promise settles. */
    private record Reaction(Consumer<Outcome> action) implements Entry {}

    /** A same-loop promise that settles together with this one. */
    private record Follower(LoopPromise<?> promise) implements Entry {}

    /** The authority to settle this promise, kept out of the promise's own API. */
    private final class Resolver implements VatResolver<T> {
        @Override
        public void resolve(Object value) {
            resolveWith(() -> adopt(value));
        }

        @Override
        public void reject(Throwable reason) {
            Objects.requireNonNull(reason, "reason");
            resolveWith(() -> settle(Outcome.rejected(reason)));
        }

        @Override
        public boolean isDone() {
            return resolved;
        }

        @Override
        public VatPromise<T> promise() {
            return LoopPromise.this;
        }

        @Override
        public String toString() {
            return "VatResolver[" + LoopPromise.this + "]";
        }
    }
}
