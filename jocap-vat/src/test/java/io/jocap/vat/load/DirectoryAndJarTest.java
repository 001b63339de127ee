package io.jocap.vat.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Vats given as compiled classes: a directory, and the same classes in a jar. */
class DirectoryAndJarTest {
    static final String GREETER = """
            package demo;

            import java.io.IOException;
            import java.io.InputStream;
            import java.nio.charset.StandardCharsets;

            public class Greeter {
                private static int count;

                public static int increment() {
                    return ++count;
                }

                public static String greeting() throws IOException {
                    try (InputStream in = Greeter.class.getResourceAsStream("greeting.txt")) {
                        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    }
                }

                public static String later() {
                    return Later.WORD;
                }
            }

            class Later {
                static final String WORD = new String("later");
            }
            """;

    @TempDir
    Path work;

    Path classes;
    Path jar;

    @BeforeEach
    void buildCode() throws Exception {
        classes = VatCodeFixtures.compileWithHostClassPath(work, work.resolve("classes"),
                Map.of("Greeter.java", GREETER));
        Files.writeString(classes.resolve("demo/greeting.txt"), "hello");
        jar = VatCodeFixtures.jar(classes, work.resolve("greeter.jar"));
        Files.writeString(work.resolve("secret.txt"), "host file");
    }

    @Test
    void aDirectoryOfClassesIsLoadedWithItsResources() throws Exception {
        try (VatClassLoader loader = VatClasses.load("dir", new VatClassSource.Directory(classes), ClassCheck.NONE)) {
            assertLoadsGreeter(loader);
            assertThat(loader.getResource("demo/greeting.txt")).hasProtocol("file");
            assertThat(loader.getResource("../secret.txt")).as("outside the directory").isNull();
            assertThat(loader.getResourceAsStream("../secret.txt")).isNull();
        }
    }

    @Test
    void aJarOfClassesIsLoadedWithItsResources() throws Exception {
        try (VatClassLoader loader = VatClasses.load("jar", new VatClassSource.Jar(jar), ClassCheck.NONE)) {
            assertLoadsGreeter(loader);
            assertThat(loader.getResource("demo/greeting.txt").toString())
                    .isEqualTo("jar:" + jar.toUri() + "!/demo/greeting.txt");
        }
    }

    @Test
    void eachLoaderOfOneJarHasItsOwnStaticState() throws Exception {
        VatClassSource source = new VatClassSource.Jar(jar);
        try (VatClassLoader first = VatClasses.load("first", source, ClassCheck.NONE);
                VatClassLoader second = VatClasses.load("second", source, ClassCheck.NONE)) {
            Class<?> firstGreeter = VatClasses.findVatClass(first, "demo.Greeter");
            Class<?> secondGreeter = VatClasses.findVatClass(second, "demo.Greeter");

            assertThat(firstGreeter).isNotSameAs(secondGreeter);
            assertThat(firstGreeter.getMethod("increment").invoke(null)).isEqualTo(1);
            assertThat(firstGreeter.getMethod("increment").invoke(null)).isEqualTo(2);
            assertThat(secondGreeter.getMethod("increment").invoke(null)).isEqualTo(1);
        }
    }

    @Test
    void theHostsResourcesAreHiddenButTheJdksAreNot() throws Exception {
        String hostResource = "io/jocap/vat/load/VatClassLoader.class";
        assertThat(getClass().getClassLoader().getResource(hostResource)).isNotNull();

        try (VatClassLoader loader = VatClasses.load("dir", new VatClassSource.Directory(classes), ClassCheck.NONE)) {
            assertThat(loader.getResource(hostResource)).isNull();
            assertThat(loader.getResourceAsStream(hostResource)).isNull();
            assertThat(Collections.list(loader.getResources(hostResource))).isEmpty();
            assertThat(loader.getResource("java/lang/Object.class")).isNotNull();
        }
    }

    @Test
    void afterCloseNoMoreClassesLoadButLoadedOnesKeepWorking() throws Exception {
        VatClassLoader loader = VatClasses.load("closing", new VatClassSource.Jar(jar), ClassCheck.NONE);
        Class<?> greeter = VatClasses.findVatClass(loader, "demo.Greeter");
        loader.close();
        loader.close();

        assertThat(greeter.getMethod("increment").invoke(null)).isEqualTo(1);
        assertThatThrownBy(() -> VatClasses.findVatClass(loader, "demo.Later"))
                .isInstanceOf(VatLoadException.class)
                .hasMessage("vat closing: the vat's class loader is closed; cannot load demo.Later");
        assertThat(loader.getResourceAsStream("demo/greeting.txt")).isNull();
    }

    @Test
    void aMalformedClassFileFailsNamingTheClassAndTheJvmsReason() throws Exception {
        Files.writeString(classes.resolve("demo/Bad.class"), "not a class file");

        try (VatClassLoader loader = VatClasses.load("dir", new VatClassSource.Directory(classes), ClassCheck.NONE)) {
            assertThatThrownBy(() -> VatClasses.findVatClass(loader, "demo.Bad"))
                    .isInstanceOf(VatLoadException.class)
                    .hasMessageStartingWith("vat dir: cannot load class demo.Bad: ClassFormatError: ")
                    .hasMessageContaining("demo/Bad");
        }
    }

    private static void assertLoadsGreeter(VatClassLoader loader) throws Exception {
        Class<?> greeter = VatClasses.findVatClass(loader, "demo.Greeter");
        assertThat(greeter.getClassLoader()).isSameAs(loader);
        assertThat(greeter.getProtectionDomain().getCodeSource().getLocation())
                .isEqualTo(loader.source().path().toUri().toURL());
        assertThat(greeter.getMethod("greeting").invoke(null)).isEqualTo("hello");
        assertThat(greeter.getMethod("later").invoke(null)).isEqualTo("later");
        try (InputStream in = loader.getResourceAsStream("demo/greeting.txt")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hello");
        }
        assertThat(loader.defaultClassName()).isNull();
    }
}
