package io.jocap.worker.process;

import static io.jocap.worker.HostCalls.call;
import static io.jocap.worker.HostCalls.failure;
import static io.jocap.worker.HostCalls.assertAuditClean;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.jocap.kernel.config.ClusterConfigParser;
import io.jocap.kernel.host.Kernel;
import io.jocap.store.StoreOptions;
import io.jocap.vat.load.ClassCheck;
import io.jocap.worker.ClusterVatWorkers;
import io.jocap.worker.InProcessVatWorkers;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Vats in worker processes of their own, with real child JVMs, next to in-process vats. */
class ProcessWorkerTest {
    static final String KEEPER = """
            import io.jocap.vat.*;
            import java.time.Duration;
            import java.util.*;
            public final class Keeper implements Vat {
                public Far buildRootObject(VatPowers powers, Map<String, Object> parameters, Baggage baggage) {
                    if (!baggage.has("count")) {
                        baggage.init("count", 0);
                    }
                    return new Root(powers, baggage);
                }
                public static final class Root implements Far {
                    private final VatPowers powers;
                    private final Baggage baggage;
                    Root(VatPowers powers, Baggage baggage) { this.powers = powers; this.baggage = baggage; }
                    public long increment() {
                        long n = ((Number) baggage.get("count")).longValue() + 1;
                        baggage.set("count", n);
                        return n;
                    }
                    public long count() { return ((Number) baggage.get("count")).longValue(); }
                    public void remember(Object peer) {
                        if (baggage.has("peer")) baggage.set("peer", peer); else baggage.init("peer", peer);
                    }
                    public VatPromise<Object> askPeer(String text) { return E.send(baggage.get("peer"), "echo", text); }
                    public VatPromise<Object> lendNote(String text) { return E.send(baggage.get("peer"), "readNote", new Note(text)); }
                    public VatPromise<Object> later(long ms) {
                        return powers.timers().delay(Duration.ofMillis(ms)).then(x -> "waited " + ms);
                    }
                    public VatPromise<Object> never() { return VatPromises.<Object>kit().promise(); }
                    public void spin() {
                        powers.logger().info("spinning");
                        while (true) { }
                    }
                    public long hog() {
                        powers.logger().info("hogging");
                        List<long[]> kept = new ArrayList<>();
                        while (true) { kept.add(new long[1 << 16]); }
                    }
                }
                public static final class Note implements Far {
                    private final String text;
                    Note(String text) { this.text = text; }
                    public String read() { return text; }
                }
            }
            """;

    static final String PEER = """
            import io.jocap.vat.*;
            import java.util.*;
            public final class Peer implements Vat {
                public Far buildRootObject(VatPowers powers, Map<String, Object> parameters, Baggage baggage) {
                    return new Root();
                }
                public static final class Root implements Far {
                    public String echo(String text) { return "peer heard " + text; }
                    public VatPromise<Object> readNote(Object note) { return E.send(note, "read").then(t -> "peer read " + t); }
                    public VatPromise<Object> bump(Object keeper) { return E.send(keeper, "increment"); }
                }
            }
            """;

    /** The vats' classes, compiled once: a worker that compiles its vat's source spends seconds on it. */
    @TempDir static Path classes;

