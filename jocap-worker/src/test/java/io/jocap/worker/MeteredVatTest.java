package io.jocap.worker;

import static io.jocap.worker.HostCalls.call;
import static io.jocap.worker.HostCalls.failure;
import static io.jocap.worker.HostCalls.assertAuditClean;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.jocap.kernel.config.ClusterConfigParser;
import io.jocap.kernel.host.Kernel;
import io.jocap.store.StoreOptions;
import io.jocap.worker.verify.VatVerifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The step budget of in-process vats: a runaway loop (or runaway recursion) fails its delivery,
 * the kernel terminates the vat with VAT_FATAL:INTERNAL_ERROR, and everyone else carries on.
 * The vats are {@code .java} sources, so they are loaded (and metered) by a vat class loader.
 */
class MeteredVatTest {
    /** The {@code "worker"} of both vats; a subclass runs the same tests with another. */
    String worker() {
        return "inProcess";
    }

    private static final long BUDGET = 1_000_000;
    private static final String BUDGET_MESSAGE = "used its step budget of 1000000 steps in one delivery: runaway loop?";

    @TempDir Path dir;
    private final List<String> logs = new CopyOnWriteArrayList<>();

    private static final String RUNAWAY = """
            import io.jocap.vat.*;
            import java.time.Duration;
            import java.util.*;
            public final class Runaway implements Vat {
                public Far buildRootObject(VatPowers powers, Map<String, Object> parameters, Baggage baggage) {
                    return new Root(powers);
                }
                public static final class Root implements Far {
                    private final VatPowers powers;
                    private long count;
                    Root(VatPowers powers) { this.powers = powers; }
                    public String ok() { return "still here"; }
                    public long work(long n) {
                        long sum = 0;
                        for (long i = 0; i < n; i++) { sum += i % 7; }
                        return sum;
                    }
                    public long fib(long n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
                    public long spin() {
                        while (true) { count++; }
                    }
                    public long stubborn() {
                        long caught = 0;
                        while (true) {
                            try {
                                while (true) { count++; }
                            } catch (Throwable t) {
                                caught++;
                            }
                        }
                    }
                    public String spinLater() {
                        powers.timers().setTimeout(Duration.ofMillis(10), () -> { while (true) { count++; } });
                        return "set";
                    }
                    public VatPromise<Object> never() { return VatPromises.<Object>kit().promise(); }
                }
            }
            """;

    private static final String HEALTHY = """
            import io.jocap.vat.*;
            import java.util.*;
            public final class Healthy implements Vat {
                public Far buildRootObject(VatPowers powers, Map<String, Object> parameters, Baggage baggage) {
                    return new Root();
                }
                public static final class Root implements Far {
                    public String hello(String from) { return "hello " + from; }
                    public VatPromise<Object> ask(Object other, String method) { return E.send(other, method); }
                }
            }
            """;

    @Test
    void aRunawayLoopIsStoppedByTheStepBudget() throws Exception {
        assertRunawayIsStopped("spin");
    }

    @Test
    void catchingThrowableAroundTheLoopDoesNotHelp() throws Exception {
        assertRunawayIsStopped("stubborn");
    }

    @Test
    void runawayRecursionIsCountedByMethodEntries() throws Exception {
        assertRunawayIsStopped("fib", 60);
    }

    @Test
    void aRunawayTimerIsStoppedToo() throws Exception {
        assertRunawayIsStopped("spinLater");
    }

    @Test
    void legitimateWorkUnderTheDefaultBudgetIsFine() throws Exception {
        try (Kernel kernel = open(InProcessWorker.DEFAULT_STEP_BUDGET)) {
            Map<String, String> roots = launch(kernel);
            long start = System.nanoTime();
            assertThat(call(kernel, roots.get("runaway"), "work", 20_000_000)).isEqualTo(59_999_997.0);
            assertThat(call(kernel, roots.get("runaway"), "fib", 25)).isEqualTo(75025.0); // 242785 calls
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(millis).as("20M metered iterations").isLessThan(30_000);
            assertThat(call(kernel, roots.get("runaway"), "ok")).isEqualTo("still here");
            assertThat(logs).noneMatch(line -> line.contains("step budget"));
            assertAuditClean(kernel);
        }
    }

    /**
     * Under a small budget, ordinary work passes, {@code method} stops the vat: what it decided
     * is rejected with VAT_FATAL:INTERNAL_ERROR, its log says why, the other vat carries on.
     */
    private void assertRunawayIsStopped(String method, Object... args) throws Exception {
        try (Kernel kernel = open(BUDGET)) {
            Map<String, String> roots = launch(kernel);
            String runaway = roots.get("runaway");
            assertThat(call(kernel, runaway, "work", 100_000)).isEqualTo(299995.0);
            assertThat(call(kernel, runaway, "fib", 15)).isEqualTo(610.0);
            CompletableFuture<Object> pending = kernel.queueMessage(runaway, "never", List.of());
            assertThat(call(kernel, runaway, "ok")).isEqualTo("still here"); // "never" was delivered

            long start = System.nanoTime();
            CompletableFuture<Object> stopped = kernel.queueMessage(runaway, method, List.of(args));
            assertThat(failure(pending)).hasMessageContaining("[KERNEL:VAT_FATAL:INTERNAL_ERROR]");
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(millis).as("stopped by the budget, long before any deadline").isLessThan(20_000);
            if (!method.equals("spinLater")) {
                assertThat(failure(stopped)).hasMessageContaining("[KERNEL:OBJECT_DELETED]");
            }
            assertThat(logs).anySatisfy(line -> assertThat(line).startsWith("[runaway] WORKER").contains("vat runaway " + BUDGET_MESSAGE));
            assertThat(failure(kernel.queueMessage(runaway, "ok", List.of()))).hasMessageContaining("[KERNEL:OBJECT_DELETED]");
            assertThat(kernel.status().vats()).containsExactly(kernel.subcluster("metered").orElseThrow().vats().get("bob"));

            assertThat(call(kernel, roots.get("bob"), "hello", "alice")).isEqualTo("hello alice");
            assertAuditClean(kernel);
        }
    }

    private Kernel open(long budget) throws Exception {
        Files.writeString(dir.resolve("Runaway.java"), RUNAWAY);
        Files.writeString(dir.resolve("Healthy.java"), HEALTHY);
        Files.writeString(dir.resolve("metered.json"), """
                {"vats": {
                  "runaway": {"source": "Runaway.java", "endowments": ["timers"], "worker": "%1$s"},
                  "bob":     {"source": "Healthy.java", "worker": "%1$s"}}}
                """.formatted(worker()));
        return Kernel.open(dir.resolve("kernel.db"), StoreOptions.defaults(),
                new InProcessVatWorkers(logs::add, VatVerifier.standard(), budget));
    }

    private Map<String, String> launch(Kernel kernel) throws Exception {
        kernel.launchSubcluster("metered", ClusterConfigParser.parse(dir.resolve("metered.json")), dir).get(60, SECONDS);
        Map<String, String> vats = kernel.subcluster("metered").orElseThrow().vats();
        return kernel.query(s -> Map.of(
                "runaway", s.clist(vats.get("runaway")).krefFor("o+0"),
                "bob", s.clist(vats.get("bob")).krefFor("o+0"))).get(30, SECONDS);
    }

}
