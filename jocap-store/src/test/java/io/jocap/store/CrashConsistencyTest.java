package io.jocap.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a child JVM ({@link CrashChild}) with SIGKILL at random moments while it commits, then
 * checks the file: it opens, SQLite's integrity check passes, every key holds the same generation
 * (nothing half-written), that generation is at least the last one reported durable and at most
 * one commit point beyond it, and the persisted crank number matches. The same file is reused
 * from kill to kill, so recovery after a crash is exercised each time.
 */
class CrashConsistencyTest {
    private static final int KILLS = 10;
    private static final int SOAK_KILLS = 200;

    @TempDir Path dir;

    @Test
    void strictModeSurvivesSigkill() throws Exception {
        crashLoop("strict", KILLS);
    }

    @Test
    void batchedModeSurvivesSigkill() throws Exception {
        crashLoop("batched", KILLS);
    }

    /** Runs with {@code -Psoak} only. */
    @Test
    @Tag("soak")
    void strictModeSurvivesManySigkills() throws Exception {
        crashLoop("strict", SOAK_KILLS);
    }

    @Test
    @Tag("soak")
    void batchedModeSurvivesManySigkills() throws Exception {
        crashLoop("batched", SOAK_KILLS);
    }

    private void crashLoop(String mode, int kills) throws Exception {
        Path file = dir.resolve(mode + ".sqlite");
        Path log = dir.resolve(mode + "-stderr.log");
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        int maxAhead = mode.equals("strict") ? 1 : CrashChild.BATCH_CRANKS;
        long[] aheadCounts = new long[maxAhead + 1];
        long previous = 0;
        for (int kill = 0; kill < kills; kill++) {
            String context = mode + " kill " + kill + " (seed " + seed + ", stderr in " + log + ")";
            Process child = startChild(file, mode, log);
            AtomicLong reported = new AtomicLong(-1);
            AtomicInteger lines = new AtomicInteger();
            List<String> output = java.util.Collections.synchronizedList(new ArrayList<>());
            Thread reader = Thread.ofPlatform().start(() -> readReports(child, reported, lines, output));
            int wanted = 1 + random.nextInt(20);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (lines.get() < wanted && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            assertThat(child.isAlive()).as("child alive before the kill: " + context).isTrue();
            assertThat(lines.get()).as("child reported progress: " + context).isGreaterThanOrEqualTo(wanted);
            Thread.sleep(random.nextInt(30));
            // SIGKILL. Through the ProcessHandle, because Process.destroyForcibly() also closes our end
            // of the child's stdout, discarding "durable" lines still in the pipe.
            child.toHandle().destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            reader.join(); // everything the child wrote before dying
            long lastDurable = Math.max(reported.get(), previous);
            long found = verify(file, context);
            List<String> tail = output.subList(Math.max(0, output.size() - 12), output.size());
            assertThat(found)
                    .as("generation on disk vs last reported durable %d: %s; child's last lines %s",
                            lastDurable, context, tail)
                    .isBetween(lastDurable, lastDurable + maxAhead);
            aheadCounts[(int) (found - lastDurable)]++;
            previous = found;
        }
        System.out.printf(
                "CrashConsistencyTest %s: %d SIGKILLs, final generation %d, all consistent;"
                        + " generations on disk beyond the last reported durable one: %s%n",
                mode, kills, previous, histogram(aheadCounts));
    }

    private static String histogram(long[] counts) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0) {
                parts.add("+" + i + ": " + counts[i]);
            }
        }
        return String.join(", ", parts);
    }

    private static Process startChild(Path file, String mode, Path log) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder =
                new ProcessBuilder(
                        java,
                        "--enable-native-access=ALL-UNNAMED",
                        "-Xshare:auto",
                        "-XX:TieredStopAtLevel=1",
                        "-cp",
                        System.getProperty("java.class.path"),
                        CrashChild.class.getName(),
                        file.toString(),
                        mode);
        builder.redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        return builder.start();
    }

    private static void readReports(
            Process child, AtomicLong reported, AtomicInteger lines, List<String> output) {
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                output.add(line);
                if (line.startsWith("durable ")) {
                    reported.accumulateAndGet(Long.parseLong(line.substring(8)), Math::max);
                    lines.incrementAndGet();
                }
            }
        } catch (IOException e) {
            // the pipe breaks when the child dies; what was read is what counts
        }
    }

    /** Checks the file after a crash and returns the generation it holds. */
    private static long verify(Path file, String context) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).as("integrity_check: " + context).isEqualTo("ok");
        }
        try (KernelStore store = KernelStore.open(file, StoreOptions.strict())) {
            String gen = store.kv().get("gen");
            if (gen == null) {
                assertThat(TestStores.all(store.kv())).as("nothing durable yet: " + context).isEmpty();
                return 0;
            }
            long g = Long.parseLong(gen);
            for (int i = 0; i < CrashChild.KV_KEYS; i++) {
                assertThat(store.kv().get("k" + i)).as("k%d: %s", i, context).isEqualTo(gen);
            }
            assertThat(store.kv().has("noise")).as("rolled-back write: " + context).isFalse();
            for (int i = 0; i < CrashChild.VAT_KEYS; i++) {
                assertThat(store.vatstore(i % 2 == 0 ? "v1" : "v2").get("x" + i)).isEqualTo(gen);
            }
            Map<String, String> v3 = TestStores.all(store.vatstore("v3"));
            assertThat(v3).as("v3: " + context).hasSize(CrashChild.VAT_KEYS);
            assertThat(v3.values()).as("v3: " + context).containsOnly(gen);
            // one crank per generation, numbered on from the file: the counter was persisted with the data
            assertThat(store.lastCommittedCrank()).as("crank number: " + context).isEqualTo(g);
            return g;
        }
    }
}
