package io.jocap.kernel.syscall;

import io.jocap.kernel.state.CList;
import io.jocap.kernel.state.KernelPromises;
import io.jocap.kernel.state.KernelState;
import io.jocap.kernel.translate.IllegalSyscallException;
import io.jocap.kernel.translate.VatToKernel;
import io.jocap.marshal.CapData;
import io.jocap.protocol.Resolution;
import io.jocap.protocol.Syscall;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code resolve} for one vat: settles a batch of promises the vat decides.
 *
 * <p>Resolutions are applied one at a time, in order, each fully (checked, settled, subscribers
 * notified, queue drained) before the next is translated, so a batch may resolve two promises to
 * each other: the second one's vref still maps to the same kernel promise when the first one's
 * data names it. For each: the promise must be unresolved and decided by the vat (else
 * {@link IllegalSyscallException}: "already resolved" / "not its decider"); its data is
 * translated; it settles through {@link PromiseResolver} (subscribers notified, queued messages
 * sent on to the resolution).
 *
 * <p>After the whole batch the resolved promises leave the vat's c-list (the vat forgets a
 * promise once it resolved it, as liveslots does and {@code docs/vat-protocol.md} says), which is
 * what lets a settled promise be collected once nothing else holds it. Doing it after the batch,
 * not per resolution, is what keeps the cycle case above working.
 */
final class ResolveSyscall {
    private final KernelPromises promises;
    private final PromiseResolver settler;
    private final CList clist;
    private final VatToKernel toKernel;
    private final String vat;

    ResolveSyscall(KernelState state, VatToKernel toKernel) {
        this.promises = state.promises();
        this.settler = new PromiseResolver(state);
        this.toKernel = toKernel;
        this.vat = toKernel.vatId();
        this.clist = state.clist(vat);
    }

    void resolve(Syscall.Resolve resolve) {
        List<String> resolved = new ArrayList<>(resolve.resolutions().size());
        for (Resolution resolution : resolve.resolutions()) {
            resolved.add(resolveOne(resolution));
        }
        for (String kp : resolved) {
            clist.remove(kp);
        }
    }

    private String resolveOne(Resolution resolution) {
        String vref = resolution.promise();
        String kp = toKernel.kref(vref);
        if (promises.state(kp).isSettled()) {
            throw new IllegalSyscallException(vat + " may not resolve " + vref + ": it is already resolved");
        }
        if (!vat.equals(promises.decider(kp))) {
            throw new IllegalSyscallException(vat + " may not resolve " + vref + ": it is not its decider");
        }
        CapData data = toKernel.capData(resolution.data());
        settler.resolve(kp, resolution.rejected(), data);
        return kp;
    }
}
