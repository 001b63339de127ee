package io.jocap.kernel.host;

import io.jocap.kernel.errors.KernelErrors;
import io.jocap.kernel.run.KernelSubscriber;
import io.jocap.kernel.state.KernelState;
import io.jocap.kernel.state.PromiseState;
import io.jocap.marshal.CapData;
import io.jocap.marshal.Smallcaps;
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
    private final KernelState state;
    private final Completions completions;
    private final Consumer<String> release;
    private final Map<String, CompletableFuture<Object>> waiting = new HashMap<>();
    private volatile LongConsumer settlementObserver = crank -> {};

    /**
     * @param release asked (from a helper thread) to unpin a promise once its subscriber was told
     */
    HostSubscriptions(KernelState state, Completions completions, Consumer<String> release) {
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
        settlementObserver.accept(crank);
        boolean rejected = state.promises().state(kp) == PromiseState.REJECTED;
        CapData value = state.promises().value(kp);
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
