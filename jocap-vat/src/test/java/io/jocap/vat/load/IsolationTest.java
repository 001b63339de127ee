package io.jocap.vat.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.jocap.marshal.CapData;
import io.jocap.vat.VatException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What vat code can reach. Its classes are compiled against the host's whole class path, as a
 * malicious vat's would be, so only the loader stands between them and the host.
 */
class IsolationTest {
    static final Map<String, String> SOURCES = Map.of(
            "UsesHost.java", """
                    package evil;
                    public class UsesHost {
                        public static Object hostClass() {
                            return io.jocap.vat.load.VatClasses.class;
                        }
                    }
                    """,
            "ImplementsHost.java", """
                    package evil;
                    public class ImplementsHost implements org.junit.jupiter.api.function.Executable {
                        public void execute() {}
                    }
                    """,
            "Finder.java", """
                    package evil;
                    public class Finder {
                        public static Class<?> find(String name) throws ClassNotFoundException {
                            return Class.forName(name);
                        }
                    }
                    """);

    @TempDir
    Path work;

    VatClassLoader loader;

    @BeforeEach
    void buildVat() throws Exception {
        Path classes = VatCodeFixtures.compileWithHostClassPath(work, work.resolve("classes"), SOURCES);
        VatCodeFixtures.writeEmptyClass(classes, "java.lang.Evil");
        VatCodeFixtures.writeEmptyClass(classes, "io.jocap.vat.Evil");
        VatCodeFixtures.writeEmptyClass(classes, "io.jocap.marshal.Evil");
        VatCodeFixtures.writeEmptyClass(classes, "io.jocap.vat.VatException");
        VatCodeFixtures.writeEmptyClass(classes, "java.lang.String");
        loader = VatClasses.load("mallory", new VatClassSource.Directory(classes), ClassCheck.NONE);
    }

    @Test
    void vatCodeGetsTheHostsApiAndJdkClasses() throws Throwable {
        assertThat(find(VatException.class.getName())).isSameAs(VatException.class);
        assertThat(find(CapData.class.getName())).isSameAs(CapData.class);
        assertThat(find("java.util.List")).isSameAs(List.class);
        assertThat(find("java.lang.String")).as("the vat's own copy is ignored").isSameAs(String.class);
        assertThat(loader.loadClass("io.jocap.vat.VatException")).isSameAs(VatException.class);
    }

    @Test
    void vatCodeMayNotNameOtherHostClasses() {
        for (String hostClass : List.of("io.jocap.vat.load.VatClassLoader", "org.junit.jupiter.api.Test",
                "org.assertj.core.api.Assertions")) {
            Throwable thrown = catchThrowable(() -> find(hostClass));
            assertThat(thrown).isInstanceOf(ClassNotFoundException.class)
                    .hasMessage("vat mallory: class " + hostClass + " is not in the vat's class directory "
                            + work.resolve("classes") + ", and vat code may not use any other class: it"
                            + " sees only the JDK's platform classes, the jocap vat API (packages"
                            + " io.jocap.vat and io.jocap.marshal) and its own classes");
        }
    }

    @Test
    void aReferenceToAHostClassFailsWhenItIsResolved() throws Exception {
        Class<?> usesHost = VatClasses.findVatClass(loader, "evil.UsesHost");

        Throwable thrown = catchThrowable(() -> usesHost.getMethod("hostClass").invoke(null));

        assertThat(thrown).isInstanceOf(InvocationTargetException.class);
        assertThat(thrown.getCause()).isInstanceOf(NoClassDefFoundError.class)
                .cause().isInstanceOf(ClassNotFoundException.class)
                .hasMessageContaining("class io.jocap.vat.load.VatClasses is not in the vat's")
                .hasMessageContaining("vat code may not use any other class");
    }

    @Test
    void aVatClassExtendingAHostClassIsNotLoaded() {
        assertThatThrownBy(() -> VatClasses.findVatClass(loader, "evil.ImplementsHost"))
                .isInstanceOf(VatLoadException.class)
                .hasMessageStartingWith("vat mallory: cannot load class evil.ImplementsHost:"
                        + " NoClassDefFoundError: org/junit/jupiter/api/function/Executable: ")
                .hasMessageContaining("class org.junit.jupiter.api.function.Executable is not in the vat's")
                .hasMessageContaining("vat code may not use any other class");
    }

    @Test
    void aVatMayNotAddClassesToJdkOrApiPackages() {
        assertThatThrownBy(() -> VatClasses.findVatClass(loader, "java.lang.Evil"))
                .isInstanceOf(VatLoadException.class)
                .hasMessage("vat mallory: vat code may not define class java.lang.Evil (in its class directory "
                        + work.resolve("classes") + "): package java.lang belongs to the JDK");
        assertThatThrownBy(() -> VatClasses.findVatClass(loader, "io.jocap.vat.Evil"))
                .hasMessageContaining("vat code may not define class io.jocap.vat.Evil")
                .hasMessageEndingWith("package io.jocap.vat belongs to the jocap vat API");
        assertThatThrownBy(() -> VatClasses.findVatClass(loader, "io.jocap.marshal.Evil"))
                .hasMessageEndingWith("package io.jocap.marshal belongs to the jocap vat API");
        assertThatThrownBy(() -> find("java.lang.Evil")).isInstanceOf(ClassNotFoundException.class)
                .hasMessageContaining("may not define class java.lang.Evil");
    }

    @Test
    void findVatClassOnlyFindsTheVatsOwnClasses() {
        assertThatThrownBy(() -> VatClasses.findVatClass(loader, "java.lang.String"))
                .isInstanceOf(VatLoadException.class)
                .hasMessage("vat mallory: java.lang.String is not a class of the vat's own code but of the JDK");
        assertThatThrownBy(() -> VatClasses.findVatClass(loader, "io.jocap.vat.VatException"))
                .hasMessage("vat mallory: io.jocap.vat.VatException is not a class of the vat's own code"
                        + " but of the jocap vat API");
        assertThatThrownBy(() -> VatClasses.findVatClass(loader, "evil.Missing"))
                .isInstanceOf(VatLoadException.class)
                .hasMessageStartingWith("vat mallory: class evil.Missing is not in the vat's class directory");
        assertThatThrownBy(() -> VatClasses.findVatClass(loader, "io.jocap.vat.NoSuchApiClass"))
                .hasMessage("vat mallory: class io.jocap.vat.NoSuchApiClass is not in the jocap vat API");
    }

    @Test
    void theApiExposesTypesFromItsSignaturesButNoneOfTheLoadersOwn() throws Exception {
        VatApi api = VatApi.get();
        String loggerType = io.jocap.vat.VatPowers.class.getMethod("logger").getReturnType().getName();

        assertThat(api.exposedTypeNames()).contains(loggerType)
                .noneMatch(name -> name.startsWith("io.jocap.vat.load."));
        assertThat(loader.loadClass(loggerType).getClassLoader()).isSameAs(VatException.class.getClassLoader());
    }

    /** Class.forName as vat code calls it: resolved by the vat's loader. */
    private Class<?> find(String name) throws Throwable {
        Method find = VatClasses.findVatClass(loader, "evil.Finder").getMethod("find", String.class);
        try {
            return (Class<?>) find.invoke(null, name);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
