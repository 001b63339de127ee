package io.jocap.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jocap.vat.load.VatClassSource;
import io.jocap.vat.load.VatLoadException;
import io.jocap.vat.powers.Endowments;
import io.jocap.worker.verify.VatVerifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Vats whose code comes from a {@code .java} file, each with its own class loader. */
class VatSourceTest {
    private static final Path GREETER = Path.of(System.getProperty("jocap.project.dir", "..")).resolve("examples/vats/Greeter.java");

    @Test
    void twoVatsFromOneSourceShareNothing() throws Exception {
        try (Cluster cluster = new Cluster()) {
            VatClassSource source = VatClassSource.ofPath(GREETER);
            String one = cluster.launch("one", VatFactories.fromSource("one", source, null, VatVerifier.standard()),
                    Endowments.loggerOnly("one"), Map.of("greeting", "Hi"));
            String two = cluster.launch("two", VatFactories.fromSource("two", source, null, VatVerifier.standard()),
                    Endowments.loggerOnly("two"), Map.of());
            assertThat(cluster.call(one, "greet", "Ann")).isEqualTo("Hi, Ann!");
            assertThat(cluster.call(one, "greet", "Bob")).isEqualTo("Hi, Bob!");
            assertThat(cluster.call(two, "greet", "Cy")).isEqualTo("Hello, Cy!");
            assertThat(cluster.call(one, "greetings")).isEqualTo(2.0);
            assertThat(cluster.call(two, "greetings")).as("its own count").isEqualTo(1.0);
            assertThat(cluster.logs).anySatisfy(line -> assertThat(line).contains("one").contains("greeting Ann"));
        }
    }

    @Test
    void aSourceThatDoesNotCompileFailsWithEveryError(@TempDir Path dir) throws Exception {
        Path broken = dir.resolve("Broken.java");
        Files.writeString(broken, """
                import io.jocap.vat.*;
                public final class Broken implements Vat {
                    public Far buildRootObject(VatPowers p, java.util.Map<String, Object> m, Baggage b) {
                        return nope;
                    }
                    int x = "text";
                }
                """);
        assertThatThrownBy(() -> VatFactories.fromSource("broken", VatClassSource.ofPath(broken), null, VatVerifier.standard()))
                .isInstanceOf(VatLoadException.class)
                .hasMessageContaining("Broken.java:4")
                .hasMessageContaining("Broken.java:6");
    }

    @Test
    void aClassThatIsNotAVatIsRefused(@TempDir Path dir) throws Exception {
        Path notVat = dir.resolve("NotAVat.java");
        Files.writeString(notVat, "public final class NotAVat { }\n");
        assertThatThrownBy(() -> VatFactories.fromSource("x", VatClassSource.ofPath(notVat), null, VatVerifier.standard()))
                .isInstanceOf(VatLoadException.class).hasMessageContaining("does not implement io.jocap.vat.Vat");
    }
}
