package io.jocap.bench;

import io.jocap.kernel.run.CrankOutcome;
import io.jocap.kernel.run.EmbeddedKernel;
import io.jocap.kernel.run.ScriptedVat;
import io.jocap.kernel.state.PromiseState;
import io.jocap.marshal.CapData;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Kernel overhead per delivered message, with trivial in-process vats.
 *
 * <p><b>One op</b> is one message to vat B's root object, delivered and answered:
 * {@link EmbeddedKernel#queueSend(String, CapData)} queues it with a new result promise (one
 * crank: the promise is created and pinned, the send pushed on the run queue), then one
 * {@link EmbeddedKernel#step()} delivers it (a second crank: routing, translation of the target,
 * the arguments and the result promise into B's c-list, the delivery to B, B's {@code resolve}
 * syscall of the result with {@code "ok"} and the promise and reference-count bookkeeping that
 * follows, and the commit). Each invocation does 100 ops; the figure is per op.
 *
 * <p>{@code args}: {@code none} sends {@code ping()}, whose arguments carry no reference;
 * {@code object} sends {@code ping(obj)}, where {@code obj} is an object exported by vat A, so
 * every delivery also translates one kernel object ref into B's c-list (an import that B gained
 * on the first message and never drops, so later messages find it there). {@code pingPong} has
 * no host: one op is one crank of two {@link PingPongVat}s answering each other's message and
 * sending the next (one delivery, one {@code resolve}, one {@code send} with a new result promise).
 *
 * <p>The kernel is an {@link EmbeddedKernel} with its reference-count audit turned off. Its store
 * is a temporary {@code KernelStore} with the default options: the batched policy, a commit point
 * every 500 cranks or 10 ms, written to SQLite by the store's flusher thread while the kernel
 * thread goes on; a full batch waits for the commit point in flight (back-pressure), so the
 * figure is a sustained rate and includes waiting for SQLite when it writes slower than the
 * kernel commits. The kernel does not collect resolved
 * promises yet, and {@code queueSend} pins every result promise, so each message leaves its
 * promise in the store for good: the kernel is recreated for every iteration to keep that growth
 * bounded (some 30,000 promises per one-second iteration on the project machine). With
 * {@code -Djocap.bench.stats=true} (in {@code -jvmArgsAppend}) each iteration prints the store's
 * statistics; with {@code -Djocap.bench.audit=true} it runs the reference-count audit at its end.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class KernelCrankBenchmark {
    static final int MESSAGES = 100;
    private static final String VAT_A = "v1";
    private static final String VAT_B = "v2";

    @Param({"none", "object", "pingPong"})
    public String args;

    private EmbeddedKernel kernel;
    private AnsweringVat vatB;
    private PingPongVat pingA;
    private PingPongVat pingB;
    private String bRoot;
    private CapData methargs;
    private String lastResult;
    private long sent;

    @Setup(Level.Iteration)
    public void start() {
        kernel = EmbeddedKernel.create().auditing(false);
        sent = 0;
        lastResult = null;
        if (args.equals("pingPong")) {
            startPingPong();
            return;
        }
        kernel.register(VAT_A, ScriptedVat.quiet());
        vatB = kernel.register(VAT_B, new AnsweringVat());
        bRoot = kernel.export(VAT_B, "o+0");
        String aObject = kernel.export(VAT_A, "o+0");
        methargs = switch (args) {
            case "none" -> new CapData("#[\"ping\",[]]", List.of());
            case "object" -> new CapData("#[\"ping\",[\"$0\"]]", List.of(aObject));
            default -> throw new IllegalArgumentException("unknown args: " + args);
        };
    }

    /** Introduces two ping-pong vats to each other and starts their conversation. */
    private void startPingPong() {
        pingA = kernel.register(VAT_A, new PingPongVat());
        pingB = kernel.register(VAT_B, new PingPongVat());
        String aRoot = kernel.export(VAT_A, "o+0");
        bRoot = kernel.export(VAT_B, "o+0");
        kernel.queueSend(aRoot, new CapData("#[\"introduce\",[\"$0\"]]", List.of(bRoot)));
        kernel.queueSend(bRoot, new CapData("#[\"introduce\",[\"$0\"]]", List.of(aRoot)));
        kernel.queueSend(aRoot, new CapData("#[\"ping\",[]]", List.of()));
        for (int i = 0; i < 3; i++) {
            kernel.step();
        }
    }

    /**
     * {@code pingPong}: one op is one crank of a conversation between two vats that answer every
     * message and send the next one (see {@link PingPongVat}); no host involvement.
     */
    private void pingPong() {
        for (int i = 0; i < MESSAGES; i++) {
            deliverOne("ping " + (sent + i));
        }
        sent += MESSAGES;
    }

    /**
     * Steps until a crank delivers the next message. The cranks in between (a reap every
     * {@code reapInterval} deliveries, the GC actions it leads to) are part of the cost measured.
     */
    private void deliverOne(String what) {
        for (int steps = 0; steps < 16; steps++) {
            if (kernel.step() instanceof CrankOutcome.Delivered) {
                return;
            }
        }
        throw new IllegalStateException(what + " was not delivered");
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public String sendAndAnswer() {
        if (pingA != null) {
            pingPong();
            return null;
        }
        String result = null;
        for (int i = 0; i < MESSAGES; i++) {
            result = kernel.queueSend(bRoot, methargs);
            deliverOne("message " + (sent + i));
        }
        sent += MESSAGES;
        lastResult = result;
        return result;
    }

    @TearDown(Level.Iteration)
    public void stop() {
        try {
            if (pingA != null) {
                long delivered = pingA.deliveries() + pingB.deliveries() - 3;
                if (delivered != sent || kernel.runQueueLength() != 1 || kernel.deadLetters().size() != 0) {
                    throw new IllegalStateException("pinged " + sent + ", delivered " + delivered);
                }
                pingA = null;
                return;
            }
            if (vatB.deliveries() != sent || vatB.answered() != sent) {
                throw new IllegalStateException("sent " + sent + ", B received " + vatB.deliveries()
                        + " and answered " + vatB.answered());
            }
            if (kernel.runQueueLength() != 0 || kernel.deadLetters().size() != 0) {
                throw new IllegalStateException("run queue " + kernel.runQueueLength() + ", dead letters "
                        + kernel.deadLetters().list());
            }
            if (lastResult != null && kernel.promiseState(lastResult) != PromiseState.FULFILLED) {
                throw new IllegalStateException(lastResult + " is " + kernel.promiseState(lastResult));
            }
            if (Boolean.getBoolean("jocap.bench.stats")) {
                System.out.println("\n[" + sent + " messages] " + kernel.store().stats());
            }
            if (Boolean.getBoolean("jocap.bench.audit")) {
                kernel.audit(); // the full reference-count audit, outside the measurement
            }
        } finally {
            kernel.close();
        }
    }
}
