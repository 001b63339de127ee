package io.jocap.worker.process;

import io.jocap.kernel.config.VatConfig;
import io.jocap.kernel.config.WorkerKind;
import io.jocap.kernel.run.ExternalTurn;
import io.jocap.kernel.run.SyscallPort;
import io.jocap.kernel.run.VatEndpoint;
import io.jocap.protocol.Delivery;
import io.jocap.protocol.DeliveryResult;
import io.jocap.protocol.ProtocolException;
import io.jocap.protocol.SyscallResult;
import io.jocap.vat.powers.Endowments;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Runs one vat in a JVM of its own (a <em>worker process</em>), started with the JDK and class path
 * the kernel runs on, a heap limit from the vat's config and {@code -XX:+ExitOnOutOfMemoryError}
 * (with the JVM's own messages sent to standard error), and talked to over its standard input and output with the worker protocol ({@link
 * WorkerMessage}, {@code docs/worker-protocol.md}). Its standard error is drained to the log sink.
 *
 * <p><b>Turns.</b> {@link #deliver} (and an external turn the worker asked for) writes one message
 * and then, on the kernel thread, applies the vat's syscalls through the port as they arrive,
 * answering those the vat waits for, until the turn's {@code done}. Its posted syscalls arrive in
 * batches: the worker flushes them with its next vatstore read or its turn's end.
 *
 * <p><b>Failures are confined to the vat.</b> If the process exits, crashes, is killed (SIGKILL
 * included), runs out of heap, breaks the protocol, or sends nothing during a turn for the
 * deadline, the turn answers {@link DeliveryResult.Failed} naming the cause ("was killed by signal
 * 9 (SIGKILL)", "ran out of memory (heap limit 64 MiB)", "did not answer within 2 s"), the process
 * is killed if it still runs, and the kernel rolls the crank back and terminates the vat with
 * {@code [KERNEL:VAT_FATAL:INTERNAL_ERROR]}. A process that dies between turns is reported the same
 * way at once, through an external turn that fails, so the promises the vat decided are rejected
 * even if nobody sends to it again.
 *
 * <p><b>No process outlives its use.</b> {@link #terminated} and {@link #close} kill the process;
 * the kernel tells every endpoint when it closes; a JVM shutdown hook kills what is left; and a
 * worker whose standard input closes (its kernel died, even by SIGKILL) exits by itself.
 */
public final class ProcessWorker implements VatEndpoint, AutoCloseable {
    private static final int STDERR_TAIL_LINES = 20;
    private static final Duration EXIT_WAIT = Duration.ofSeconds(5);
    private static final long STOP_WAIT_MILLIS = 1000;
    /** Kills workers whose input a write is stuck on (one daemon thread for all workers). */
    private static final ScheduledThreadPoolExecutor WATCHDOG = watchdog();

    private final String vatName;
    private final int heapMb;
    private final Duration deadline;
    private final Process process;
    private final FrameOutput toChild;
    private final Consumer<String> logSink;
    private final Consumer<ExternalTurn> externalTurns;
    private final BlockingQueue<Inbound> inbound = new LinkedBlockingQueue<>();
    private final ArrayDeque<String> stderrTail = new ArrayDeque<>(); // guarded by itself
    private final Thread stderrDrain;
    /** Why this side killed the process, if it did. */
    private final AtomicReference<String> killedBecause = new AtomicReference<>();
    /** Why the worker can no longer run turns; set once. */
    private final AtomicReference<String> gone = new AtomicReference<>();
    private volatile boolean started;
    private volatile boolean closed;
    private volatile String stopReason;

    private sealed interface Inbound {}

    private record Received(WorkerMessage.FromWorker message) implements Inbound {}

    private record Gone(String cause) implements Inbound {}

    private ProcessWorker(String vatName, int heapMb, Duration deadline, Process process, Consumer<String> logSink,
            Consumer<ExternalTurn> externalTurns) {
        this.vatName = vatName;
        this.heapMb = heapMb;
        this.deadline = deadline;
        this.process = process;
        this.toChild = new FrameOutput(process.getOutputStream());
        this.logSink = logSink;
        this.externalTurns = externalTurns;
        this.stderrDrain = Thread.ofPlatform().daemon().name("jocap-worker-" + vatName + "-stderr").start(this::drainStderr);
        Thread.ofPlatform().daemon().name("jocap-worker-" + vatName + "-in").start(this::readFromChild);
    }

    /**
     * Starts a worker process for the vat {@code config} describes and waits until it has loaded
     * the vat's code and made its runtime.
     *
     * @param vatId the vat's kernel id (for the worker's logs)
     * @param logSink where the vat's log lines and the process's standard error go
     * @param externalTurns how to ask the kernel for an external turn for this vat
     * @throws IllegalArgumentException if the config is not for a process worker, grants an unknown
     *     endowment or names code that does not exist (found before any process starts)
     * @throws IllegalStateException if the vat could not be loaded (the message says why: a compile
     *     error, a missing class, a process that exited or did not answer within the start timeout)
     * @throws IOException if the process cannot be started at all
     */
    public static ProcessWorker start(String vatId, VatConfig config, ProcessWorkerOptions options,
            Consumer<String> logSink, Consumer<ExternalTurn> externalTurns) throws IOException {
        Objects.requireNonNull(vatId, "vatId");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(logSink, "logSink");
        Objects.requireNonNull(externalTurns, "externalTurns");
        if (config.worker() != WorkerKind.PROCESS) {
            throw new IllegalArgumentException("vat " + config.name() + " is not configured with \"worker\": \"process\"");
        }
        // What can be checked here is, so that a mistake costs no JVM start.
        Endowments.parse(config.name(), config.endowments(), config.allowedHosts());
        VatCodes.source(config.code());
        int heapMb = config.maxHeapMb() != null ? config.maxHeapMb() : options.defaultHeapMb();
        Process process = new ProcessBuilder(command(heapMb, options)).start();
        ChildProcesses.register(process);
        ProcessWorker worker = new ProcessWorker(config.name(), heapMb, options.deadline(), process, logSink, externalTurns);
        // The child gets the config with absolute paths and without parameters (startVat brings them).
        VatConfig forChild = new VatConfig(config.name(), VatCodes.absolute(config.code()), Map.of(),
                config.endowments(), config.allowedHosts(), config.worker(), config.maxHeapMb());
        worker.awaitReady(new WorkerMessage.Start(vatId, config.name(), forChild.toJson(), options.classCheck()),
                options.startTimeout());
        return worker;
    }

    private static ScheduledThreadPoolExecutor watchdog() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().daemon().name("jocap-worker-watchdog").factory());
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }

    /** The command line of a worker JVM: this JVM's {@code java}, its class path, and the limits. */
    static List<String> command(int heapMb, ProcessWorkerOptions options) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.add("-Xmx" + heapMb + "m");
        command.add("-XX:+ExitOnOutOfMemoryError");
        command.add("-XX:+DisplayVMOutputToStderr"); // the JVM's own messages must not land in the pipe
        command.add("--enable-native-access=ALL-UNNAMED");
        command.addAll(options.jvmOptions());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(WorkerMain.class.getName());
        return command;
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private void awaitReady(WorkerMessage.Start start, Duration timeout) {
        String failure;
        try {
            if (!send(start)) {
                throw new IOException("the pipe is broken");
            }
            Inbound first = inbound.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
            failure = switch (first) {
                case null -> "its worker process (pid " + pid() + ") did not load the vat within " + seconds(timeout);
                case Received(WorkerMessage.Ready ready) -> null;
                case Received(WorkerMessage.StartFailed failed) -> failed.reason();
                case Received(WorkerMessage.FromWorker other) ->
                        "its worker process sent " + kind(other) + " before it was ready (a protocol error)";
                case Gone gone -> gone.cause();
            };
        } catch (IOException e) {
            failure = "its worker process (pid " + pid() + ") could not be sent its vat: " + e.getMessage() + stderrSummary();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = "interrupted while its worker process started";
        }
        if (failure != null) {
            close();
            throw new IllegalStateException(failure);
        }
        started = true;
    }

    @Override
    public DeliveryResult deliver(Delivery delivery, SyscallPort syscalls) {
        return runTurn(syscalls, new WorkerMessage.Deliver(delivery));
    }

    /** The kernel grants the turn the worker asked for (kernel thread). */
    private DeliveryResult runExternalTurn(SyscallPort syscalls) {
        if (closed) {
            return DeliveryResult.OK; // an incarnation the kernel let go of: its work is void
        }
        return runTurn(syscalls, new WorkerMessage.RunTurn());
    }

    private DeliveryResult runTurn(SyscallPort port, WorkerMessage.ToWorker start) {
        String unusable = gone.get();
        if (unusable != null) {
            return new DeliveryResult.Failed(unusable);
        }
        if (!send(start)) {
            return new DeliveryResult.Failed(awaitGone());
        }
        boolean refused = false;
        while (true) {
            Inbound next;
            try {
                next = inbound.poll(deadline.toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new DeliveryResult.Failed(giveUp("the kernel was interrupted while waiting for vat " + vatName
                        + "; its worker process (pid " + pid() + ") was killed"));
            }
            switch (next) {
                case null -> {
                    return new DeliveryResult.Failed(giveUp("vat " + vatName + " did not answer within " + seconds(deadline)
                            + " (a runaway loop or a blocked thread?); its worker process (pid " + pid() + ") was killed"));
                }
                case Gone g -> {
                    return new DeliveryResult.Failed(g.cause());
                }
                case Received(WorkerMessage.MakeSyscall call) -> {
                    SyscallResult result = refused
                            ? new SyscallResult.Failed("an earlier syscall of this turn was refused")
                            : port.syscall(call.syscall());
                    refused |= result instanceof SyscallResult.Failed;
                    if (call.wantsAnswer() && !send(new WorkerMessage.Answer(result))) {
                        return new DeliveryResult.Failed(awaitGone());
                    }
                }
                case Received(WorkerMessage.Done done) -> {
                    return done.result();
                }
                case Received(WorkerMessage.FromWorker other) -> {
                    return new DeliveryResult.Failed(giveUp("the worker process of vat " + vatName + " (pid " + pid()
                            + ") sent " + kind(other) + " during a turn (a protocol error) and was killed"));
                }
            }
        }
    }

    /**
     * Writes a message to the worker; false if the pipe is broken (the process is going or gone).
     * A worker that stops reading (stopped by a signal, say) would block the write once the pipe's
     * buffer is full, so the write has the deadline too: past it, the process is killed, which
     * breaks the pipe and ends the write.
     */
    private boolean send(WorkerMessage.ToWorker message) {
        ScheduledFuture<?> watchdog = WATCHDOG.schedule(() -> giveUp("the worker process of vat " + vatName + " (pid "
                + pid() + ") did not read its input within " + seconds(deadline) + " and was killed"),
                deadline.toNanos(), TimeUnit.NANOSECONDS);
        try {
            toChild.sendNow(message);
            return true;
        } catch (IOException e) {
            return false;
        } finally {
            watchdog.cancel(false);
        }
    }

    /** The cause the reader finds once the process is gone (bounded: the process is killed if it lingers). */
    private String awaitGone() {
        long until = System.nanoTime() + EXIT_WAIT.toNanos();
        try {
            while (true) {
                String cause = gone.get();
                if (cause != null) {
                    return cause;
                }
                long left = until - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                inbound.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return giveUp("the worker process of vat " + vatName + " (pid " + pid()
                + ") could not be written to and was killed");
    }

    /** Kills the process for {@code cause}, which becomes why the worker is unusable; returns that reason. */
    private String giveUp(String cause) {
        kill(cause);
        gone.compareAndSet(null, cause);
        return gone.get();
    }

    private void kill(String because) {
        killedBecause.compareAndSet(null, because);
        process.destroyForcibly();
        try {
            toChild.close();
        } catch (IOException ignored) {
            // the process is being killed; its pipe is of no use any more
        }
    }

    // ---- reader threads ----

    private void readFromChild() {
        String protocolProblem = null;
        boolean killedHere = false;
        try (InputStream in = process.getInputStream()) {
            String text;
            while ((text = Frames.read(in)) != null) {
                WorkerMessage.FromWorker message = WorkerMessage.readFromWorker(text);
                switch (message) {
                    case WorkerMessage.Log log -> log(log.line());
                    case WorkerMessage.WantTurn want -> askForTurn();
                    default -> inbound.add(new Received(message));
                }
            }
        } catch (EOFException e) {
            // The output ended inside a frame: the process died while writing; its exit says why.
        } catch (IOException | ProtocolException e) {
            protocolProblem = "the worker process of vat " + vatName + " (pid " + pid() + ") broke the worker protocol ("
                    + e.getMessage() + ") and was killed";
            if (killedBecause.get() == null) {
                kill(protocolProblem);
                killedHere = true;
            }
        } catch (RuntimeException | Error e) {
            protocolProblem = "the connection to the worker process of vat " + vatName + " failed (" + e + ")";
            killedHere = killedBecause.get() == null;
            kill(protocolProblem);
        }
        // A process the kernel's side killed was given up by a turn, or let go of: nothing to report.
        boolean unexpected = killedHere || killedBecause.get() == null;
        String cause = exitCause(protocolProblem);
        boolean first = gone.compareAndSet(null, cause);
        inbound.add(new Gone(gone.get()));
        if (first && unexpected && started && !closed) {
            log("[" + vatName + "] WORKER " + cause);
            askForTurn(); // a turn that fails: the kernel terminates the vat now, not at its next message
        }
    }

    /** Why the process is gone, once its output has ended. */
    private String exitCause(String protocolProblem) {
        String killed = killedBecause.get();
        if (killed != null) {
            return killed;
        }
        if (protocolProblem != null) {
            return protocolProblem;
        }
        String who = "the worker process of vat " + vatName + " (pid " + pid() + ")";
        try {
            if (!process.waitFor(EXIT_WAIT.toNanos(), TimeUnit.NANOSECONDS)) {
                String cause = who + " closed its output and was killed";
                kill(cause);
                return cause;
            }
            stderrDrain.join(EXIT_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return who + " stopped answering";
        }
        int status = process.exitValue();
        if (stderrMentions("java.lang.OutOfMemoryError")) {
            return who + " ran out of memory (heap limit " + heapMb + " MiB) and exited";
        }
        if (status > 128 && status <= 128 + 64) {
            int signal = status - 128;
            return who + " was killed by signal " + signal + signalName(signal);
        }
        return who + " exited with status " + status + stderrSummary();
    }

    private void drainStderr() {
        try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = err.readLine()) != null) {
                synchronized (stderrTail) {
                    if (stderrTail.size() == STDERR_TAIL_LINES) {
                        stderrTail.removeFirst();
                    }
                    stderrTail.addLast(line);
                }
                log("[" + vatName + "] STDERR " + line);
            }
        } catch (IOException e) {
            // the process is gone
        }
    }

    private boolean stderrMentions(String text) {
        synchronized (stderrTail) {
            return stderrTail.stream().anyMatch(line -> line.contains(text));
        }
    }

    /** ": " and the last line the process wrote to standard error, or nothing. */
    private String stderrSummary() {
        synchronized (stderrTail) {
            String last = stderrTail.peekLast();
            return last == null || last.isBlank() ? "" : ": " + last.strip();
        }
    }

    private void askForTurn() {
        try {
            externalTurns.accept(this::runExternalTurn);
        } catch (RuntimeException e) {
            // the kernel is closing; there is nobody left to tell
        }
    }

    private void log(String line) {
        try {
            logSink.accept(line);
        } catch (RuntimeException e) {
            // a broken sink must not stop the pipe
        }
    }

    private static String kind(WorkerMessage message) {
        String json = WorkerMessage.write(message);
        int end = json.indexOf('"', 2);
        return end > 2 ? json.substring(2, end) : json;
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static String signalName(int signal) {
        return switch (signal) {
            case 1 -> " (SIGHUP)";
            case 2 -> " (SIGINT)";
            case 6 -> " (SIGABRT)";
            case 9 -> " (SIGKILL)";
            case 11 -> " (SIGSEGV)";
            case 15 -> " (SIGTERM)";
            default -> "";
        };
    }

    // ---- the worker's life ----

    /** The vat's name. */
    public String vatName() {
        return vatName;
    }

    /** The worker process's id (for operators and tests). */
    public long pid() {
        return process.pid();
    }

    /** The worker process (for operators and tests: its id, whether it is alive, its exit). */
    public ProcessHandle processHandle() {
        return process.toHandle();
    }

    /** The heap limit the worker JVM was started with, in MiB. */
    public int heapMb() {
        return heapMb;
    }

    /** Why the kernel let go of this worker ({@link #terminated}), or null while it has not. */
    public String stopReason() {
        return stopReason;
    }

    /** Why the worker can no longer run turns (its process is gone), or null while it can. */
    public String failure() {
        return gone.get();
    }

    /** The kernel let go of this vat: the process is killed (a vat's state is all in the kernel), as {@link #close}. */
    @Override
    public void terminated(String reason) {
        stopReason = reason;
        log("[" + vatName + "] WORKER worker process (pid " + pid() + ") stopped: " + reason);
        close();
    }

    /** The kernel closed: the process is killed, without a word (the vat is not terminated). */
    @Override
    public void kernelClosed() {
        stopReason = "the kernel closed";
        close();
    }

    /**
     * Kills the worker process, if it runs, and waits for it to be gone (a killed process is, in
     * milliseconds; the wait is bounded by {@value #STOP_WAIT_MILLIS} ms). Idempotent.
     */
    @Override
    public void close() {
        closed = true;
        kill("the worker process of vat " + vatName + " was stopped");
        try {
            process.waitFor(STOP_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
