package io.jocap.worker;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.jocap.kernel.cluster.SubclusterRecords;
import io.jocap.kernel.config.ClusterConfig;
import io.jocap.kernel.config.ClusterConfigParser;
import io.jocap.kernel.host.Kernel;
import io.jocap.kernel.host.VatLaunchException;
import io.jocap.store.StoreOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Subclusters launched from cluster configs, on a real kernel file, across kernel restarts. */
class SubclusterTest {
    private static final Path DEMO = Path.of(System.getProperty("jocap.project.dir", "..")).resolve("examples/demo/demo.json")
            .toAbsolutePath().normalize();

    @TempDir Path dir;

    private static InProcessVatWorkers workers() {
        return new InProcessVatWorkers(line -> {});
    }

    @SuppressWarnings("unchecked")
    private static long run(Object bootstrapAnswer) {
        return ((Number) ((Map<String, Object>) bootstrapAnswer).get("run")).longValue();
    }

    @Test
    void aClusterKeepsItsStateAcrossKernelRestarts() throws Exception {
        Path db = dir.resolve("kernel.db");
        ClusterConfig config = ClusterConfigParser.parse(DEMO);
        try (Kernel kernel = Kernel.open(db, StoreOptions.defaults(), workers())) {
            kernel.launchSubcluster("demo", config, DEMO.getParent()).get(60, SECONDS);
            assertThat(run(kernel.bootstrap("demo").get(60, SECONDS))).isEqualTo(1);
            assertThat(run(kernel.bootstrap("demo").get(60, SECONDS))).isEqualTo(2);
        }
        try (Kernel kernel = Kernel.open(db, StoreOptions.defaults(), workers())) {
            assertThat(kernel.status().vats()).containsExactlyInAnyOrder("v1", "v2", "v3");
            Object answer = kernel.bootstrap("demo").get(60, SECONDS);
            assertThat(run(answer)).isEqualTo(3);
            assertThat(answer.toString()).contains("greeting number 3");
            kernel.query(s -> {
                s.audit().assertClean();
                return null;
            }).get(60, SECONDS);
        }
    }

    @Test
    void aFailedLaunchLeavesNoTrace() throws Exception {
        Files.writeString(dir.resolve("Good.java"), """
                import io.jocap.vat.*;
                public final class Good implements Vat {
                    public Far buildRootObject(VatPowers p, java.util.Map<String, Object> m, Baggage b) {
                        b.init("started", true);
                        return new Far() {};
                    }
                }
                """);
        Files.writeString(dir.resolve("Throws.java"), """
                import io.jocap.vat.*;
                public final class Throws implements Vat {
                    public Far buildRootObject(VatPowers p, java.util.Map<String, Object> m, Baggage b) {
                        throw new IllegalStateException("no database configured");
                    }
                }
                """);
        Files.writeString(dir.resolve("Broken.java"), "public final class Broken { int x = ; }\n");
        try (Kernel kernel = Kernel.open(dir.resolve("kernel.db"), StoreOptions.defaults(), workers())) {
            // A subcluster already running, which the failed launches below must not disturb.
            kernel.launchSubcluster("demo", ClusterConfigParser.parse(DEMO), DEMO.getParent()).get(60, SECONDS);
            assertThat(run(kernel.bootstrap("demo").get(60, SECONDS))).isEqualTo(1);
            assertLaunchFails(kernel, """
                    {"bootstrap": "a", "vats": {"a": {"source": "Good.java"}, "b": {"source": "Throws.java"}}}
                    """, "vat b could not be started", "no database configured");
            assertLaunchFails(kernel, """
                    {"vats": {"a": {"source": "Good.java"}, "b": {"source": "Broken.java"}}}
                    """, "vat b could not be started", "Broken.java:1");
            assertLaunchFails(kernel, """
                    {"vats": {"a": {"source": "Good.java"}, "b": {"source": "Missing.java"}}}
                    """, "vat b could not be started", "Missing.java does not exist");
            assertLaunchFails(kernel, """
                    {"vats": {"a": {"source": "Good.java", "endowments": ["htp"]}}}
                    """, "vat a could not be started", "htp");
            assertLaunchFails(kernel, """
                    {"services": ["nosuch"], "vats": {"a": {"source": "Good.java"}}}
                    """, "unknown kernel service nosuch", "");
            assertLaunchFails(kernel, """
                    {"services": ["kernelFacet"], "vats": {"a": {"source": "Good.java"}}}
                    """, "kernelFacet is only for system subclusters", "");
            assertThat(kernel.status().vats()).as("no vat of a failed launch left running").hasSize(3);
            assertThat(kernel.query(s -> new SubclusterRecords(s.kv()).vats()).get(60, SECONDS)).hasSize(3);
            assertThat(kernel.query(s -> new SubclusterRecords(s.kv()).all()).get(60, SECONDS))
                    .extracting(SubclusterRecords.Subcluster::name).containsExactly("demo");
            assertThat(run(kernel.bootstrap("demo").get(60, SECONDS))).as("the running subcluster").isEqualTo(2);
            kernel.query(s -> {
                s.audit().assertClean();
                return null;
            }).get(60, SECONDS);
            // The same name launches fine afterwards.
            kernel.launchSubcluster("ok", ClusterConfigParser.parse("""
                    {"vats": {"a": {"source": "Good.java"}}}
                    """, dir), dir).get(60, SECONDS);
            assertThat(kernel.status().vats()).hasSize(4);
        }
    }

    private void assertLaunchFails(Kernel kernel, String json, String what, String why) throws Exception {
        ClusterConfig config = ClusterConfigParser.parse(json, dir);
        try {
            kernel.launchSubcluster("bad", config, dir).get(60, SECONDS);
            throw new AssertionError("the launch succeeded: " + json);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(VatLaunchException.class).hasMessageContaining(what).hasMessageContaining(why);
        }
        assertThat(kernel.subcluster("bad")).isEmpty();
    }

    @Test
    void launchingTheSameNameTwiceIsRefused() throws Exception {
        ClusterConfig config = ClusterConfigParser.parse(DEMO);
        try (Kernel kernel = Kernel.open(dir.resolve("kernel.db"), StoreOptions.defaults(), workers())) {
            kernel.launchSubcluster("demo", config, DEMO.getParent()).get(60, SECONDS);
            try {
                kernel.launchSubcluster("demo", config, DEMO.getParent()).get(60, SECONDS);
                throw new AssertionError("launched twice");
            } catch (ExecutionException e) {
                assertThat(e.getCause()).hasMessageContaining("subcluster demo is launched already");
            }
            assertThat(kernel.status().vats()).hasSize(3);
            assertThat(List.copyOf(kernel.subcluster("demo").orElseThrow().vats().keySet()))
                    .containsExactly("alice", "bob", "carol");
        }
    }
}
