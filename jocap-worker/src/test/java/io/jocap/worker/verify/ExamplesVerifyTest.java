package io.jocap.worker.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.jocap.vat.load.VatClassFiles;
import io.jocap.vat.load.VatClassSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every example vat under {@code examples/} passes the verifier, compiled as jocap compiles it. */
class ExamplesVerifyTest {
    private static final Path EXAMPLES = Path.of(System.getProperty("jocap.project.dir", "..")).resolve("examples")
            .toAbsolutePath().normalize();

    @Test
    void everyExampleVatPasses() throws Exception {
        List<Path> sources;
        try (Stream<Path> files = Files.walk(EXAMPLES)) {
            sources = files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        assertThat(sources).extracting(p -> EXAMPLES.relativize(p).toString())
                .contains("vats/Greeter.java", "demo/Alice.java", "counter/Counter.java", "http/Fetcher.java");
        for (Path source : sources) {
            VatClassFiles classes = VerifierFixtures.classFilesOf(new VatClassSource.JavaSource(source));
            assertThat(VatVerifier.standard().verify(classes)).as("%s", source).isEmpty();
        }
    }
}
