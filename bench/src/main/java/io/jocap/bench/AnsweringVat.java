package io.jocap.bench;

import io.jocap.kernel.run.SyscallPort;
import io.jocap.kernel.run.VatEndpoint;
import io.jocap.marshal.CapData;
import io.jocap.protocol.Delivery;
import io.jocap.protocol.DeliveryResult;
import io.jocap.protocol.Resolution;
import io.jocap.protocol.Syscall;
import io.jocap.protocol.SyscallResult;
import java.util.List;

/**
 * A trivial in-process vat for {@link KernelCrankBenchmark}: it answers every message that has a
 * result promise by resolving that promise at once with a small value, in one {@code resolve}
 * syscall, and counts the resolutions the kernel accepted. Unlike
 * {@link io.jocap.kernel.run.ScriptedVat} it keeps no list of its deliveries, so a long
 * measurement does not retain one {@link Delivery} object per message.
 */
final class AnsweringVat implements VatEndpoint {
    private static final CapData ANSWER = new CapData("#\"ok\"", List.of());

    private long deliveries;
    private long answered;

    @Override
    public DeliveryResult deliver(Delivery delivery, SyscallPort syscalls) {
        if (!(delivery instanceof Delivery.Deliver)) {
            return DeliveryResult.OK; // reaps and GC deliveries
        }
        deliveries++;
        if (delivery instanceof Delivery.Deliver deliver && deliver.message().result() != null) {
            SyscallResult result = syscalls.syscall(
                    new Syscall.Resolve(List.of(new Resolution(deliver.message().result(), false, ANSWER))));
            if (!(result instanceof SyscallResult.Ok)) {
                return new DeliveryResult.Failed("resolve refused: " + result);
            }
            answered++;
        }
        return DeliveryResult.OK;
    }

    /** How many messages this vat received. */
    long deliveries() {
        return deliveries;
    }

    /** How many of them it answered with an accepted {@code resolve}. */
    long answered() {
        return answered;
    }
}
