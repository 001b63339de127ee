package io.jocap.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.jocap.kernel.cluster.SubclusterRecords;
import io.jocap.kernel.state.AuditReport;
import io.jocap.kernel.state.KernelState;
import io.jocap.marshal.CapData;
import io.jocap.marshal.Smallcaps;
import io.jocap.store.KernelStore;
import io.jocap.store.StoreOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a child JVM ({@link ClusterCrashChild}) running a busy three-vat cluster with SIGKILL at
 * random moments, many times over the same kernel file. Each step of the counter vat increments
 * its durable counter and involves both other vats: a fresh object made by one vat (ephemeral or
 * durable by turns), a promise for it passed to the other, a message pipelined to that promise,
 * a presence stored in baggage in two vats, and a message to the previous step's object, which a
 * restart may have deleted.
 *
 * <p>After each kill, the next child must reopen the kernel and resume the cluster; its audit must
 * be clean and no work may have been set aside as a dead letter; its first {@code value()} must be
 * at least every step any earlier child reported committed (a committed step is never lost), at
 * least the previous start (never backwards) and at most what the previous child could have sent;
 * its committed values must run on from its start without a gap. After the last kill the file
 * itself is audited and its counter checked the same way. {@code -Djocap.seed=N} replays a run's
 * random choices (how many committed steps to wait for before each kill, how long to wait then).
 */
class ClusterCrashTest {
    private static final int KILLS = 10;
    private static final int SOAK_KILLS = 200;
    private static final long CHILD_TIMEOUT_SECONDS = 60;

    private static final String COUNTER = """
            import io.jocap.vat.*;
            import java.util.*;

            /** Keeps the counter; every step involves both peers. */
            public final class Counter implements Vat {
                public Far buildRootObject(VatPowers powers, Map<String, Object> parameters, Baggage baggage) {
                    if (!baggage.has("count")) {
                        baggage.init("count", 0L);
                    }
                    return new Root(baggage);
                }

                public static final class Root implements Far {
                    private final Baggage baggage;

                    Root(Baggage baggage) {
                        this.baggage = baggage;
                    }

                    public String bootstrap(Map<String, Object> vats, Map<String, Object> services) {
                        put("maker", vats.get("maker"));
                        put("keeper", vats.get("keeper"));
                        return "ready";
                    }

                    public long value() {
                        return ((Number) baggage.get("count")).longValue();
                    }

                    public VatPromise<Object> step() {
                        long n = value() + 1;
                        baggage.set("count", n); // in this delivery's crank, before any answer
                        VatPromise<Object> made = E.send(baggage.get("maker"), "make", n);
                        VatPromise<Object> id = E.send(made, "id"); // pipelined
                        VatPromise<Object> kept = E.send(baggage.get("keeper"), "keep", made, n);
                        VatPromise<Object> previous = baggage.has("last")
                                ? E.send(baggage.get("last"), "id").catching(gone -> -1L) // deleted by a restart?
                                : VatPromises.resolved(-1L);
                        return VatPromises.all(List.of(id, kept, previous)).then(r -> {
                            long got = ((Number) r.get(0)).longValue();
                            if (got != n) {
                                throw new IllegalStateException("step " + n + " made object " + got);
                            }
                            put("last", r.get(1));
                            return n;
                        });
                    }

                    private void put(String key, Object value) {
                        if (baggage.has(key)) {
                            baggage.set(key, value);
                        } else {
                            baggage.init(key, value);
                        }
                    }
                }
            }
            """;

    private static final String PEER = """
            import io.jocap.vat.*;
            import java.util.*;

            /** Makes fresh objects and keeps them. */
            public final class Peer implements Vat {
                public Far buildRootObject(VatPowers powers, Map<String, Object> parameters, Baggage baggage) {
                    Baggage.DurableKind<Ticket> tickets = baggage.defineKind("Ticket", List.of("n"), Ticket::new);
                    if (!baggage.has("made")) {
                        baggage.init("made", 0L);
                    }
                    return new Root(baggage, tickets);
                }

                /** Ephemeral: gone when this vat restarts. */
                public static final class Token implements Far {
                    private final long n;

                    Token(long n) {
                        this.n = n;
                    }

                    public long id() {
                        return n;
                    }
                }

                /** Durable: survives restarts. */
                public static final class Ticket implements Far {
                    private final Baggage.DurableState state;

                    Ticket(Baggage.DurableState state) {
                        this.state = state;
                    }

                    public long id() {
                        return state.getLong("n");
                    }
                }

                public static final class Root implements Far {
                    private final Baggage baggage;
                    private final Baggage.DurableKind<Ticket> tickets;

                    Root(Baggage baggage, Baggage.DurableKind<Ticket> tickets) {
                        this.baggage = baggage;
                        this.tickets = tickets;
                    }

                    public Object make(long n) {
                        baggage.set("made", ((Number) baggage.get("made")).longValue() + 1);
                        return n % 2 == 0 ? tickets.make(Map.of("n", n)) : new Token(n);
                    }

                    public VatPromise<Object> keep(Object token, long n) {
                        return E.when(token).then(t -> {
                            if (baggage.has("kept")) {
                                baggage.set("kept", t);
                            } else {
                                baggage.init("kept", t);
                            }
                            return E.send(t, "id").then(id -> {
                                if (((Number) id).longValue() != n) {
                                    throw new IllegalStateException("kept " + id + " for step " + n);
                                }
                                return t;
                            });
                        });
                    }
                }
            }
            """;

