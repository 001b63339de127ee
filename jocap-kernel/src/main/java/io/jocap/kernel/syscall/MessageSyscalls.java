package io.jocap.kernel.syscall;

import io.jocap.kernel.state.KernelMessage;
import io.jocap.kernel.state.KernelPromises;
import io.jocap.kernel.state.KernelState;
import io.jocap.kernel.state.PromiseState;
import io.jocap.kernel.state.RunQueueItem;
import io.jocap.kernel.translate.IllegalSyscallException;
import io.jocap.kernel.translate.VatToKernel;
import io.jocap.marshal.CapData;
import io.jocap.protocol.Syscall;

/**
 * {@code send} and {@code subscribe} for one vat.
 *
 * <p>{@code send} translates the target and methargs, checks that the vat may hand the result
 * promise over (a new {@code p+N}, or an unresolved promise the vat decides), takes the decision
 * away from the vat (it now belongs to the message, and passes to whoever receives it, so the
 * sender can neither resolve it nor hand it over again), and queues the message on the run queue.
 * {@code subscribe} adds the vat as a subscriber of an unresolved promise, or queues a
 * notification at once for a settled one. Refusals are {@link IllegalSyscallException}s naming
 * only the vat's vrefs; the caller undoes any partial writes.
 */
final class MessageSyscalls {
    private final KernelState state;
    private final KernelPromises promises;
    private final VatToKernel toKernel;
    private final String vat;

    MessageSyscalls(KernelState state, VatToKernel toKernel) {
        this.state = state;
        this.promises = state.promises();
        this.toKernel = toKernel;
        this.vat = toKernel.vatId();
    }

    void send(Syscall.Send send) {
        String target = toKernel.kref(send.target());
        CapData methargs = toKernel.capData(send.message().methargs());
        String resultVref = send.message().result();
        String result = resultVref == null ? null : handOver(resultVref);
        state.runQueue().push(new RunQueueItem.Send(target, new KernelMessage(methargs, result)));
    }

    void subscribe(Syscall.Subscribe subscribe) {
        String kp = toKernel.kref(subscribe.promise());
        if (promises.state(kp).isSettled()) {
            state.runQueue().push(new RunQueueItem.Notify(vat, kp));
        } else {
            promises.addSubscriber(kp, vat);
        }
    }

    /** Checks the vat may make {@code vref} a message's result, and takes the decision from it. */
    private String handOver(String vref) {
        String fresh = toKernel.newUndecidedPromise(vref);
        if (fresh != null) {
            return fresh; // the usual case: made for this message, so nobody but the message decides it
        }
        String kp = toKernel.kref(vref);
        if (promises.state(kp) != PromiseState.UNRESOLVED) {
            throw new IllegalSyscallException(vat + " may not use " + vref + " as a result: it is already resolved");
        }
        if (!vat.equals(promises.decider(kp))) {
            throw new IllegalSyscallException(vat + " may not use " + vref + " as a result: it is not its decider");
        }
        promises.clearDecider(kp);
        return kp;
    }
}
