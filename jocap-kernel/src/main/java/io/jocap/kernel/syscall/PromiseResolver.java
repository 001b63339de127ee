package io.jocap.kernel.syscall;

import io.jocap.kernel.state.KernelMessage;
import io.jocap.kernel.state.KernelPromises;
import io.jocap.kernel.state.KernelState;
import io.jocap.kernel.state.RunQueue;
import io.jocap.kernel.state.RunQueueItem;
import io.jocap.marshal.CapData;
import java.util.Objects;

/**
 * Settles one kernel promise with everything that goes with it: the promise records its value, a
 * {@code Notify} goes on the run queue for every subscriber, and every message queued on it goes
 * back on the run queue as a {@code Send} to the same promise, in order, for the router to forward
 * to the resolution.
 *
 * <p>Shared by a vat's {@code resolve} syscall and the kernel's own rejections (a splatted
 * message's result, the promises of a terminated decider), so that they cannot drift apart. Who
 * may settle the promise is the caller's policy and is not checked here.
 *
 * <p>Writes happen in the caller's crank. Failures are those of
 * {@link KernelPromises#resolve} ({@link IllegalStateException} for an unknown or settled promise
 * or an unknown ref in {@code value}: kernel bugs, or a vat's illegal request the caller has
 * already refused).
 */
public final class PromiseResolver {
    private final KernelPromises promises;
    private final RunQueue runQueue;

    /** A resolver writing to {@code state}. */
    public PromiseResolver(KernelState state) {
        Objects.requireNonNull(state, "state");
        this.promises = state.promises();
        this.runQueue = state.runQueue();
    }

    /** Settles the unresolved promise {@code kp}: fulfils it with {@code value}, or rejects it with it. */
    public void resolve(String kp, boolean rejected, CapData value) {
        for (String subscriber : promises.resolve(kp, rejected, value)) {
            runQueue.push(new RunQueueItem.Notify(subscriber, kp));
        }
        for (KernelMessage message : promises.drainMessages(kp)) {
            runQueue.push(new RunQueueItem.Send(kp, message));
        }
    }

    /** Rejects the unresolved promise {@code kp} with {@code reason}. */
    public void reject(String kp, CapData reason) {
        resolve(kp, true, reason);
    }
}
