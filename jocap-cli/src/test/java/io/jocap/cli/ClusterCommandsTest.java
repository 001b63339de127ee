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
        assertThat(status.out()).contains("demo (s1): vats alice (v1, root ko1), bob (v2, root ko2), carol (v3, root ko3)")
                .contains("run queue: 0 items").contains("dead letters: 0");

        CliRun send = CliRun.of("", "send", "ko2", "greet", "\"dave\"", "--db", db);
        assertThat(send.status()).as(send.err()).isZero();
        assertThat(send.out().strip()).isEqualTo("\"Hello, dave! (greeting number 2)\"");

        CliRun wrong = CliRun.of("", "send", "ko2", "greet", "--db", db);
        assertThat(wrong.status()).isEqualTo(1);
        assertThat(wrong.err()).contains("rejected: TypeError: Alleged: Root.greet takes 1 argument, got 0");

        CliRun again = CliRun.of("", "run", DEMO, "--db", db);
        assertThat(again.out()).contains("run: 2").contains("Hello, alice! (greeting number 3)");

        CliRun reset = CliRun.of("", "run", DEMO, "--db", db, "--reset");
        assertThat(reset.out()).contains("run: 1");
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
}
