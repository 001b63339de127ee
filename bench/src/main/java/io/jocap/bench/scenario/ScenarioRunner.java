package io.jocap.bench.scenario;

import io.jocap.kernel.host.InboxItem;
import io.jocap.kernel.host.Kernel;
import io.jocap.marshal.RemotableRef;
import io.jocap.store.StoreOptions;
import io.jocap.vat.powers.Endowments;
import io.jocap.worker.InProcessWorker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code bench/run <scenario> [--n N] [--commit strict|batched] [--turns vat|kernel]}: runs one
 * scenario on a real kernel (a fresh SQLite file) with two in-process vats and prints one JSON line:
 * {@code {"scenario","n","commit","turns","rounds","wall_s","deliveries_per_s","rtt_p50_us","rtt_p99_us","peak_heap_mb"}}
 * (round-trip fields for {@code pingpong} only). {@code --turns} says which thread runs the vats'
 * turns ({@link InProcessWorker.TurnThread}): the kernel's ({@code kernel}, the default, as in a
 * cluster config's {@code "inProcess"}) or their own ({@code vat}, {@code "vatThread"}).
 *
 * <ul>
 *   <li>{@code fanout}: the driver sends N messages to the echo vat at once, then waits for all
 *       the answers (default N = 10,000).
 *   <li>{@code pingpong}: N sequential round trips, each sent when the last was answered, timed
 *       inside the driver vat (default N = 2,000).
 *   <li>{@code churn}: the GC soak, N short-lived objects made, messaged and let go of (default
 *       N = 100,000); see {@link ChurnScenario}.
 * </ul>
 * {@code wall_s} is from the host's message to the driver until its answer; deliveries are the
 * cranks the kernel ran meanwhile (each delivers one message or notification). Each round runs on
 * a new kernel. The scenario first runs for at least three rounds and five seconds to warm the JVM
 * up ({@code -Djocap.bench.warmup=N} and {@code -Djocap.bench.warmupSeconds=S} change that), then
 * five measured rounds ({@code -Djocap.bench.rounds=R}); the line is the median round (by
 * {@code rtt_p50_us} for {@code pingpong}, by {@code deliveries_per_s} otherwise). Exit 2 on bad
 * arguments.
 */
public final class ScenarioRunner {
    private ScenarioRunner() {}

