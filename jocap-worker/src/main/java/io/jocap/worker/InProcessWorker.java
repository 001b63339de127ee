package io.jocap.worker;

import io.jocap.kernel.run.ExternalTurn;
import io.jocap.kernel.run.SyscallPort;
import io.jocap.kernel.run.VatEndpoint;
import io.jocap.protocol.Delivery;
import io.jocap.protocol.DeliveryResult;
import io.jocap.protocol.Syscall;
import io.jocap.protocol.SyscallResult;
import io.jocap.vat.Vat;
import io.jocap.vat.loop.VatLoop;
import io.jocap.vat.powers.Endowments;
import io.jocap.vat.powers.VatPowerSet;
import io.jocap.vat.runtime.VatRuntime;
import io.jocap.vat.runtime.VatSyscalls;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs one vat in the kernel's process: its own event loop ({@link VatLoop}), its own class
 * loader (the caller's {@code Supplier<Vat>} makes the instance, typically from
 * {@link VatFactories}), and a {@link VatRuntime} speaking the vat protocol.
 *
 * <p><b>How a delivery runs.</b> {@link #deliver} is called on the kernel thread. By default
 * ({@link TurnThread#KERNEL}) the kernel thread runs the turn itself ({@link VatLoop#runTurnHere})
 * and the syscalls go straight to the port; a {@code Kernel}'s watchdog bounds the turn by the
 * deadline. With {@link TurnThread#VAT} it starts a turn on the loop's own thread and then serves
 * the vat's syscalls on the kernel thread until the loop is quiescent (see {@link TurnBridge}),
 * so the vat's code never runs on the kernel thread and the kernel's port is never used on the
 * vat's.
 *
 * <p><b>Work outside deliveries.</b> A timer or an I/O completion never runs on its own: the
 * worker queues it and asks the kernel for an {@link ExternalTurn} (through
 * {@code externalTurns}, typically the kernel's inbox, which wakes an idle kernel). The kernel
 * runs that turn between cranks, in a crank of its own, exactly like a delivery: the vat's
 * syscalls are validated and answered at once and its outputs leave after the commit.
 *
 * <p>{@link #close()} stops the loop, cancels the vat's timers and pending HTTP calls.
 */
public final class InProcessWorker implements VatEndpoint, AutoCloseable {
    /** How long the kernel waits for a vat between two syscalls, by default. */
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(60);

    /**
     * How many metered steps (method entries and loop iterations of the vat's own code, see
     * {@link io.jocap.vat.Meter}) one turn may take, by default: a delivery, or an external turn,
     * that takes more fails, and the kernel terminates the vat.
     */
    public static final long DEFAULT_STEP_BUDGET = 100_000_000L;

    private final String vatName;
    private final VatLoop loop;
    private final VatPowerSet powers;
    private final Duration deadline;
    private final Consumer<String> logSink;
    private final Consumer<ExternalTurn> externalTurns;
    private final CurrentTurn current = new CurrentTurn();
    private final ExternalWork externalWork = new ExternalWork();
    private final TurnThread turnThread;
    private VatRuntime runtime; // set on the loop thread before the first turn
    private volatile boolean broken;

    /**
     * Starts the vat's thread and makes its runtime; the vat's own code ({@code vat.get()} and
     * later {@code buildRootObject}) runs on that thread only.
     *
     * @param vatName the vat's name (thread name, log lines)
     * @param vat makes the vat's instance, on the vat's thread
     * @param endowments what the vat was granted
     * @param logSink where the vat's log lines go
     * @param externalTurns how to ask the kernel to run an external turn (e.g. offer an
     *     {@code InboxItem.VatTurn} for this vat to the kernel's inbox)
     * @param deadline how long the kernel waits for the vat between two syscalls of a turn
     * @throws IllegalStateException if making the vat instance fails (the message says why)
     */
    public static InProcessWorker start(String vatName, Supplier<? extends Vat> vat, Endowments endowments,
            Consumer<String> logSink, Consumer<ExternalTurn> externalTurns, Duration deadline) {
        return start(vatName, vat, endowments, logSink, externalTurns, deadline, DEFAULT_STEP_BUDGET);
    }

    /**
     * As {@link #start(String, Supplier, Endowments, Consumer, Consumer, Duration)}, with a step
     * budget per turn: a turn whose vat code (if it was loaded metered, as {@link VatFactories}
     * does) takes more than {@code stepBudget} steps fails with {@code vat NAME used its step
     * budget of N steps in one delivery: runaway loop?}, and the kernel terminates the vat.
     *
     * @throws IllegalArgumentException if {@code stepBudget} is not positive
     */
    public static InProcessWorker start(String vatName, Supplier<? extends Vat> vat, Endowments endowments,
            Consumer<String> logSink, Consumer<ExternalTurn> externalTurns, Duration deadline, long stepBudget) {
        return start(vatName, vat, endowments, logSink, externalTurns, deadline, stepBudget, TurnThread.KERNEL);
    }

    /**
     * As {@link #start(String, Supplier, Endowments, Consumer, Consumer, Duration, long)}, choosing
     * which thread runs the vat's turns (see {@link TurnThread}).
     */
    public static InProcessWorker start(String vatName, Supplier<? extends Vat> vat, Endowments endowments,
            Consumer<String> logSink, Consumer<ExternalTurn> externalTurns, Duration deadline, long stepBudget,
            TurnThread turnThread) {
        return new InProcessWorker(vatName, vat, endowments, logSink, externalTurns, deadline, stepBudget, turnThread);
    }

    /** Which thread runs a vat's turns (deliveries and external turns). */
    public enum TurnThread {
        /**
         * The vat's own thread ({@code "worker": "vatThread"}): the kernel thread hands each turn
         * over and serves its syscalls meanwhile. A vat that blocks or never ends its turn is given
         * up on after the deadline, whatever its code, with or without a watchdog.
         */
        VAT,
        /**
         * The kernel's thread (the default), which runs the turn itself: no hand-over between
         * threads, so small deliveries cost about half as much (see {@code bench/README.md}). The
         * step budget stops a runaway turn in classes loaded metered (as {@link VatFactories}
         * loads them). The deadline is enforced by a {@code Kernel}'s watchdog (see
         * {@link VatEndpoint#inlineTurnDeadline()}): past it, the kernel rolls the turn back,
         * terminates the vat and goes on on a new thread, leaving the old one to the vat's code
         * (its CPU is lost until that code returns). The embedded harness has no watchdog.
         */
        KERNEL
    }

    private InProcessWorker(String vatName, Supplier<? extends Vat> vat, Endowments endowments,
            Consumer<String> logSink, Consumer<ExternalTurn> externalTurns, Duration deadline, long stepBudget,
            TurnThread turnThread) {
        this.turnThread = Objects.requireNonNull(turnThread, "turnThread");
        this.vatName = Objects.requireNonNull(vatName, "vatName");
        this.externalTurns = Objects.requireNonNull(externalTurns, "externalTurns");
        this.deadline = Objects.requireNonNull(deadline, "deadline");
        this.logSink = Objects.requireNonNull(logSink, "logSink");
        this.loop = new VatLoop(vatName);
        this.loop.stepBudget(stepBudget);
        this.loop.onExternal(this::externalWork);
        this.powers = new VatPowerSet(endowments, loop, logSink);
        loop.start();
        // The loop hands what a task throws to its error handler and ends the turn normally, so
        // a vat class whose constructor throws (or runs out of steps) is caught here.
        Throwable[] failure = new Throwable[1];
        CompletableFuture<Void> setup = loop.submit(() -> {
            try {
                Vat instance = Objects.requireNonNull(vat.get(), "the vat factory returned null");
                runtime = new VatRuntime(vatName, instance, powers, loop, current,
                        io.jocap.vat.runtime.DispatchingInvoker.INSTANCE);
                runtime.bind();
            } catch (RuntimeException | Error e) {
                failure[0] = e;
            }
        });
        try {
            setup.get(deadline.toNanos(), TimeUnit.NANOSECONDS);
            if (failure[0] != null) {
                throw new java.util.concurrent.ExecutionException(failure[0]);
            }
        } catch (Exception e) {
            close();
            Throwable cause = e instanceof java.util.concurrent.ExecutionException ? e.getCause() : e;
            throw new IllegalStateException("vat " + vatName + " could not be made: " + cause, cause);
        }
    }

    @Override
    public DeliveryResult deliver(Delivery delivery, SyscallPort syscalls) {
        return runTurn(syscalls, () -> runtime.deliver(delivery));
    }

    /** Runs one turn whose start is {@code start}, with its syscalls served on this (the kernel) thread. */
    private DeliveryResult runTurn(SyscallPort syscalls, Runnable start) {
        if (broken) {
            return new DeliveryResult.Failed("vat " + vatName + "'s worker is broken (an earlier turn never ended)");
        }
        DeliveryResult result = turnThread == TurnThread.KERNEL ? runTurnHere(syscalls, start) : runTurnOnLoop(syscalls, start);
        if (result instanceof DeliveryResult.Failed failed) {
            // The kernel terminates the vat for it; this line tells its operator why.
            logSink.accept("[" + vatName + "] WORKER the turn failed: " + failed.problem());
        }
        return result;
    }

    /**
     * The {@link #turnId} of the worker each kernel thread gave its last turn to (an id, so that a
     * stopped worker is not kept reachable). Two turns in a row for one vat suggest more will
     * follow (a burst of messages to it), so its thread polls a little before it parks.
     */
    private static final ThreadLocal<long[]> LAST_TURN = ThreadLocal.withInitial(() -> new long[1]);

    private static final AtomicLong TURN_IDS = new AtomicLong();
    private final long turnId = TURN_IDS.incrementAndGet();

    /** With kernel-thread turns, the deadline: the kernel's watchdog enforces it (see {@link TurnThread#KERNEL}). */
    @Override
    public Duration inlineTurnDeadline() {
        return turnThread == TurnThread.KERNEL ? deadline : null;
    }

    /** Starts waking the vat's thread (if its turns run there) while the kernel translates the delivery. */
    @Override
    public void deliveryComing() {
        if (turnThread == TurnThread.VAT) {
            loop.wakeSoon();
        }
    }

    /** Runs one turn on the vat's thread, serving its syscalls here until it ends. */
    private DeliveryResult runTurnOnLoop(SyscallPort syscalls, Runnable start) {
        TurnBridge bridge = new TurnBridge();
        long[] last = LAST_TURN.get();
        boolean again = last[0] == turnId;
        last[0] = turnId;
        CompletableFuture<Void> turn = loop.submit(() -> {
            current.bridge = bridge;
            start.run();
        }, again);
        // Completes on the loop thread after the turn, before the next one starts.
        turn.whenComplete((ignored, failure) -> {
            current.bridge = null;
            bridge.finish(failure != null
                    ? new DeliveryResult.Failed("vat " + vatName + " stopped: " + failure.getMessage())
                    : runtime.endTurn());
        });
        DeliveryResult result = bridge.serve(syscalls, deadline, vatName);
        if (bridge.abandoned()) {
            broken = true; // the vat's thread is still in that turn: no later turn could start
            loop.close();
        }
        return result;
    }

    /** Runs one turn on this (the kernel) thread, its syscalls applied as they are made. */
    private DeliveryResult runTurnHere(SyscallPort port, Runnable start) {
        current.bridge = new DirectSyscalls(port);
        try {
            runtime.runBound(() -> loop.runTurnHere(start));
        } catch (IllegalStateException e) {
            return new DeliveryResult.Failed("vat " + vatName + " stopped: " + e.getMessage());
        } finally {
            current.bridge = null;
        }
        return runtime.endTurn();
    }

    /** Syscalls applied at once, on the kernel thread that runs the turn. */
    private static final class DirectSyscalls implements VatSyscalls {
        private final SyscallPort port;
        private boolean refused;

        DirectSyscalls(SyscallPort port) {
            this.port = port;
        }

        @Override
        public void post(Syscall syscall) {
            if (!refused && port.syscall(syscall) instanceof SyscallResult.Failed) {
                refused = true; // the kernel terminates the vat; the rest would change nothing
            }
        }

        @Override
        public SyscallResult call(Syscall syscall) {
            SyscallResult result = port.syscall(syscall);
            if (result instanceof SyscallResult.Failed) {
                refused = true;
            }
            return result;
        }
    }

    /** A timer fired or I/O completed: queue the work and make sure a turn is asked for. */
    private void externalWork(Runnable task) {
        if (externalWork.add(task)) {
            externalTurns.accept(this::runExternalTurn);
        }
    }

    /** The kernel grants a turn: run everything queued so far (kernel thread). */
    private DeliveryResult runExternalTurn(SyscallPort syscalls) {
        return runTurn(syscalls, () -> externalWork.runAll(powers.logger()));
    }

    /** The vat's name. */
    public String vatName() {
        return vatName;
    }

    /** The kernel let go of this vat: stop it (its thread, timers and HTTP calls). */
    @Override
    public void terminated(String reason) {
        logSink.accept("[" + vatName + "] WORKER stopped: " + reason);
        close();
    }

    /** The kernel closed: stop the vat, without a word (it is not terminated). */
    @Override
    public void kernelClosed() {
        close();
    }

    /** Whether the vat's loop has stopped (closed, or terminated by the kernel). */
    public boolean isStopped() {
        return loop.isClosed();
    }

    @Override
    public void close() {
        powers.close();
        loop.close();
    }

    /** The syscall sink the runtime holds: whichever turn's bridge is current (loop thread only). */
    private static final class CurrentTurn implements VatSyscalls {
        VatSyscalls bridge;

        @Override
        public void post(Syscall syscall) {
            require().post(syscall);
        }

        @Override
        public SyscallResult call(Syscall syscall) {
            return require().call(syscall);
        }

        private VatSyscalls require() {
            if (bridge == null) {
                throw new IllegalStateException("a syscall outside any turn (vat code running outside the vat's loop?)");
            }
            return bridge;
        }
    }
}
