package io.jocap.vat.load;

import static io.jocap.vat.load.VatCodeFixtures.writeSource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jocap.marshal.CapData;
import io.jocap.vat.VatException;
import io.jocap.vat.VatPowers;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Vats given as one .java file, compiled by the real compiler. */
class JavaSourceTest {
    static final String COUNTER = """
            package demo;

            public class Counter {
                private static int count;

                public static int increment() {
                    return ++count;
                }

                public static class Nested {
                    public static String hello() {
                        return "nested " + Helper.name();
                    }
                }
            }

            class Helper {
                static String name() {
                    return "helper";
                }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void compilesTheFileAndLoadsEachOfItsClasses() throws Exception {
        Path file = writeSource(dir, "Counter.java", COUNTER);

        try (VatClassLoader loader = VatClasses.load("alice", new VatClassSource.JavaSource(file), ClassCheck.NONE)) {
            assertThat(loader.defaultClassName()).isEqualTo("demo.Counter");
            Class<?> counter = VatClasses.findVatClass(loader, "demo.Counter");
            assertThat(counter.getClassLoader()).isSameAs(loader);
            assertThat(counter.getMethod("increment").invoke(null)).isEqualTo(1);
            Class<?> nested = VatClasses.findVatClass(loader, "demo.Counter$Nested");
            assertThat(nested.getMethod("hello").invoke(null)).isEqualTo("nested helper");
            assertThat(VatClasses.findVatClass(loader, "demo.Helper").getClassLoader()).isSameAs(loader);
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).as("nothing written beside the source").containsExactly(file);
        }
    }

    @Test
    void twoLoadersOfOneSourceShareNoClassAndNoStaticState() throws Exception {
        VatClassSource source = new VatClassSource.JavaSource(writeSource(dir, "Counter.java", COUNTER));

        try (VatClassLoader first = VatClasses.load("first", source, ClassCheck.NONE);
                VatClassLoader second = VatClasses.load("second", source, ClassCheck.NONE)) {
            Class<?> firstCounter = VatClasses.findVatClass(first, "demo.Counter");
            Class<?> secondCounter = VatClasses.findVatClass(second, "demo.Counter");
            assertThat(firstCounter).isNotSameAs(secondCounter);
            Method firstIncrement = firstCounter.getMethod("increment");
            Method secondIncrement = secondCounter.getMethod("increment");

            assertThat(firstIncrement.invoke(null)).isEqualTo(1);
            assertThat(firstIncrement.invoke(null)).isEqualTo(2);
            assertThat(firstIncrement.invoke(null)).isEqualTo(3);
            assertThat(secondIncrement.invoke(null)).isEqualTo(1);
            assertThat(firstIncrement.invoke(null)).isEqualTo(4);
        }
    }

    @Test
    void thereIsNoDefaultClassWithoutASinglePublicTopLevelClass() throws Exception {
        Path file = writeSource(dir, "Tools.java", """
                class First {}
                class Second {}
                """);

        try (VatClassLoader loader = VatClasses.load("tools", new VatClassSource.JavaSource(file), ClassCheck.NONE)) {
            assertThat(loader.defaultClassName()).isNull();
            assertThat(VatClasses.findVatClass(loader, "First").getName()).isEqualTo("First");
        }
    }

    @Test
    void aCompileFailureListsEveryErrorWithItsLine() throws Exception {
        Path file = writeSource(dir, "Broken.java", """
                package demo;
                public class Broken {
                    int number = "text";
                    void call() { undefined(); }
                    Strin misspelt;
                }
                """);

        assertThatThrownBy(() -> VatClasses.load("broken", new VatClassSource.JavaSource(file), ClassCheck.NONE))
                .isInstanceOf(VatLoadException.class)
                .hasMessageStartingWith("vat broken: Java source " + file + " does not compile (3 errors):")
                .hasMessageContaining("\n  Broken.java:3: incompatible types: java.lang.String cannot be converted to int\n"
                        + "  Broken.java:4: cannot find symbol\n"
                        + "      symbol:   method undefined()\n"
                        + "      location: class demo.Broken\n"
                        + "  Broken.java:5: cannot find symbol\n");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void vatSourcesCompileAgainstTheApiOnly() throws Exception {
        Path file = writeSource(dir, "Sneaky.java", """
                import io.jocap.vat.load.VatClasses;
                import org.junit.jupiter.api.Test;

                public class Sneaky {}
                """);

        assertThatThrownBy(() -> VatClasses.load("sneaky", new VatClassSource.JavaSource(file), ClassCheck.NONE))
                .hasMessageContaining("Sneaky.java:1: package io.jocap.vat.load does not exist")
                .hasMessageContaining("Sneaky.java:2: package org.junit.jupiter.api does not exist");
    }

    @Test
    void vatCodeUsesTheHostsApiClassesAndThePowerTypesTheApiHandsOut() throws Exception {
        Path file = writeSource(dir, "Greeter.java", """
                import io.jocap.marshal.CapData;
                import io.jocap.vat.VatException;
                import io.jocap.vat.VatPowers;

                public class Greeter {
                    public static Class<?>[] apiTypes() {
                        return new Class<?>[] {VatException.class, CapData.class};
                    }

                    public static void greet(VatPowers powers) {
                        powers.logger().info("hello from " + powers.vatName());
                    }
                }
                """);
        List<String> logged = new ArrayList<>();
        VatPowers powers = fakePowers("greeter", logged);

        try (VatClassLoader loader = VatClasses.load("greeter", new VatClassSource.JavaSource(file), ClassCheck.NONE)) {
            Class<?> greeter = VatClasses.findVatClass(loader, "Greeter");
            assertThat((Class<?>[]) greeter.getMethod("apiTypes").invoke(null))
                    .containsExactly(VatException.class, CapData.class);
            greeter.getMethod("greet", VatPowers.class).invoke(null, powers);
        }
        assertThat(logged).containsExactly("info: hello from greeter");
    }

    @Test
    void withoutACompilerTheErrorSaysWhatToDo() {
        Path file = dir.resolve("Counter.java");

        assertThatThrownBy(() -> JavaSourceCompiler.requireCompiler(null, file))
                .isInstanceOf(VatLoadException.class)
                .hasMessage("cannot compile Java source " + file + ": this Java runtime has no compiler"
                        + " (module jdk.compiler); run jocap on a JDK, or give the vat as compiled"
                        + " classes (a directory or a jar)");
    }

    /** Powers whose logger records what it is asked to log; built from the interfaces as they are. */
    private static VatPowers fakePowers(String vatName, List<String> logged) throws Exception {
        Class<?> loggerType = VatPowers.class.getMethod("logger").getReturnType();
        Object logger = Proxy.newProxyInstance(loggerType.getClassLoader(), new Class<?>[] {loggerType},
                (proxy, method, args) -> {
                    logged.add(method.getName() + ": " + args[0]);
                    return null;
                });
        return (VatPowers) Proxy.newProxyInstance(VatPowers.class.getClassLoader(),
                new Class<?>[] {VatPowers.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "logger" -> logger;
                    case "vatName" -> vatName;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
