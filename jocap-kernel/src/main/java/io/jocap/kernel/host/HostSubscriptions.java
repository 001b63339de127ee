package io.jocap.kernel.host;

import io.jocap.kernel.errors.KernelErrors;
import io.jocap.kernel.run.KernelSubscriber;
import io.jocap.kernel.state.KernelState;
import io.jocap.kernel.state.PromiseState;
import io.jocap.marshal.CapData;
import io.jocap.marshal.Smallcaps;
import io.jocap.store.KernelStore;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * The host's futures waiting on kernel promises (the answers of {@code queueMessage}).
 *
 * <p><b>Contract.</b> A subscription is recorded after the crank that created the promise, and
 * subscribed the {@code kernel} pseudo-endpoint to it and pinned it, has committed. When the
 * kernel's {@code Notify} for the promise is handled in crank C, {@link #settled} reads the
 * committed value and, once C is durable (which covers the settling crank, which came before C),
 * completes the future: fulfilled with the value decoded by {@link Smallcaps#standard()},
 * rejected with {@link KernelErrors#toException}. Then {@code release} is asked to drop the pin.
 * Subscriptions live in memory only: they die with the process, as in ocap-kernel; the promise
 * persists. Kernel thread only, except that futures complete on the helper executor.
 */
final class HostSubscriptions implements KernelSubscriber {
    private final KernelStore store;
    private final KernelState state;
    private final Completions completions;
    private final Consumer<String> release;
    private final Map<String, CompletableFuture<Object>> waiting = new HashMap<>();
    private volatile LongConsumer settlementObserver = crank -> {};

    /**
     * @param release asked (from a helper thread) to unpin a promise once its subscriber was told
     */
    HostSubscriptions(KernelStore store, KernelState state, Completions completions, Consumer<String> release) {
        this.store = Objects.requireNonNull(store, "store");
        this.state = Objects.requireNonNull(state, "state");
        this.completions = Objects.requireNonNull(completions, "completions");
        this.release = Objects.requireNonNull(release, "release");
    }

    /** Records that {@code answer} waits on {@code kp}, whose creating crank has committed. */
    void subscribe(String kp, CompletableFuture<Object> answer) {
        waiting.put(kp, answer);
    }

    @Override
    public void settled(String kp, long crank) {
        CompletableFuture<Object> answer = waiting.remove(kp);
        if (answer == null) {
            return; // subscribed by an earlier run of the kernel: nobody is left to tell
        }
        boolean rejected = state.promises().state(kp) == PromiseState.REJECTED;
        CapData value = state.promises().value(kp);
        String forwardedTo = rejected ? null : lonePromise(value);
        if (forwardedTo != null && follow(kp, forwardedTo, answer, crank)) {
            return;
        }
        settlementObserver.accept(crank);
        completions.afterDurable(crank, answer, () -> {
            try {
                if (rejected) {
                    throw KernelErrors.toException(value);
                }
                return Smallcaps.standard().decode(value);
            } finally {
                release.accept(kp);
            }
        });
    }

    /**
     * The promise {@code value} is, if it is nothing but one promise: the settling vat passed
     * the answer on to another promise (resolution to a promise is forwarding), so the host must
     * wait for that one.
     */
    private static String lonePromise(CapData value) {
        return value.body().equals("#\"&0\"") && value.slots().size() == 1 && value.slots().getFirst().startsWith("kp")
                ? value.slots().getFirst() : null;
    }

    /**
     * Moves the host's wait from {@code kp} to {@code target}: pins {@code target} and subscribes
     * the kernel to it (in a crank of its own), then drops the pin on {@code kp}; if the target
     * is settled already, goes straight on to it. Returns false if there is nothing to follow
     * (a promise forwarded to itself: the caller settles the answer with the value as it is).
     */
    private boolean follow(String kp, String target, CompletableFuture<Object> answer, long crank) {
        if (target.equals(kp)) {
            return false;
        }
        boolean unresolved = store.inCrank(() -> {
            state.pins().pin(target);
            if (state.promises().state(target) != PromiseState.UNRESOLVED) {
                return false;
            }
            state.promises().addSubscriber(target, io.jocap.kernel.state.EndpointId.KERNEL);
            return true;
        });
        release.accept(kp);
        waiting.put(target, answer);
        if (!unresolved) {
            settled(target, crank); // settled before we could subscribe: no notify will come
        }
        return true;
    }

    /** Test hook: told the notify crank of every host subscription that settles, on the kernel thread. */
    void observeSettlements(LongConsumer observer) {
        this.settlementObserver = Objects.requireNonNull(observer, "observer");
    }

    /** How many host futures are waiting. */
    int size() {
        return waiting.size();
    }

    /** Fails every waiting future with {@code failure} (the kernel is stopping). */
    void failAll(Throwable failure) {
        waiting.values().forEach(answer -> completions.fail(answer, failure));
        waiting.clear();
    }
}
