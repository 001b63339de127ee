package io.jocap.vat.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassCheckTest {
    @TempDir
    Path work;

    Path classes;

    @BeforeEach
    void buildCode() throws Exception {
        classes = VatCodeFixtures.compileWithHostClassPath(work, work.resolve("classes"),
                Map.of("Greeter.java", DirectoryAndJarTest.GREETER));
        Files.writeString(classes.resolve("demo/greeting.txt"), "hello");
    }

    @Test
    void everyVatClassIsCheckedOnceWithItsBytesBeforeItIsDefined() throws Exception {
        List<String> checked = Collections.synchronizedList(new ArrayList<>());
        ClassCheck recording = (name, bytes) -> {
            try {
                assertThat(bytes).isEqualTo(Files.readAllBytes(classes.resolve(name.replace('.', '/') + ".class")));
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
            checked.add(name);
        };

        try (VatClassLoader loader = VatClasses.load("checked", new VatClassSource.Directory(classes), recording)) {
            Class<?> greeter = VatClasses.findVatClass(loader, "demo.Greeter");
            assertThat(checked).containsExactly("demo.Greeter");

            greeter.getMethod("later").invoke(null); // vat code resolving demo.Later
            greeter.getMethod("greeting").invoke(null); // JDK classes: not checked
            VatClasses.findVatClass(loader, "demo.Greeter");

            assertThat(checked).containsExactly("demo.Greeter", "demo.Later");
        }
    }

    @Test
    void aRejectedClassIsNotDefinedAndTheFailureNamesIt() throws Exception {
        List<String> checked = new ArrayList<>();
        ClassCheck rejectLater = (name, bytes) -> {
            checked.add(name);
            if (name.equals("demo.Later")) {
                throw new VatLoadException("it reads the clock");
            }
        };

        try (VatClassLoader loader = VatClasses.load("carol", new VatClassSource.Directory(classes), rejectLater)) {
            for (int attempt = 0; attempt < 2; attempt++) {
                assertThatThrownBy(() -> VatClasses.findVatClass(loader, "demo.Later"))
                        .isInstanceOf(VatLoadException.class)
                        .hasMessage("vat carol: class demo.Later was rejected by the class check: it reads the clock")
                        .cause().isInstanceOf(ClassNotFoundException.class);
            }
            // Checked again on the second attempt: it was never defined.
            assertThat(checked).containsExactly("demo.Later", "demo.Later");
            Class<?> greeter = VatClasses.findVatClass(loader, "demo.Greeter");
            assertThatThrownBy(() -> greeter.getMethod("later").invoke(null))
                    .cause().isInstanceOf(NoClassDefFoundError.class)
                    .cause().hasMessageContaining("class demo.Later was rejected by the class check");
        }
    }

    @Test
    void aCheckThatThrowsAnyRuntimeExceptionRejectsTheClass() throws Exception {
        ClassCheck broken = (name, bytes) -> {
            throw new IllegalStateException("verifier bug");
        };

        try (VatClassLoader loader = VatClasses.load("dave", new VatClassSource.Directory(classes), broken)) {
            assertThatThrownBy(() -> VatClasses.findVatClass(loader, "demo.Greeter"))
                    .isInstanceOf(VatLoadException.class)
                    .hasMessage("vat dave: class demo.Greeter was rejected by the class check: verifier bug");
        }
    }

    @Test
    void theCheckCannotChangeWhatIsDefined() throws Exception {
        ClassCheck scribbler = (name, bytes) -> Arrays.fill(bytes, (byte) 0);

        try (VatClassLoader loader = VatClasses.load("erin", new VatClassSource.Directory(classes), scribbler)) {
            assertThat(VatClasses.findVatClass(loader, "demo.Greeter").getMethod("later").invoke(null))
                    .isEqualTo("later");
        }
    }

    @Test
    void compiledSourcesAreCheckedToo() throws Exception {
        List<String> checked = new ArrayList<>();
        Path file = VatCodeFixtures.writeSource(work, "Counter.java", JavaSourceTest.COUNTER);

        try (VatClassLoader loader = VatClasses.load("frank", new VatClassSource.JavaSource(file),
                (name, bytes) -> checked.add(name))) {
            VatClasses.findVatClass(loader, "demo.Counter$Nested").getMethod("hello").invoke(null);
        }
        assertThat(checked).containsExactly("demo.Counter$Nested", "demo.Helper");
    }
}
