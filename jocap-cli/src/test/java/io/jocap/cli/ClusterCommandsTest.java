package io.jocap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jocap run}, {@code status} and {@code send} in-process, on a real database file. */
class ClusterCommandsTest {
    private static final String DEMO = Path.of(System.getProperty("jocap.project.dir", ".."))
            .resolve("examples/demo/demo.json").toAbsolutePath().normalize().toString();

    @TempDir Path dir;

    @Test
    void runThenStatusThenSend() {
        String db = dir.resolve("demo.db").toString();
        CliRun run = CliRun.of("", "run", DEMO, "--db", db);
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("run: 1");

        CliRun status = CliRun.of("", "status", "--db", db);
        assertThat(status.status()).as(status.err()).isZero();
        // ko1 is the kernel facet, registered when the kernel first opened.
        assertThat(status.out()).contains("demo (s1): vats alice (v1, root ko2), bob (v2, root ko3), carol (v3, root ko4)")
                .contains("run queue: 0 items").contains("dead letters: 0");

        CliRun send = CliRun.of("", "send", "ko3", "greet", "\"dave\"", "--db", db);
        assertThat(send.status()).as(send.err()).isZero();
        assertThat(send.out().strip()).isEqualTo("\"Hello, dave! (greeting number 2)\"");

        CliRun wrong = CliRun.of("", "send", "ko3", "greet", "--db", db);
        assertThat(wrong.status()).isEqualTo(1);
        assertThat(wrong.err()).contains("rejected: TypeError: Alleged: Root.greet takes 1 argument, got 0");

        CliRun again = CliRun.of("", "run", DEMO, "--db", db);
        assertThat(again.out()).contains("run: 2").contains("Hello, alice! (greeting number 3)");

        CliRun gc = CliRun.of("", "gc", "--db", db);
        assertThat(gc.status()).as(gc.err()).isZero();
        assertThat(gc.out()).containsPattern("reaped 3 vats; objects \\d+ -> \\d+; promises \\d+ -> 0");

        CliRun reset = CliRun.of("", "run", DEMO, "--db", db, "--reset");
        assertThat(reset.out()).contains("run: 1");
    }

    @Test
    void aSystemClusterIsGivenTheKernelFacet() throws Exception {
        Files.writeString(dir.resolve("Ops.java"), """
                import io.jocap.vat.*;
                import java.util.*;
                public final class Ops implements Vat {
                    public Far buildRootObject(VatPowers powers, Map<String, Object> parameters, Baggage baggage) {
                        return new Root();
                    }
                    public static final class Root implements Far {
                        public VatPromise<Object> bootstrap(Map<String, Object> vats, Map<String, Object> services) {
                            return E.send(services.get("kernelFacet"), "getSubclusters");
                        }
                    }
                }
                """);
        Files.writeString(dir.resolve("ops.json"), """
                {"bootstrap": "ops", "services": ["kernelFacet"], "vats": {"ops": {"source": "Ops.java"}}}
                """);
        String config = dir.resolve("ops.json").toString();
        String db = dir.resolve("ops.db").toString();

        CliRun refused = CliRun.of("", "run", config, "--db", db);
        assertThat(refused.status()).isEqualTo(1);
        assertThat(refused.err()).contains("kernelFacet is only for system subclusters");

        CliRun first = CliRun.of("", "run", config, "--db", db, "--system");
        assertThat(first.status()).as(first.err()).isZero();
        assertThat(first.err()).contains("launched system cluster ops");
        assertThat(first.out()).contains("name: \"ops\"").contains("system: true");

        CliRun again = CliRun.of("", "run", config, "--db", db, "--system");
        assertThat(again.status()).as(again.err()).isZero();
        assertThat(again.err()).contains("resumed system cluster ops");

        CliRun status = CliRun.of("", "status", "--db", db);
        assertThat(status.out()).contains("ops (s1, system): vats ops (v1, root ko");

        CliRun plain = CliRun.of("", "run", config, "--db", db);
        assertThat(plain.status()).isEqualTo(1);
        assertThat(plain.err()).contains("ops is a system subcluster").contains("--system");
    }

    @Test
    void commandsOnAMissingDatabaseOrBadInputExplainThemselves() throws Exception {
        Path missing = dir.resolve("none.db");
        CliRun status = CliRun.of("", "status", "--db", missing.toString());
        assertThat(status.status()).isEqualTo(2);
        assertThat(status.err()).contains("does not exist").contains("jocap run");
        assertThat(Files.exists(missing)).as("nothing created").isFalse();

        CliRun badRef = CliRun.of("", "send", "o+1", "greet", "--db", missing.toString());
        assertThat(badRef.status()).isEqualTo(2);
        assertThat(badRef.err()).contains("\"o+1\" is not a kernel reference");

        CliRun noConfig = CliRun.of("", "run", dir.resolve("nope.json").toString(), "--db", missing.toString());
        assertThat(noConfig.status()).isEqualTo(2);
        assertThat(noConfig.err()).contains("nope.json").contains("cannot read the cluster config");
    }

    @Test
    void runRefusesAVatTheVerifierRejectsListingEveryViolation() throws Exception {
        Files.writeString(dir.resolve("Sneaky.java"), """
                import io.jocap.vat.*;
                import java.util.*;
                public final class Sneaky implements Vat {
                    public Far buildRootObject(VatPowers powers, Map<String, Object> parameters, Baggage baggage) {
                        return new Root();
                    }
                    public static final class Root implements Far {
                        public Object bootstrap(Map<String, Object> vats, Map<String, Object> services) throws Exception {
                            return java.nio.file.Files.readString(java.nio.file.Path.of("/etc/hostname")) + System.nanoTime();
                        }
                    }
                }
                """);
        Files.writeString(dir.resolve("sneaky.json"), """
                {"bootstrap": "sneaky", "vats": {"sneaky": {"source": "Sneaky.java"}}}
                """);

        CliRun run = CliRun.of("", "run", dir.resolve("sneaky.json").toString(), "--db", dir.resolve("sneaky.db").toString());

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).contains("jocap: vat sneaky could not be started: vat sneaky: the verifier refused its Java source")
                .contains("(3 violations; see docs/verifier.md):")
                .contains("  Sneaky$Root.bootstrap → java.lang.System.nanoTime() (System.nanoTime is denied: clocks)")
                .contains("  Sneaky$Root.bootstrap → java.nio.file.Files.readString(java.nio.file.Path) (java.nio.file is denied: files)")
                .contains("  Sneaky$Root.bootstrap → java.nio.file.Path.of(java.lang.String, java.lang.String[]) (java.nio.file is denied: files)");
        assertThat(run.out()).isEmpty();
    }
}
