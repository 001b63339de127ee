package io.jocap.worker;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.jocap.kernel.config.ClusterConfigParser;
import io.jocap.kernel.host.Kernel;
import io.jocap.kernel.host.VatLaunchException;
import io.jocap.store.StoreOptions;
import io.jocap.vat.load.VatClassFiles;
import io.jocap.vat.load.VatClassSource;
import io.jocap.vat.powers.Endowments;
import io.jocap.worker.verify.VatVerifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Vats started through the load-time verifier, as {@code jocap run} starts them. */
class VerifiedVatsTest {
    @TempDir Path dir;

    @Test
    void ordinaryJavaPassesTheVerifierAndRuns() throws Exception {
        Path source = Path.of(VerifiedVatsTest.class.getResource("/verify/Ordinary.java").toURI());
        try (Cluster cluster = new Cluster()) {
            String root = cluster.launch("ordinary",
                    VatFactories.fromSource("ordinary", new VatClassSource.JavaSource(source), null, VatVerifier.standard()),
                    Endowments.loggerOnly("ordinary"), Map.of());
            String answer = (String) cluster.call(root, "everything");
            assertThat(answer.lines()).contains(
                    "sorted=[alice, bob, carol]",
                    "colours={RED=3, GREEN=6, BLUE=4}",
                    "sum=220",
                    "byLength={1=[a], 2=[bb, cc], 3=[ddd]}",
                    "described=diagonal 2;point 1/5;circle 1.0;green;colour blue;string 4;other 42",
                    "colourSwitch=3r",
                    "day=weekendweekday",
                    "format=00042|3.14|true",
                    "switch=2",
                    "date=2024-02-29 THURSDAY 24",
                    "pow=1267650600228229401496703205376",
                    "divide=3.33333",
                    "money=EUR 12.34 true true",
                    "random=30",
                    "caught=not found: nothing",
                    "closed",
                    "labelled=23",
                    "calls=1");
        }
    }

    @Test
    void everyViolationOfEveryClassIsReportedInOneLaunchFailure() throws Exception {
        // Three classes break rules; Unused is never loaded by the vat's code, and is reported too.
        Files.writeString(dir.resolve("Bad.java"), """
                import io.jocap.vat.*;
                import java.util.*;
                public final class Bad implements Vat {
                    static int starts;
                    public Far buildRootObject(VatPowers powers, Map<String, Object> parameters, Baggage baggage) {
                        starts++;
                        return new Root();
                    }
                    public static final class Root implements Far {
                        public long now() { return System.currentTimeMillis(); }
                        public void quit() { System.exit(1); System.exit(2); }
                    }
                }
                final class Unused {
                    synchronized void lock() { new Thread(() -> {}).start(); }
                }
                """);
        Files.writeString(dir.resolve("bad.json"), """
                {"vats": {"good": {"source": "Good.java"}, "bad": {"source": "Bad.java"}}}
                """);
        Files.writeString(dir.resolve("Good.java"), """
                import io.jocap.vat.*;
                public final class Good implements Vat {
                    public Far buildRootObject(VatPowers p, java.util.Map<String, Object> m, Baggage b) { return new Far() {}; }
                }
                """);
        try (Kernel kernel = Kernel.open(dir.resolve("kernel.db"), StoreOptions.defaults(), new InProcessVatWorkers(line -> {}))) {
            try {
                kernel.launchSubcluster("bad", ClusterConfigParser.parse(dir.resolve("bad.json")), dir).get(60, SECONDS);
                throw new AssertionError("the bad vat was launched");
            } catch (ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(VatLaunchException.class);
                assertThat(e.getCause().getMessage()).isEqualTo("vat bad could not be started: vat bad: the verifier refused its"
                        + " Java source " + dir.resolve("Bad.java") + " (7 violations; see docs/verifier.md):\n"
                        + "  Bad → static int starts (static fields must be final)\n"
                        + "  Bad$Root.now → java.lang.System.currentTimeMillis() (System.currentTimeMillis is denied: clocks)\n"
                        + "  Bad$Root.quit → java.lang.System.exit(int) (System is denied: process control)\n"
                        + "  Bad.buildRootObject → assignment to Bad.starts"
                        + " (static fields may be set only by their own class's static initializer)\n"
                        + "  Unused.lock → java.lang.Thread.start() (Thread is denied: threads)\n"
                        + "  Unused.lock → new java.lang.Thread(java.lang.Runnable) (Thread is denied: threads)\n"
                        + "  Unused.lock → synchronized method (monitors are denied)");
            }
            assertThat(kernel.status().vats()).as("nothing of the subcluster is left").isEmpty();
        }
    }

    @Test
    void theTestVatsLoadedFromTheClassPathPassTheVerifierToo() throws Exception {
        // The worker tests start these vats from the test class path (not through a vat class
        // loader); their bytecode is held to the same rules here.
        Path classes = Path.of(TestVats.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path pkg = classes.resolve("io/jocap/worker");
        Map<String, byte[]> vatClasses = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(pkg)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                if (name.startsWith("TestVats") || name.startsWith("DurableVats") || name.startsWith("HttpChainTest$")) {
                    vatClasses.put("io.jocap.worker." + name.substring(0, name.length() - ".class".length()), Files.readAllBytes(file));
                }
            }
        }
        assertThat(vatClasses.keySet()).contains("io.jocap.worker.TestVats$EchoRoot", "io.jocap.worker.DurableVats$Keeper",
                "io.jocap.worker.HttpChainTest$ChainRoot");
        assertThat(VatVerifier.standard().verify(VatClassFiles.of("test vats", vatClasses))).isEmpty();
    }
}
