package io.jocap.kernel.host;

import io.jocap.kernel.errors.KernelErrorCode;
import io.jocap.kernel.errors.KernelErrors;
import io.jocap.kernel.state.EndpointId;
import io.jocap.kernel.state.KernelState;
import io.jocap.kernel.syscall.PromiseResolver;
import io.jocap.store.KernelStore;
import java.util.List;

/**
 * What a kernel must settle, before its first crank, about the process that wrote the store
 * before it: the things that lived in that process's memory and died with it.
 *
 * <ul>
 *   <li><b>Service calls in flight.</b> A promise the {@code kernel} pseudo-endpoint decides is the
 *       result of a kernel-service call that was running (on a helper thread) when the process
 *       stopped. Nobody will ever settle it, so it is rejected with
 *       {@code [KERNEL:DELIVERY_FAILED]}: the caller learns the call's outcome is unknown instead
 *       of waiting forever.
 *   <li><b>Host answers.</b> A pinned promise is held for a host future ({@code queueMessage}) or
 *       a service call's answer; both futures are gone, so every pin on a promise is dropped and
 *       the promise can be collected once nothing else holds it. The host pins of objects handed
 *       to the previous host process in answers are dropped too. (Objects are pinned by services
 *       and subclusters, which re-claim them by name; their pins stay.)
 * </ul>
 * One crank, committed before the loop starts, so a crash during recovery just recovers again.
 */
final class RestartRecovery {
    /** What recovery did, for the log. */
    record Report(int interruptedServiceCalls, int releasedPromisePins) {
        boolean isEmpty() {
            return interruptedServiceCalls == 0 && releasedPromisePins == 0;
        }
    }

    private RestartRecovery() {}

    static Report recover(KernelStore store, KernelState state) {
        return store.inCrank(() -> {
            PromiseResolver resolver = new PromiseResolver(state);
            List<String> interrupted = state.promises().promisesDecidedBy(EndpointId.KERNEL);
            for (String kp : interrupted) {
                resolver.reject(kp, KernelErrors.toCapData(KernelErrorCode.DELIVERY_FAILED));
            }
            int released = (int) state.pins().dropHostPins();
            for (String kp : state.pins().pinnedPromises()) {
                while (state.pins().unpin(kp) > 0) {
                    released++;
                }
                released++;
            }
            return new Report(interrupted.size(), released);
        });
    }
}
