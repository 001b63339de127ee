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
    void everyVatClassIsCheckedOnceWithItsBytesWhenTheVatIsLoaded() throws Exception {
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
            // All of them, before any is used.
            assertThat(checked).containsExactly("demo.Greeter", "demo.Later");

            Class<?> greeter = VatClasses.findVatClass(loader, "demo.Greeter");
            greeter.getMethod("later").invoke(null); // vat code resolving demo.Later
            greeter.getMethod("greeting").invoke(null); // JDK classes: not checked
            VatClasses.findVatClass(loader, "demo.Greeter");

            assertThat(checked).as("never again").containsExactly("demo.Greeter", "demo.Later");
        }
    }

    @Test
    void theWholeCodeCheckSeesEveryClassAndHowTheLoaderResolvesNames() throws Exception {
        List<String> seen = new ArrayList<>();
        ClassCheck whole = new ClassCheck() {
            @Override
            public void check(String className, byte[] bytes) {
                throw new AssertionError("not called when checkCode is overridden");
            }

            @Override
            public void checkCode(VatClassFiles code) {
                seen.addAll(code.classNames());
                assertThat(code.vatName()).isEqualTo("whole");
                assertThat(code.description()).isEqualTo("class directory " + classes.toAbsolutePath().normalize());
                assertThat(code.origin("demo.Later")).isEqualTo(VatClassFiles.Origin.VAT);
                assertThat(code.origin("java.lang.Thread")).isEqualTo(VatClassFiles.Origin.JDK);
                assertThat(code.origin("io.jocap.vat.Vat")).isEqualTo(VatClassFiles.Origin.API);
                assertThat(code.origin("io.jocap.vat.load.VatClasses")).isEqualTo(VatClassFiles.Origin.NONE);
                assertThat(code.origin("demo.Missing")).isEqualTo(VatClassFiles.Origin.NONE);
                assertThat(code.apiClass("io.jocap.vat.Vat")).isSameAs(io.jocap.vat.Vat.class);
                assertThat(code.apiClass("java.lang.Thread")).isNull();
                byte[] copy = code.bytes("demo.Later");
                Arrays.fill(copy, (byte) 0);
                assertThat(code.bytes("demo.Later")).as("a copy each time").isNotEqualTo(copy);
            }
        };
        try (VatClassLoader loader = VatClasses.load("whole", new VatClassSource.Directory(classes), whole)) {
            assertThat(seen).containsExactly("demo.Greeter", "demo.Later");
            assertThat(VatClasses.findVatClass(loader, "demo.Greeter").getMethod("later").invoke(null))
                    .isEqualTo("later");
        }
    }

    @Test
    void aRejectionFailsTheLoadAndNamesTheClass() throws Exception {
        List<String> checked = new ArrayList<>();
        ClassCheck rejectLater = (name, bytes) -> {
            checked.add(name);
            if (name.equals("demo.Later")) {
                throw new VatLoadException("it reads the clock");
            }
        };

        assertThatThrownBy(() -> VatClasses.load("carol", new VatClassSource.Directory(classes), rejectLater))
                .isInstanceOf(VatLoadException.class)
                .hasMessage("vat carol: class demo.Later was rejected by the class check: it reads the clock");
        assertThat(checked).containsExactly("demo.Greeter", "demo.Later");
    }

    @Test
    void everyRejectedClassIsNamedInOneFailureAndAnyRuntimeExceptionRejects() throws Exception {
        ClassCheck broken = (name, bytes) -> {
            throw new IllegalStateException("verifier bug in " + name);
        };

        assertThatThrownBy(() -> VatClasses.load("dave", new VatClassSource.Directory(classes), broken))
                .isInstanceOf(VatLoadException.class)
                .hasMessage("vat dave: 2 classes were rejected by the class check:\n"
                        + "  demo.Greeter: verifier bug in demo.Greeter\n"
                        + "  demo.Later: verifier bug in demo.Later");
    }

    @Test
    void aWholeCodeCheckThatThrowsARuntimeExceptionFailsTheLoad() throws Exception {
        ClassCheck broken = new ClassCheck() {
            @Override
            public void check(String className, byte[] bytes) {}

            @Override
            public void checkCode(VatClassFiles code) {
                throw new IllegalStateException("verifier bug");
            }
        };

        assertThatThrownBy(() -> VatClasses.load("erin", new VatClassSource.Jar(
                VatCodeFixtures.jar(classes, work.resolve("code.jar"))), broken))
                .isInstanceOf(VatLoadException.class)
                .hasMessage("vat erin: the class check failed: java.lang.IllegalStateException: verifier bug");
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
    void classFilesChangedAfterTheCheckAreNotDefined() throws Exception {
        try (VatClassLoader loader = VatClasses.load("frank", new VatClassSource.Directory(classes), ClassCheck.NONE)) {
            // Whatever is written into the directory now, the loader defines what it read.
            Files.writeString(classes.resolve("demo/Later.class"), "not a class file");
            Files.write(classes.resolve("demo/Extra.class"), Files.readAllBytes(classes.resolve("demo/Greeter.class")));
            assertThat(VatClasses.findVatClass(loader, "demo.Greeter").getMethod("later").invoke(null))
                    .isEqualTo("later");
            assertThatThrownBy(() -> VatClasses.findVatClass(loader, "demo.Extra"))
                    .hasMessageContaining("class demo.Extra is not in the vat's class directory");
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
        assertThat(checked).containsExactly("demo.Counter", "demo.Counter$Nested", "demo.Helper");
    }

    @Test
    void jarsAreListedAsTheRunningJavaSeesThem() throws Exception {
        List<String> checked = new ArrayList<>();
        Files.writeString(classes.resolve("module-info.class"), "not looked at");
        Path jar = VatCodeFixtures.jar(classes, work.resolve("greeter.jar"));

        VatClasses.load("gina", new VatClassSource.Jar(jar), (name, bytes) -> checked.add(name)).close();
        assertThat(checked).containsExactly("demo.Greeter", "demo.Later");
    }
}
