package io.jocap.worker.process;

import io.jocap.protocol.Delivery;
import io.jocap.protocol.DeliveryResult;
import io.jocap.protocol.Syscall;
import io.jocap.protocol.SyscallResult;
import io.jocap.vat.Vat;
import io.jocap.vat.loop.VatLoop;
import io.jocap.vat.powers.Endowments;
import io.jocap.vat.powers.VatPowerSet;
import io.jocap.vat.runtime.DispatchingInvoker;
import io.jocap.vat.runtime.VatRuntime;
import io.jocap.vat.runtime.VatSyscalls;
import io.jocap.worker.ExternalWork;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Supplier;

/**
 * The vat inside a worker process: its loop, powers and runtime, as {@code InProcessWorker} has
 * them, with the kernel at the other end of the pipe. Turns start when the kernel's messages say
 * so ({@link #deliver}, {@link #runExternalTurn}); the vat's syscalls go out as frames (posted ones
 * buffered until the next flush), and its vatstore reads wait for the kernel's {@link
 * WorkerMessage.Answer}; each turn ends with a {@link WorkerMessage.Done}. A timer or an I/O
 * completion is queued and a {@link WorkerMessage.WantTurn} sent, once until the kernel grants it.
 *
 * <p>A failure to write to the kernel means the kernel is gone: the process halts (see {@link
 * WorkerMain}).
 */
final class ChildVat {
    private final String vatName;
    private final FrameOutput out;
    private final VatLoop loop;
    private final VatPowerSet powers;
    private final BlockingQueue<SyscallResult> answers = new LinkedBlockingQueue<>();
    private final ExternalWork externalWork = new ExternalWork();
    private VatRuntime runtime; // set on the loop thread before the first turn

    private ChildVat(String vatName, Endowments endowments, FrameOutput out) {
        this.vatName = vatName;
        this.out = out;
        this.loop = new VatLoop(vatName);
        this.loop.onExternal(this::externalWork);
        this.powers = new VatPowerSet(endowments, loop, line -> sendNow(new WorkerMessage.Log(line)));
    }

    /**
     * Starts the vat's loop and makes its instance and runtime there.
     *
     * @throws IllegalStateException if making the instance fails (the message says why)
     */
    static ChildVat start(String vatName, Supplier<? extends Vat> vat, Endowments endowments, FrameOutput out) {
        ChildVat child = new ChildVat(vatName, endowments, out);
        child.loop.start();
        CompletableFuture<Void> setup = child.loop.submit(() -> {
            Vat instance = Objects.requireNonNull(vat.get(), "the vat factory returned null");
            child.runtime = new VatRuntime(vatName, instance, child.powers, child.loop, child.new PipeSyscalls(),
                    DispatchingInvoker.INSTANCE);
            child.runtime.bind();
        });
        try {
            setup.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("vat " + vatName + " could not be made: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while making vat " + vatName, e);
        }
        return child;
    }

    /** Runs {@code delivery} as a turn; its {@link WorkerMessage.Done} follows when the vat is quiescent. */
    void deliver(Delivery delivery) {
        runTurn(() -> runtime.deliver(delivery));
    }

    /** Runs the work queued for an external turn, as a turn. */
    void runExternalTurn() {
        runTurn(() -> externalWork.runAll(powers.logger()));
    }

    /** The kernel answered the syscall the vat waits for. */
    void answer(SyscallResult result) {
        answers.add(result);
    }

    private void runTurn(Runnable start) {
        loop.submit(start).whenComplete((ignored, failure) -> sendNow(new WorkerMessage.Done(failure != null
                ? new DeliveryResult.Failed("vat " + vatName + " stopped: " + failure.getMessage())
                : runtime.endTurn())));
    }

    /** A timer fired or I/O completed (any thread): queue the work and ask for a turn once. */
    private void externalWork(Runnable task) {
        if (externalWork.add(task)) {
            sendNow(new WorkerMessage.WantTurn());
        }
    }

    private void sendNow(WorkerMessage message) {
        try {
            out.sendNow(message);
        } catch (IOException e) {
            throw WorkerMain.kernelGone(e);
        }
    }

    /** The runtime's syscalls, on the loop thread during a turn. */
    private final class PipeSyscalls implements VatSyscalls {
        @Override
        public void post(Syscall syscall) {
            try {
                out.send(new WorkerMessage.MakeSyscall(syscall, false));
            } catch (IOException e) {
                throw WorkerMain.kernelGone(e);
            }
        }

        @Override
        public SyscallResult call(Syscall syscall) {
            sendNow(new WorkerMessage.MakeSyscall(syscall, true));
            try {
                return answers.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UncheckedIOException(new IOException("interrupted while waiting for the kernel's answer"));
            }
        }
    }
}