    private static final String CLUSTER = """
            {"bootstrap": "counter", "vats": {
              "counter": {"source": "Counter.java"},
              "maker":   {"source": "Peer.java"},
              "keeper":  {"source": "Peer.java"}}}
            """;

    @TempDir Path dir;

    @Test
    void strictClusterSurvivesSigkill() throws Exception {
        crashLoop("strict", KILLS);
    }

    @Test
    void batchedClusterSurvivesSigkill() throws Exception {
        crashLoop("batched", KILLS);
    }

    /** Runs with {@code -Psoak} only. */
    @Test
    @Tag("soak")
    void strictClusterSurvivesManySigkills() throws Exception {
        crashLoop("strict", SOAK_KILLS);
    }

    @Test
    @Tag("soak")
    void batchedClusterSurvivesManySigkills() throws Exception {
        crashLoop("batched", SOAK_KILLS);
    }

    private void crashLoop(String mode, int kills) throws Exception {
        long began = System.nanoTime();
        Path clusterDir = Files.createDirectories(dir.resolve("cluster"));
        Files.writeString(clusterDir.resolve("Counter.java"), COUNTER);
        Files.writeString(clusterDir.resolve("Peer.java"), PEER);
        Files.writeString(clusterDir.resolve("cluster.json"), CLUSTER);
        Path db = dir.resolve(mode + ".db");
        Path log = dir.resolve(mode + "-stderr.log");
        long seed = seed();
        Random random = new Random(seed);

        long lastCommitted = 0; // the highest step any child reported committed
        long previousStart = 0;
        long bound = 0; // the most steps the children so far could have had the kernel take
        long stepsCommitted = 0;
        TreeMap<Long, Integer> ahead = new TreeMap<>(); // start minus the last committed step before it
        for (int kill = 0; kill < kills; kill++) {
            String context = mode + " kill " + kill + " (seed " + seed + ")";
            int wanted = 1 + random.nextInt(20);
            int pause = random.nextInt(30);
            Child child = Child.start(db, clusterDir, mode, log);
            try {
                child.awaitCommitted(wanted, context, log);
                Thread.sleep(pause);
            } finally {
                child.kill();
            }
            List<String> lines = child.lines();
            String tail = "; child's last lines " + lines.subList(Math.max(0, lines.size() - 8), lines.size());
            assertThat(child.aliveWhenKilled())
                    .as(() -> "child alive until the kill: " + context + tail + "\nits stderr (tail): " + Child.tail(log))
                    .isTrue();
            assertThat(lines.get(0)).as("first line: " + context).startsWith("start ");
            assertThat(lines.get(1)).as("audit at start: " + context).isEqualTo("audit clean");
            assertThat(lines.get(2)).as("kernel work set aside: " + context).isEqualTo("dead letters 0");
            long start = Long.parseLong(lines.get(0).substring("start ".length()));
            assertThat(start).as("start vs last committed step %d: %s", lastCommitted, context)
                    .isGreaterThanOrEqualTo(lastCommitted);
            assertThat(start).as("start vs previous start: " + context).isGreaterThanOrEqualTo(previousStart);
            assertThat(start).as("start vs steps that could have been sent: " + context).isLessThanOrEqualTo(bound);
            ahead.merge(start - lastCommitted, 1, Integer::sum);
            List<Long> committed = child.committed();
            for (int i = 0; i < committed.size(); i++) {
                assertThat(committed.get(i)).as("committed step %d after start %d: %s%s", i + 1, start, context, tail)
                        .isEqualTo(start + i + 1);
            }
            previousStart = start;
            lastCommitted = Math.max(lastCommitted, start + committed.size());
            stepsCommitted += committed.size();
            // sends happen only to fill the window, which a committed answer frees
            bound = start + committed.size() + ClusterCrashChild.WINDOW;
        }

        long finalValue;
        try (KernelStore store = KernelStore.open(db, StoreOptions.strict())) {
            AuditReport report = KernelState.of(store).audit().run();
            assertThat(report.isClean())
                    .as("audit of the file after the last kill (seed %d): %s", seed, report).isTrue();
            String counterVat = new SubclusterRecords(store.kv()).byName(ClusterCrashChild.NAME).orElseThrow()
                    .vats().get("counter");
            String count = store.vatstore(counterVat).get("b.count");
            finalValue = ((Number) Smallcaps.standard().decode(CapData.fromJson(count))).longValue();
        }
        assertThat(finalValue).as("counter in the file after the last kill (seed %d)", seed)
                .isBetween(lastCommitted, bound);
        System.out.printf(
                "ClusterCrashTest %s: %d SIGKILLs, final counter %d, %d steps committed, %.1f s (seed %d);"
                        + " start beyond the last committed step: %s%n",
                mode, kills, finalValue, stepsCommitted, (System.nanoTime() - began) / 1e9, seed, histogram(ahead));
    }