    @TempDir Path dir;
    private Path db;
    final List<String> logs = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void compileVats() throws Exception {
        Path sources = Files.createDirectories(classes.resolve("src"));
        Files.writeString(sources.resolve("Keeper.java"), KEEPER);
        Files.writeString(sources.resolve("Peer.java"), PEER);
        int status = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.resolve("out").toString(),
                "-cp", System.getProperty("java.class.path"), "-proc:none",
                sources.resolve("Keeper.java").toString(), sources.resolve("Peer.java").toString());
        assertThat(status).as("javac's exit status").isZero();
    }

    @BeforeEach
    void setUp() {
        db = dir.resolve("kernel.db");
    }

    /** Test workers: start fast (C1 only), as a test's vats do little. */
    static ProcessWorkerOptions options(Duration deadline) {
        return ProcessWorkerOptions.defaults().withDeadline(deadline)
                .withJvmOptions(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto"));
    }

    private ProcessVatWorkers processWorkers(Duration deadline) {
        return new ProcessVatWorkers(logs::add, options(deadline));
    }

    private Kernel open(ProcessVatWorkers process) {
        return Kernel.open(db, StoreOptions.defaults(),
                new ClusterVatWorkers(new InProcessVatWorkers(logs::add, ClassCheck.NONE), process));
    }

    private void launch(Kernel kernel, String keeperExtra) throws Exception {
        writeConfig(keeperExtra);
        kernel.launchSubcluster("pair", ClusterConfigParser.parse(dir.resolve("pair.json")), dir).get(60, SECONDS);
    }

    private void writeConfig(String keeperExtra) throws Exception {
        Files.writeString(dir.resolve("pair.json"), """
                {"vats": {
                  "peer":   {"directory": %s, "class": "Peer"},
                  "keeper": {"directory": %s, "class": "Keeper", "worker": "process", "endowments": ["timers"]%s}}}
                """.formatted(quoted(classes.resolve("out")), quoted(classes.resolve("out")), keeperExtra));
    }

    private static String quoted(Path path) {
        return io.jocap.marshal.JsonText.quote(path.toString());
    }

    private static Map<String, String> roots(Kernel kernel) throws Exception {
        Map<String, String> vats = kernel.subcluster("pair").orElseThrow().vats();
        return kernel.query(s -> Map.of(
                "peer", s.clist(vats.get("peer")).krefFor("o+0"),
                "keeper", s.clist(vats.get("keeper")).krefFor("o+0"))).get(30, SECONDS);
    }

    private static String keeperId(Kernel kernel) {
        return kernel.subcluster("pair").orElseThrow().vats().get("keeper");
    }

    @Test
    void aProcessVatTalksWithAnInProcessVatAndKeepsItsStateAcrossRestarts() throws Exception {
        ProcessVatWorkers process = processWorkers(ProcessWorkerOptions.DEFAULT_DEADLINE);
        Map<String, String> roots;
        List<Long> pids = new ArrayList<>();
        try (Kernel kernel = open(process)) {
            launch(kernel, ", \"maxHeapMb\": 64");
            roots = roots(kernel);
            ProcessWorker worker = process.worker(keeperId(kernel)).orElseThrow();
            pids.add(worker.pid());
            assertThat(worker.heapMb()).isEqualTo(64);
            assertThat(worker.processHandle().info().arguments().orElseThrow()).contains("-Xmx64m");

            call(kernel, roots.get("keeper"), "remember", new io.jocap.marshal.RemotableRef(roots.get("peer")));
            assertThat(call(kernel, roots.get("keeper"), "askPeer", "hi")).isEqualTo("peer heard hi");
            assertThat(call(kernel, roots.get("keeper"), "lendNote", "a note")).isEqualTo("peer read a note");
            assertThat(call(kernel, roots.get("peer"), "bump", new io.jocap.marshal.RemotableRef(roots.get("keeper"))))
                    .isEqualTo(1.0);
            assertThat(call(kernel, roots.get("keeper"), "increment")).isEqualTo(2.0);
            assertThat(call(kernel, roots.get("keeper"), "later", 20)).isEqualTo("waited 20");

            assertThat(kernel.restartVat(keeperId(kernel)).get(60, SECONDS)).isEqualTo(roots.get("keeper"));
            ProcessWorker restarted = process.worker(keeperId(kernel)).orElseThrow();
            assertThat(restarted.pid()).isNotEqualTo(worker.pid());
            pids.add(restarted.pid());
            assertThat(worker.processHandle().onExit()).succeedsWithin(10, SECONDS);
            assertThat(call(kernel, roots.get("keeper"), "count")).isEqualTo(2.0);
            assertThat(call(kernel, roots.get("keeper"), "askPeer", "again")).isEqualTo("peer heard again");
            assertAuditClean(kernel);
        }
        for (long pid : pids) {
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("pid %d after close", pid).isFalse();
        }
        try (Kernel kernel = open(process)) {
            pids.add(process.worker(keeperId(kernel)).orElseThrow().pid());
            assertThat(call(kernel, roots.get("keeper"), "increment")).isEqualTo(3.0);
            assertThat(call(kernel, roots.get("keeper"), "askPeer", "after the restart")).isEqualTo("peer heard after the restart");
            assertAuditClean(kernel);
        }
    }

    /**
     * Launches the pair, lets {@code fault} break the keeper's worker while a promise it decided is
     * pending, then checks that the vat was terminated for the cause and everyone else carries on.
     */
    private void assertWorkerFaultTerminatesTheVat(Duration deadline, String keeperExtra, Fault fault, String cause)
            throws Exception {
        ProcessVatWorkers process = processWorkers(deadline);
        try (Kernel kernel = open(process)) {
            launch(kernel, keeperExtra);
            Map<String, String> roots = roots(kernel);
            ProcessWorker worker = process.worker(keeperId(kernel)).orElseThrow();
            CompletableFuture<Object> pending = kernel.queueMessage(roots.get("keeper"), "never", List.of());
            assertThat(call(kernel, roots.get("keeper"), "increment")).isEqualTo(1.0); // "never" was delivered

            CompletableFuture<Object> failed = fault.apply(kernel, roots.get("keeper"), worker);

            // The vat was terminated for the cause: what it decided is rejected, its objects are gone.
            assertThat(failure(pending)).hasMessageContaining("[KERNEL:VAT_FATAL:INTERNAL_ERROR]");
            if (failed != null) {
                assertThat(failure(failed)).hasMessageContaining("[KERNEL:OBJECT_DELETED]");
            }
            assertThat(failure(kernel.queueMessage(roots.get("keeper"), "count", List.of())))
                    .hasMessageContaining("[KERNEL:OBJECT_DELETED]");
            assertThat(worker.stopReason()).startsWith("[KERNEL:VAT_FATAL:INTERNAL_ERROR]").contains(cause);
            assertThat(worker.failure()).contains("vat keeper").contains(cause);
            assertThat(logs).anySatisfy(line -> assertThat(line).startsWith("[keeper] WORKER").contains(cause));
            assertThat(worker.processHandle().onExit()).succeedsWithin(10, SECONDS);
            assertThat(kernel.status().vats()).containsExactly(kernel.subcluster("pair").orElseThrow().vats().get("peer"));
            // Everyone else carries on, and the kernel's counts are right.
            assertThat(call(kernel, roots.get("peer"), "echo", "still here")).isEqualTo("peer heard still here");
            assertAuditClean(kernel);
        }
    }

    @FunctionalInterface
    interface Fault {
        CompletableFuture<Object> apply(Kernel kernel, String keeper, ProcessWorker worker) throws Exception;
    }

    private void awaitLog(String text) throws InterruptedException {
        long until = System.nanoTime() + SECONDS.toNanos(30);
        while (logs.stream().noneMatch(line -> line.contains(text))) {
            assertThat(System.nanoTime()).as("waiting for a log line with %s", text).isLessThan(until);
            Thread.sleep(5);
        }
    }

    @Test
    void aDeliveryThatNeverEndsIsCutOffAtTheDeadline() throws Exception {
        assertWorkerFaultTerminatesTheVat(Duration.ofSeconds(2), "", (kernel, keeper, worker) ->
                kernel.queueMessage(keeper, "spin", List.of()), "did not answer within 2 s");
    }

    @Test
    void aWorkerThatStopsReadingIsCutOffAtTheDeadline() throws Exception {
        assertWorkerFaultTerminatesTheVat(Duration.ofSeconds(2), "", (kernel, keeper, worker) -> {
            Process stop = new ProcessBuilder("kill", "-STOP", Long.toString(worker.pid())).start();
            assertThat(stop.waitFor()).isZero();
            // Bigger than a pipe's buffer: the kernel's write blocks until the watchdog kills the worker.
            return kernel.queueMessage(keeper, "askPeer", List.of("x".repeat(1 << 20)));
        }, "did not read its input within 2 s");
    }

    @Test
    void aWorkerKilledDuringADelivery() throws Exception {
        assertWorkerFaultTerminatesTheVat(Duration.ofSeconds(30), "", (kernel, keeper, worker) -> {
            CompletableFuture<Object> spinning = kernel.queueMessage(keeper, "spin", List.of());
            awaitLog("spinning");
            worker.processHandle().destroyForcibly();
            return spinning;
        }, "killed by signal 9 (SIGKILL)");
    }

    @Test
    void aWorkerThatRunsOutOfHeap() throws Exception {
        assertWorkerFaultTerminatesTheVat(Duration.ofSeconds(30), ", \"maxHeapMb\": 32", (kernel, keeper, worker) ->
                kernel.queueMessage(keeper, "hog", List.of()), "ran out of memory (heap limit 32 MiB)");
    }

    @Test
    void aWorkerKilledBetweenDeliveries() throws Exception {
        assertWorkerFaultTerminatesTheVat(Duration.ofSeconds(30), "", (kernel, keeper, worker) -> {
            worker.processHandle().destroyForcibly();
            return null;
        }, "killed by signal 9 (SIGKILL)");
    }

    /** Starts {@link KernelHostChild} in a JVM of its own; returns it once it printed its worker's pid. */
    private long[] hostWithSpinningWorker(String mode) throws Exception {
        writeConfig("");
        Process host = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(),
                "--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                KernelHostChild.class.getName(), db.toString(), dir.resolve("pair.json").toString(), mode)
                .redirectError(dir.resolve("host.log").toFile())
                .start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(host.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            assertThat(line).as("the host's first line (its log: %s)", Files.exists(dir.resolve("host.log"))
                    ? Files.readString(dir.resolve("host.log")) : "").startsWith("worker ");
            return new long[] {host.pid(), Long.parseLong(line.substring("worker ".length()))};
        } catch (AssertionError | RuntimeException e) {
            host.destroyForcibly();
            throw e;
        }
    }

    private static void assertExits(long pid) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isPresent()) {
            // An orphan is reaped by whoever adopts it; "exited" here means dead or a zombie.
            long until = System.nanoTime() + SECONDS.toNanos(15);
            while (handle.get().isAlive() && !isZombie(pid)) {
                if (System.nanoTime() > until) {
                    handle.get().destroyForcibly();
                    throw new AssertionError("worker " + pid + " still running 15 s after its kernel's JVM went away");
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            }
        }
    }

    private static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (java.io.IOException e) {
            return true; // gone
        }
    }

    @Test
    void aWorkerExitsByItselfWhenItsKernelIsKilled() throws Exception {
        long[] pids = hostWithSpinningWorker("kill");
        assertThat(ProcessHandle.of(pids[1]).map(ProcessHandle::isAlive)).contains(true);
        ProcessHandle.of(pids[0]).orElseThrow().destroyForcibly(); // SIGKILL: no hook, no close
        assertExits(pids[1]);
    }

    @Test
    void aKernelJvmThatExitsWithoutClosingTakesItsWorkersAlong() throws Exception {
        long[] pids = hostWithSpinningWorker("exit");
        assertExits(pids[1]);
    }

    @Test
    void aVatThatCannotBeLoadedFailsItsLaunchAndLeavesNoProcess() throws Exception {
        int before = ChildProcesses.liveCount();
        try (Kernel kernel = open(processWorkers(ProcessWorkerOptions.DEFAULT_DEADLINE))) {
            // Found in the worker process: the class is not there.
            Files.writeString(dir.resolve("missing.json"), """
                    {"vats": {"ghost": {"directory": %s, "class": "Ghost", "worker": "process"}}}
                    """.formatted(quoted(classes.resolve("out"))));
            assertThat(kernel.launchSubcluster("missing", ClusterConfigParser.parse(dir.resolve("missing.json")), dir))
                    .failsWithin(60, SECONDS).withThrowableThat().havingCause()
                    .withMessageStartingWith("vat ghost could not be started: ").withMessageContaining("Ghost");
            // Found before any process starts: the directory is not there.
            Files.writeString(dir.resolve("nowhere.json"), """
                    {"vats": {"ghost": {"directory": "nowhere", "class": "Ghost", "worker": "process"}}}
                    """);
            assertThat(kernel.launchSubcluster("nowhere", ClusterConfigParser.parse(dir.resolve("nowhere.json")), dir))
                    .failsWithin(60, SECONDS).withThrowableThat().havingCause()
                    .withMessage("vat ghost could not be started: nowhere does not exist (looked at "
                            + dir.resolve("nowhere") + ")");
            assertThat(ChildProcesses.liveCount()).isEqualTo(before);
            assertThat(kernel.status().vats()).isEmpty();
            assertAuditClean(kernel);
        }
    }
}
