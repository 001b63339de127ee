package io.jocap.vat.runtime.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jocap.marshal.Passables;
import io.jocap.marshal.Remotable;
import io.jocap.vat.Far;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.lang.reflect.Constructor;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A vat class as the runtime meets it: package-private, defined by a class loader of its own (so
 * in an unnamed module of that loader), and compiled with {@code -parameters}, so messages can
 * name parameters.
 */
class ParameterNamesTest {
    private static final String SOURCE = """
            package vatcode;

            import io.jocap.vat.Far;

            final class Wallet implements Far {
                record Payment(String memo, long amount) {}

                private long balance = 10;

                public long pay(long amount, String memo) {
                    balance -= amount;
                    return balance;
                }

                public String send(Payment payment) {
                    return payment.memo();
                }

                public String tag(String first, String... rest) {
                    return first + rest.length;
                }
            }
            """;

    @TempDir
    static Path classes;

    private static Far wallet;
    private static URLClassLoader loader;

    @BeforeAll
    static void compileAndLoad() throws Exception {
        Path source = classes.resolve("Wallet.java");
        Files.writeString(source, SOURCE);
        String classPath = location(Far.class) + File.pathSeparator + location(Remotable.class);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = javac.run(null, null, errors, "-parameters", "-d", classes.toString(), "-cp", classPath,
                source.toString());
        assertThat(status).as(errors.toString()).isZero();
        loader = new URLClassLoader(new java.net.URL[] {classes.toUri().toURL()}, Far.class.getClassLoader());
        Class<?> type = loader.loadClass("vatcode.Wallet");
        Constructor<?> constructor = type.getDeclaredConstructor();
        constructor.setAccessible(true); // the test, unlike the runtime, has to make one
        wallet = (Far) constructor.newInstance();
        assertThat(type.getModule().isNamed()).isFalse();
        assertThat(type.getClassLoader()).isSameAs(loader);
    }

    private static String location(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    @Test
    void callsAPackagePrivateClassOfAnotherLoader() throws Exception {
        assertThat(Dispatcher.invoke(wallet, "pay", Passables.list(3.0, "rent"))).isEqualTo(7L);
        assertThat(Dispatcher.invoke(wallet, "send", Passables.list(Passables.record("memo", "m", "amount", 1.0))))
                .isEqualTo("m");
        assertThat(Dispatcher.invoke(wallet, "tag", Passables.list("a", "b", "c"))).isEqualTo("a2");
    }

    @Test
    void messagesNameTheParameter() {
        assertThatThrownBy(() -> Dispatcher.invoke(wallet, "pay", Passables.list("five", "rent")))
                .isInstanceOf(DispatchException.class)
                .hasMessage("Alleged: Wallet.pay argument 1 (amount) must be a whole number that fits in a long,"
                        + " got \"five\" (a string)");
        assertThatThrownBy(() -> Dispatcher.invoke(wallet, "pay", Passables.list(1.0, 2.0)))
                .hasMessage("Alleged: Wallet.pay argument 2 (memo) must be a string, got 2 (a number)");
        assertThatThrownBy(() -> Dispatcher.invoke(wallet, "send",
                        Passables.list(Passables.record("memo", "m", "amount", 0.5))))
                .hasMessage("Alleged: Wallet.send argument 1 (payment) at .amount must be a whole number that fits in"
                        + " a long, got 0.5 (a number)");
        assertThatThrownBy(() -> Dispatcher.invoke(wallet, "tag", Passables.list("a", "b", 3.0)))
                .hasMessage("Alleged: Wallet.tag argument 3 (rest[1]) must be a string, got 3 (a number)");
    }

    @Test
    void theTableListsTheMethods() {
        assertThat(MethodTable.of(wallet.getClass()).methodNames()).isEqualTo(new java.util.TreeSet<>(List.of("pay", "send", "tag")));
    }
}
