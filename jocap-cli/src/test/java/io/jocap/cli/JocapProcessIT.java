package io.jocap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The packaged jar and the repository's launcher script, run as real processes. */
class JocapProcessIT {
    private static final Path ROOT = Path.of(System.getProperty("jocap.root", "..")).toAbsolutePath().normalize();
    private static final Path JAR = Path.of(System.getProperty("jocap.jar", "target/jocap.jar")).toAbsolutePath();

    record Result(int status, String out, String err) {}

    private static Result run(List<String> command, Map<String, String> env, String stdin)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile());
        pb.environment().putAll(env);
        Path out = Files.createTempFile("jocap-out", ".txt");
        Path err = Files.createTempFile("jocap-err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("process finished").isTrue();
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static String javaHere() {
        return ProcessHandle.current().info().command().orElseThrow();
    }

    @Test
    void packagedJarNormalizesTheExampleFile() throws Exception {
        String input = Files.readString(ROOT.resolve("examples/capdata/messages.jsonl"));
        List<String> cmd = new ArrayList<>(List.of(javaHere(), "--enable-native-access=ALL-UNNAMED", "-jar",
                JAR.toString(), "capdata", "normalize"));
        Result r = run(cmd, Map.of(), input);

        assertThat(r.status()).as(r.err()).isZero();
        // The examples are canonical already, so normalizing gives them back line for line.
        assertThat(r.out().lines().toList()).isEqualTo(input.lines().toList());
    }

    @Test
    void launcherFindsJdk25EvenWhenJavaHomeIsOlder() throws Exception {
        // The machine's default JDK 17 when present, else a JAVA_HOME that does not exist at all.
        Path older = Path.of("/usr/lib/jvm/java-17-openjdk-amd64");
        Map<String, String> env = Map.of("JAVA_HOME", Files.isDirectory(older) ? older.toString() : "/nonexistent");
        Result r = run(List.of(ROOT.resolve("jocap").toString(), "--version"), env, "");

        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("on Java 25");
    }

    /** The README's first command: the demo cluster on an embedded file, resumed by a second run. */
    @Test
    void jocapRunLaunchesTheDemoClusterAndResumesItOnTheNextRun() throws Exception {
        Path db = Files.createTempDirectory("jocap-run-it").resolve("demo.db");
        List<String> cmd = List.of(javaHere(), "--enable-native-access=ALL-UNNAMED", "-jar", JAR.toAbsolutePath().toString(),
                "run", "examples/demo/demo.json", "--db", db.toString());
        Result first = run(cmd, Map.of(), "");
        assertThat(first.status()).as(first.err()).isZero();
        assertThat(first.err()).contains("launched cluster demo");
        assertThat(first.out()).contains("run: 1").contains("Hello, alice! (greeting number 1)")
                .contains("Bonjour, alice! (greeting number 1)");

        Result second = run(cmd, Map.of(), "");
        assertThat(second.status()).as(second.err()).isZero();
        assertThat(second.err()).contains("resumed cluster demo");
        assertThat(second.out()).contains("run: 2").contains("(greeting number 2)");
    }

    /** A vat in a worker process of its own, started from the packaged jar, answering an in-process vat. */
    @Test
    void jocapRunRunsAVatInAWorkerProcess() throws Exception {
        Path dir = Files.createTempDirectory("jocap-process-it");
        Files.writeString(dir.resolve("Host.java"), """
                import io.jocap.vat.*;
                import java.util.*;
                public final class Host implements Vat {
                    public Far buildRootObject(VatPowers powers, Map<String, Object> parameters, Baggage baggage) {
                        return new Root();
                    }
                    public static final class Root implements Far {
                        public VatPromise<Object> bootstrap(Map<String, Object> vats, Map<String, Object> services) {
                            return E.send(vats.get("greeter"), "greet", "the host");
                        }
                    }
                }
                """);
        Files.writeString(dir.resolve("process.json"), """
                {"bootstrap": "host", "vats": {
                  "host": {"source": "Host.java"},
                  "greeter": {"source": %s, "worker": "process", "maxHeapMb": 64}}}
                """.formatted("\"" + ROOT.resolve("examples/vats/Greeter.java") + "\""));
        Result r = run(List.of(javaHere(), "--enable-native-access=ALL-UNNAMED", "-jar", JAR.toString(),
                "run", dir.resolve("process.json").toString(), "--db", dir.resolve("process.db").toString()), Map.of(), "");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("Hello, the host!");
        assertThat(r.err()).contains("[greeter] INFO greeting the host"); // logged in the worker process
    }

    @Test
    void jocapRunExplainsABadConfigAndExits2() throws Exception {
        Path config = Files.createTempFile("bad-cluster", ".json");
        Files.writeString(config, "{\"bootstrap\": \"alise\", \"vats\": {\"alice\": {\"source\": \"A.java\", \"endowment\": []}}}");
        Result r = run(List.of(javaHere(), "--enable-native-access=ALL-UNNAMED", "-jar", JAR.toAbsolutePath().toString(),
                "run", config.toString(), "--db", config.resolveSibling("x.db").toString()), Map.of(), "");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("bootstrap: names no vat (\"alise\")")
                .contains("vats.alice.endowment: unknown field; did you mean \"endowments\"?")
                .doesNotContain("Exception");
    }

    @Test
    void launcherShowsTheQuickStartExample() throws Exception {
        Result r = run(List.of(ROOT.resolve("jocap").toString(), "capdata", "show", "examples/capdata/messages.jsonl"),
                Map.of(), "");

        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("1: [\"transfer\", [<ko12 Alleged: purse>, 100n, {memo: \"rent\"}]]");
    }
}