    private static long seed() {
        String fixed = System.getProperty("jocap.seed");
        return fixed == null || fixed.isBlank() ? new Random().nextLong() : Long.parseLong(fixed.trim());
    }

    private static String histogram(TreeMap<Long, Integer> counts) {
        List<String> parts = new ArrayList<>();
        counts.forEach((k, v) -> parts.add("+" + k + ": " + v));
        return String.join(", ", parts);
    }

    /** A child JVM and what it printed. */
    private static final class Child {
        private final Process process;
        private final List<String> output = Collections.synchronizedList(new ArrayList<>());
        private final Thread reader;
        private Boolean aliveWhenKilled;

        private Child(Process process) {
            this.process = process;
            this.reader = Thread.ofPlatform().daemon().start(this::read);
        }

        static Child start(Path db, Path clusterDir, String mode, Path log) throws IOException {
            String java = ProcessHandle.current().info().command().orElse("java");
            ProcessBuilder builder = new ProcessBuilder(
                    java,
                    "--enable-native-access=ALL-UNNAMED",
                    "-Xshare:auto",
                    "-XX:TieredStopAtLevel=1",
                    "-cp",
                    System.getProperty("java.class.path"),
                    ClusterCrashChild.class.getName(),
                    db.toString(),
                    clusterDir.toString(),
                    mode);
            builder.redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
            return new Child(builder.start());
        }

        private void read() {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    output.add(line);
                }
            } catch (IOException e) {
                // the pipe breaks when the child dies; what was read is what counts
            }
        }

        /** Waits until the child has printed its start, its audit and {@code wanted} committed steps. */
        void awaitCommitted(int wanted, String context, Path log) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CHILD_TIMEOUT_SECONDS);
            while (committedLines() < wanted && process.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            if (committedLines() < wanted) {
                boolean alive = process.isAlive();
                kill();
                fail("child %s after %d of %d committed steps: %s%nits output: %s%nits stderr (tail): %s",
                        alive ? "timed out" : "exited with status " + process.exitValue(), committedLines(),
                        wanted, context, lines(), tail(log));
            }
        }

        private int committedLines() {
            synchronized (output) {
                return (int) output.stream().filter(l -> l.startsWith("committed ")).count();
            }
        }

        /**
         * SIGKILL, then waits for the child and for everything it wrote. Through the ProcessHandle,
         * because Process.destroyForcibly() also closes our end of the child's stdout, discarding
         * lines still in the pipe. Idempotent.
         */
        void kill() throws InterruptedException {
            if (aliveWhenKilled == null) {
                aliveWhenKilled = process.isAlive();
            }
            process.toHandle().destroyForcibly();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("child " + process.pid() + " did not die within 30 s of SIGKILL");
            }
            reader.join(TimeUnit.SECONDS.toMillis(30));
        }

        /** Whether the child was still running when it was first killed. */
        boolean aliveWhenKilled() {
            return Boolean.TRUE.equals(aliveWhenKilled);
        }

        List<String> lines() {
            synchronized (output) {
                return List.copyOf(output);
            }
        }

        List<Long> committed() {
            return lines().stream().filter(l -> l.startsWith("committed "))
                    .map(l -> Long.parseLong(l.substring("committed ".length()))).toList();
        }

        static String tail(Path log) {
            try {
                List<String> all = Files.readAllLines(log);
                return String.join("\n", all.subList(Math.max(0, all.size() - 40), all.size()));
            } catch (IOException e) {
                return "(unreadable: " + e + ")";
            }
        }
    }
}