    public static void main(String[] args) throws Exception {
        String scenario = null;
        long n = -1;
        String commit = "batched";
        String turns = "kernel";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--n" -> n = parseN(value(args, ++i, "--n"));
                case "--commit" -> commit = value(args, ++i, "--commit");
                case "--turns" -> turns = value(args, ++i, "--turns");
                case "-h", "--help" -> {
                    System.out.println(USAGE);
                    return;
                }
                default -> {
                    if (args[i].startsWith("-") || scenario != null) {
                        usage("unexpected argument: " + args[i]);
                    }
                    scenario = args[i];
                }
            }
        }
        if (scenario == null) {
            usage("name a scenario: fanout, pingpong or churn");
        }
        if (!List.of("fanout", "pingpong", "churn").contains(scenario)) {
            usage("unknown scenario \"" + scenario + "\": the scenarios are fanout, pingpong and churn");
        }
        StoreOptions options = switch (commit) {
            case "strict" -> StoreOptions.strict();
            case "batched" -> StoreOptions.defaults();
            default -> {
                usage("--commit must be strict or batched, not \"" + commit + "\"");
                yield null;
            }
        };
        InProcessWorker.TurnThread turnThread = switch (turns) {
            case "vat" -> InProcessWorker.TurnThread.VAT;
            case "kernel" -> InProcessWorker.TurnThread.KERNEL;
            default -> {
                usage("--turns must be vat or kernel, not \"" + turns + "\"");
                yield null;
            }
        };
        if (n < 0) {
            n = switch (scenario) {
                case "fanout" -> 10_000;
                case "churn" -> 100_000;
                default -> 2_000;
            };
        }
        if (scenario.equals("churn")) {
            // A soak: its own warm-up pass settles the store, and the figures are about size, not speed.
            System.out.println(ChurnScenario.run(n, commit, options, turnThread));
            return;
        }
        // Warm up in the same JVM on kernels of their own, so that the figure is jocap's steady
        // state and not the JIT compiler's first minutes (on two cores, compiling competes with
        // the kernel for the CPU): at least WARMUP_ROUNDS rounds and WARMUP_SECONDS seconds.
        long warmUntil = System.nanoTime() + (long) (WARMUP_SECONDS * 1e9);
        for (int i = 0; i < WARMUP_ROUNDS || System.nanoTime() < warmUntil; i++) {
            run(scenario, n, commit, options, turnThread);
        }
        // Then the median of several rounds: one round on this VM can be twice as slow as the next.
        List<Round> rounds = new ArrayList<>();
        for (int i = 0; i < MEASURED_ROUNDS; i++) {
            rounds.add(run(scenario, n, commit, options, turnThread));
        }
        rounds.sort(scenario.equals("pingpong") ? Comparator.comparingDouble(Round::rttP50Us)
                : Comparator.comparingDouble(Round::deliveriesPerSecond).reversed());
        System.out.println(rounds.get(rounds.size() / 2).json(scenario, n, commit, turnThread, rounds.size()));
    }

    private static final int WARMUP_ROUNDS = Integer.getInteger("jocap.bench.warmup", 3);
    private static final double WARMUP_SECONDS = Integer.getInteger("jocap.bench.warmupSeconds", 5);
    private static final int MEASURED_ROUNDS = Math.max(1, Integer.getInteger("jocap.bench.rounds", 5));

    /** One measured round; the round-trip fields are NaN except for {@code pingpong}. */
    record Round(double wallSeconds, double deliveriesPerSecond, double rttP50Us, double rttP99Us, double peakHeapMb) {
        String json(String scenario, long n, String commit, InProcessWorker.TurnThread turns, int rounds) {
            StringBuilder json = new StringBuilder();
            json.append("{\"scenario\":\"").append(scenario).append("\",\"n\":").append(n)
                    .append(",\"commit\":\"").append(commit).append("\",\"turns\":\"")
                    .append(turns == InProcessWorker.TurnThread.KERNEL ? "kernel" : "vat")
                    .append("\",\"rounds\":").append(rounds)
                    .append(",\"wall_s\":").append(fmt(wallSeconds, 3))
                    .append(",\"deliveries_per_s\":").append(Math.round(deliveriesPerSecond));
            if (!Double.isNaN(rttP50Us)) {
                json.append(",\"rtt_p50_us\":").append(fmt(rttP50Us, 1))
                        .append(",\"rtt_p99_us\":").append(fmt(rttP99Us, 1));
            }
            return json.append(",\"peak_heap_mb\":").append(fmt(peakHeapMb, 1)).append('}').toString();
        }
    }

    /** {@code -Djocap.bench.debug=true}: the vats' log lines and the store's figures per round on stderr. */
    private static final boolean DEBUG = Boolean.getBoolean("jocap.bench.debug");

    private static final String USAGE =
            "usage: bench/run <fanout|pingpong|churn> [--n N] [--commit strict|batched] [--turns vat|kernel]";

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            usage(option + " needs a value");
        }
        return args[i];
    }

    private static long parseN(String text) {
        try {
            long n = Long.parseLong(text);
            if (n >= 1 && n <= 10_000_000) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        usage("--n must be a whole number from 1 to 10000000, not \"" + text + "\"");
        return 0;
    }

    private static void usage(String problem) {
        System.err.println("bench/run: " + problem);
        System.err.println(USAGE);
        System.exit(2);
    }

    static Round run(String scenario, long n, String commit, StoreOptions options, InProcessWorker.TurnThread turns)
            throws Exception {
        Path dir = Files.createTempDirectory("jocap-bench-");
        HeapSampler heap = new HeapSampler();
        List<InProcessWorker> workers = new ArrayList<>();
        try (Kernel kernel = Kernel.open(dir.resolve("kernel.db"), options)) {
            String driver = launch(kernel, workers, "v1", "driver", BenchVats.Driver::new,
                    Endowments.parse("driver", List.of("clock"), List.of()), turns);
            String echo = launch(kernel, workers, "v2", "echo", BenchVats.Echo::new, Endowments.loggerOnly("echo"), turns);
            var before = kernel.status();
            long cranksBefore = before.cranksRun();
            Map<String, Long> cpuBefore = DEBUG ? threadCpu() : Map.of();
            heap.start();
            long start = System.nanoTime();
            Object answer = kernel.queueMessage(driver, scenario, List.of(new RemotableRef(echo), n))
                    .get(30, TimeUnit.MINUTES);
            double wall = (System.nanoTime() - start) / 1e9;
            var after = kernel.status();
            long deliveries = after.cranksRun() - cranksBefore;
            if (DEBUG) {
                var st = kernel.status().store();
                System.err.printf("rows/delivery %.2f, cache misses/delivery %.2f, answered by the key filter/delivery %.2f,"
                                + " cache hits/delivery %.2f, commit points %d%n",
                        (st.rowsFlushed() - before.store().rowsFlushed()) / (double) deliveries,
                        (st.cacheMisses() - before.store().cacheMisses()) / (double) deliveries,
                        (st.filteredReads() - before.store().filteredReads()) / (double) deliveries,
                        (st.cacheHits() - before.store().cacheHits()) / (double) deliveries,
                        st.flushCount() - before.store().flushCount());
                Map<String, Long> cpuAfter = threadCpu();
                StringBuilder cpu = new StringBuilder("CPU per delivery (us):");
                cpuAfter.forEach((name, nanos) -> cpu.append(' ').append(name).append('=').append(
                        fmt((nanos - cpuBefore.getOrDefault(name, 0L)) / 1000.0 / deliveries, 1)));
                System.err.println(cpu + "; wall per delivery " + fmt(wall * 1e6 / deliveries, 1));
            }
            heap.stop();
            double p50 = Double.NaN;
            double p99 = Double.NaN;
            if (scenario.equals("pingpong")) {
                List<Double> rtts = new ArrayList<>();
                for (Object each : (List<?>) answer) {
                    rtts.add(((Number) each).doubleValue() / 1000.0);
                }
                rtts.sort(null);
                p50 = percentile(rtts, 0.50);
                p99 = percentile(rtts, 0.99);
            }
            return new Round(wall, deliveries / wall, p50, p99, heap.peakBytes() / 1048576.0);
        } finally {
            workers.forEach(InProcessWorker::close);
            deleteDirectory(dir);
        }
    }

    /** Deletes a round's temporary directory and the store files in it. */
    static void deleteDirectory(Path dir) throws java.io.IOException {
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(dir);
    }

    static String launch(Kernel kernel, List<InProcessWorker> workers, String vatId, String name,
            java.util.function.Supplier<io.jocap.vat.Vat> vat, Endowments endowments, InProcessWorker.TurnThread turns)
            throws Exception {
        InProcessWorker worker = InProcessWorker.start(name, vat, endowments, line -> {
            if (DEBUG) {
                System.err.println(line);
            }
        }, turn -> kernel.inbox().offer(new InboxItem.VatTurn(vatId, turn)), Duration.ofMinutes(5),
                InProcessWorker.DEFAULT_STEP_BUDGET, turns);
        workers.add(worker);
        return kernel.launchVat(vatId, worker, Map.of()).get(1, TimeUnit.MINUTES);
    }

    /** CPU time of the kernel's, the flusher's and the vats' threads, by thread name (for DEBUG). */
    private static Map<String, Long> threadCpu() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        Map<String, Long> out = new java.util.TreeMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            String name = t.getName();
            if (name.equals("jocap-kernel") || name.startsWith("jocap-store-flusher") || name.startsWith("jocap-vat-")) {
                out.merge(name.startsWith("jocap-store-flusher") ? "flusher" : name.replace("jocap-", ""),
                        mx.getThreadCpuTime(t.threadId()), Long::sum);
            }
        }
        return out;
    }

    private static double percentile(List<Double> sorted, double p) {
        int index = (int) Math.ceil(p * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    static String fmt(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /** Samples the used heap every few milliseconds and keeps the highest value. */
    private static final class HeapSampler {
        private final AtomicLong peak = new AtomicLong();
        private volatile boolean running;
        private Thread thread;

        void start() {
            running = true;
            thread = Thread.ofPlatform().daemon().name("heap-sampler").start(() -> {
                Runtime rt = Runtime.getRuntime();
                while (running) {
                    peak.accumulateAndGet(rt.totalMemory() - rt.freeMemory(), Math::max);
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join();
        }

        long peakBytes() {
            return peak.get();
        }
    }
}
