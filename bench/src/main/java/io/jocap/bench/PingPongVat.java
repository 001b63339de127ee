package io.jocap.bench;

import io.jocap.kernel.run.SyscallPort;
import io.jocap.kernel.run.VatEndpoint;
import io.jocap.marshal.CapData;
import io.jocap.protocol.Delivery;
import io.jocap.protocol.DeliveryResult;
import io.jocap.protocol.Message;
import io.jocap.protocol.Resolution;
import io.jocap.protocol.Syscall;
import io.jocap.protocol.SyscallResult;
import java.util.List;

/**
 * A trivial vat for the {@code pingPong} case of {@link KernelCrankBenchmark}: the first message
 * it receives ({@code introduce(peer)}) tells it its peer; every later one it answers by resolving
 * the message's result promise and sending {@code ping()} to the peer with a new result promise of
 * its own. Two of them keep exactly one message in flight, so every crank delivers one message and
 * makes one send and one resolve, as a busy vat-to-vat conversation does.
 */
final class PingPongVat implements VatEndpoint {
    private static final CapData ANSWER = new CapData("#\"ok\"", List.of());
    private static final CapData PING = new CapData("#[\"ping\",[]]", List.of());

    private String peer;
    private long nextPromise = 1;
    private long deliveries;

    @Override
    public DeliveryResult deliver(Delivery delivery, SyscallPort syscalls) {
        if (!(delivery instanceof Delivery.Deliver deliver)) {
            return DeliveryResult.OK;
        }
        deliveries++;
        Message message = deliver.message();
        if (peer == null) {
            peer = message.methargs().slots().getFirst();
        }
        if (message.result() != null
                && !(syscalls.syscall(new Syscall.Resolve(List.of(new Resolution(message.result(), false, ANSWER))))
                        instanceof SyscallResult.Ok)) {
            return new DeliveryResult.Failed("resolve refused");
        }
        if (deliveries > 1
                && !(syscalls.syscall(new Syscall.Send(peer, new Message(PING, "p+" + nextPromise++)))
                        instanceof SyscallResult.Ok)) {
            return new DeliveryResult.Failed("send refused");
        }
        return DeliveryResult.OK;
    }

    long deliveries() {
        return deliveries;
    }
}
