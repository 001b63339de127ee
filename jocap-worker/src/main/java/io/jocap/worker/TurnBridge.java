package io.jocap.worker;

import io.jocap.kernel.run.SyscallPort;
import io.jocap.protocol.DeliveryResult;
import io.jocap.protocol.Syscall;
import io.jocap.protocol.SyscallResult;
import io.jocap.vat.runtime.VatSyscalls;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Carries one turn's syscalls from the vat's thread to the kernel thread, which waits in
 * {@link #serve} while the vat works (the kernel's port may only be used on the kernel thread).
 *
 * <p>Syscalls whose answer the vat does not need are buffered on the vat's side and travel in
 * batches: with the next syscall that needs an answer (a vatstore read), or with the end of the
 * turn. So a delivery pays one hand-over each way, plus one round trip per vatstore read, never
 * one per send or resolve. Order is kept: a batch is applied in the order it was made.
 */
final class TurnBridge implements VatSyscalls {
    private sealed interface Request {}

    private record Batch(List<Syscall> syscalls, CompletableFuture<SyscallResult> answer) implements Request {}

    private record Done(List<Syscall> syscalls, DeliveryResult result) implements Request {}

    private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
    private List<Syscall> buffer = new ArrayList<>(); // vat thread only
    /** Set once the kernel thread gave up waiting: nobody will answer a syscall any more. */
    private volatile boolean abandoned;

    // ---- vat thread ----

    @Override
    public void post(Syscall syscall) {
        buffer.add(syscall);
    }

    @Override
    public SyscallResult call(Syscall syscall) {
        buffer.add(syscall);
        Batch batch = new Batch(takeBuffer(), new CompletableFuture<>());
        requests.add(batch);
        if (abandoned) {
            refuse(batch); // the kernel may have drained the queue before this batch was in it
        }
        return batch.answer().join();
    }

    /** Ends the turn: what is still buffered goes with the result. */
    void finish(DeliveryResult result) {
        requests.add(new Done(takeBuffer(), result));
    }

    private List<Syscall> takeBuffer() {
        List<Syscall> taken = buffer;
        buffer = new ArrayList<>();
        return taken;
    }

    // ---- kernel thread ----

    /**
     * Applies the vat's syscalls through {@code port} as they come, until the turn ends; returns
     * its result. If the vat neither asks nor finishes within {@code deadline}, gives up with a
     * failed result (the kernel then terminates the vat; its thread is abandoned).
     */
    DeliveryResult serve(SyscallPort port, Duration deadline, String vatName) {
        while (true) {
            Request request = spinForRequest();
            try {
                if (request == null) {
                    request = requests.poll(deadline.toNanos(), TimeUnit.NANOSECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new DeliveryResult.Failed("interrupted while waiting for vat " + vatName);
            }
            if (request == null) {
                abandon();
                return new DeliveryResult.Failed("vat " + vatName + " did not finish its turn within " + deadline.toMillis()
                        + " ms (a runaway loop or a blocked thread?)");
            }
            switch (request) {
                case Batch batch -> batch.answer().complete(apply(port, batch.syscalls()));
                case Done done -> {
                    apply(port, done.syscalls());
                    return done.result();
                }
            }
        }
    }

    /**
     * Gives up on the turn: a syscall that waits for its answer, now or later, fails at once
     * (its {@code join} throws), so a vat thread that comes back unwinds and ends instead of
     * waiting forever.
     */
    private void abandon() {
        abandoned = true;
        for (Request request = requests.poll(); request != null; request = requests.poll()) {
            if (request instanceof Batch batch) {
                refuse(batch);
            }
        }
    }

    /** Whether {@link #serve} gave up on the turn (kernel thread, after it returned). */
    boolean abandoned() {
        return abandoned;
    }

    private static void refuse(Batch batch) {
        batch.answer().completeExceptionally(
                new IllegalStateException("the kernel gave up on this turn: it ran past its deadline"));
    }

    /**
     * Polls without parking for a short while: a vat's turn is usually over in microseconds, and
     * waking a parked kernel thread costs more than that on a virtual machine.
     */
    private Request spinForRequest() {
        long until = System.nanoTime() + SPIN_NANOS;
        do {
            for (int i = 0; i < 64; i++) {
                Request request = requests.poll();
                if (request != null) {
                    return request;
                }
                Thread.onSpinWait();
            }
        } while (System.nanoTime() < until);
        return null;
    }

    /** How long to spin before parking: about a typical in-process turn (measured with bench/run). */
    private static final long SPIN_NANOS = 100_000;

    /** Applies {@code syscalls} in order; the last one's result (or the first refusal, which dooms the turn). */
    private static SyscallResult apply(SyscallPort port, List<Syscall> syscalls) {
        SyscallResult last = SyscallResult.OK;
        for (Syscall syscall : syscalls) {
            SyscallResult result = port.syscall(syscall);
            if (result instanceof SyscallResult.Failed) {
                return result; // the kernel terminates the vat; applying the rest would change nothing
            }
            last = result;
        }
        return last;
    }
}
