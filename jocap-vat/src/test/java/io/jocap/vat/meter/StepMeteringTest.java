package io.jocap.vat.meter;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jocap.vat.StepBudgetExceeded;
import io.jocap.vat.load.ClassCheck;
import io.jocap.vat.load.VatClassLoader;
import io.jocap.vat.load.VatClassSource;
import io.jocap.vat.load.VatClasses;
import io.jocap.vat.loop.VatLoop;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.Opcode;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metering transform: what it inserts, that the metered class verifies and behaves as before,
 * and how many steps its code takes (counted by a {@link VatLoop}'s meter).
 */
class StepMeteringTest {
    private static final String LOOPS = """
            import java.util.function.IntUnaryOperator;
            public final class Loops {
                private final int start;
                public Loops() { this(0); }
                public Loops(int start) { this.start = start; }
                public static Loops make() { return new Loops(); }
                public static int nothing() { return 1; }
                public static long sum(int n) {
                    long sum = 0;
                    for (int i = 0; i < n; i++) { sum += i; }
                    return sum;
                }
                public static int nested(int n) {
                    int count = 0;
                    for (int i = 0; i < n; i++) { int j = 0; do { count++; j++; } while (j < n); }
                    return count;
                }
                public static int depth(int n) { return n == 0 ? 0 : 1 + depth(n - 1); }
                public static int lambdas(int n) {
                    IntUnaryOperator next = x -> x + 1;
                    int r = 0;
                    for (int i = 0; i < n; i++) { r = next.applyAsInt(r); }
                    return r;
                }
                public static int switchLoop(int n) {
                    int state = 0;
                    int i = 0;
                    while (true) {
                        switch (state) {
                            case 0 -> state = 1;
                            case 1 -> { i++; state = i < n ? 0 : 2; }
                            default -> { return i; }
                        }
                    }
                }
                public static void spin() { while (true) { } }
                public static int stubborn() {
                    int caught = 0;
                    while (true) {
                        try { spin(); } catch (Throwable t) { caught++; }
                    }
                }
            }
            """;

    @TempDir Path dir;
    private VatClassLoader loader;
    private Class<?> loops;
    private VatLoop loop;

    @BeforeEach
    void load() throws Exception {
        Path file = dir.resolve("Loops.java");
        Files.writeString(file, LOOPS);
        loader = VatClasses.load("meter", new VatClassSource.JavaSource(file), ClassCheck.NONE, StepMetering.INSTANCE);
        loops = VatClasses.findVatClass(loader, "Loops");
        loop = new VatLoop("meter");
        loop.start();
    }

    @AfterEach
    void close() {
        loop.close();
        loader.close();
    }

    @Test
    void insertsATickAtMethodEntriesBackwardBranchesAndHandlers() throws Exception {
        byte[] metered = StepMetering.INSTANCE.transform("Loops", compiledLoops());
        ClassModel model = ClassFile.of().parse(metered);
        assertThat(ClassFile.of().verify(model)).isEmpty(); // with the regenerated stack maps
        List<String> perMethod = new ArrayList<>();
        model.methods().forEach(method -> method.code().ifPresent(code -> {
            long ticks = code.elementStream()
                    .filter(e -> e instanceof InvokeInstruction invoke && invoke.opcode() == Opcode.INVOKESTATIC
                            && invoke.owner().asInternalName().equals("io/jocap/vat/Meter")
                            && invoke.name().equalsString("step"))
                    .count();
            perMethod.add(method.methodName().stringValue() + "=" + ticks);
        }));
        // An entry tick each, one more per loop; a lambda's body is a method of the class too.
        assertThat(perMethod).contains("nothing=1", "sum=2", "nested=3", "depth=1", "make=1", "spin=2");
        assertThat(perMethod).anyMatch(s -> s.startsWith("lambda$lambdas$") && s.endsWith("=1"));
        assertThat(perMethod).filteredOn(s -> s.startsWith("<init>=")).containsOnly("<init>=1");
        // stubborn: its entry, its handler's entry, and two ways round its loop (javac jumps from
        // the end of the try block straight back to the loop's start).
        assertThat(perMethod).contains("stubborn=4");
    }

    @Test
    void countsOneStepPerIterationAndPerCall() throws Exception {
        assertThat(steps("nothing")).isEqualTo(1);
        assertThat(steps("make")).isEqualTo(3); // make, Loops(), Loops(int): ticks before super() run
        assertThat(steps("sum", 1000) - steps("sum", 0)).isEqualTo(1000);
        assertThat(steps("nested", 30) - steps("nested", 0)).isEqualTo(30 * 30 + 30); // the inner test runs n times
        assertThat(steps("depth", 500)).isEqualTo(501); // recursion without a loop: one per call
        assertThat(steps("lambdas", 100) - steps("lambdas", 0)).isEqualTo(200); // the loop and the lambda's body
        assertThat(steps("switchLoop", 51) - steps("switchLoop", 1)).isEqualTo(100);
        assertThat(run("sum", 1000)).isEqualTo(499500L);
        assertThat(run("lambdas", 7)).isEqualTo(7);
        assertThat(run("nested", 4)).isEqualTo(16);
        assertThat(run("switchLoop", 5)).isEqualTo(5);
    }

    @Test
    void aRunawayLoopIsStoppedByTheBudgetAndStaysStopped() throws Exception {
        loop.stepBudget(10_000);
        String message = "vat meter used its step budget of 10000 steps in one delivery: runaway loop?";
        assertThat(failure("spin")).isInstanceOf(StepBudgetExceeded.class).hasMessage(message);
        assertThat(loop.stepBudgetExceeded()).isEqualTo(message);
        assertThat(loop.stepsTaken()).isEqualTo(10_000);
        // Catching Throwable does not help: the next step throws again, outside the try.
        assertThat(failure("stubborn")).isInstanceOf(StepBudgetExceeded.class);
        assertThat(loop.stepBudgetExceeded()).isEqualTo(message);
        // The next turn has a fresh budget.
        assertThat(run("sum", 100)).isEqualTo(4950L);
        assertThat(loop.stepBudgetExceeded()).isNull();
        assertThat(loop.stepsTaken()).isEqualTo(101);
    }

    @Test
    void codeOffTheLoopThreadIsNotMetered() throws Exception {
        loop.stepBudget(1);
        assertThat(find("sum").invoke(null, 100_000)).isEqualTo(4999950000L);
    }

    @Test
    void aClassThatCannotBeMeteredSaysWhy() {
        assertThatThrownBy(() -> StepMetering.INSTANCE.transform("Broken", new byte[] {1, 2, 3}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot meter class Broken");
    }

    /** The original class file (a compiled {@code .java} source has no resources: compile it again). */
    private byte[] compiledLoops() throws Exception {
        Path out = Files.createDirectories(dir.resolve("classes"));
        int status = ToolProvider.getSystemJavaCompiler()
                .run(null, null, null, "-d", out.toString(), dir.resolve("Loops.java").toString());
        assertThat(status).isZero();
        return Files.readAllBytes(out.resolve("Loops.class"));
    }

    /** The steps a call takes, run on the loop (in a turn of its own). */
    private long steps(String method, Object... args) throws Exception {
        run(method, args);
        return loop.stepsTaken();
    }

    private Object run(String method, Object... args) throws Exception {
        AtomicReference<Object> result = new AtomicReference<>();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Method target = find(method);
        loop.submit(() -> {
            try {
                result.set(target.invoke(null, args));
            } catch (InvocationTargetException e) {
                thrown.set(e.getCause());
            } catch (ReflectiveOperationException e) {
                thrown.set(e);
            }
        }).get(30, SECONDS);
        if (thrown.get() != null) {
            throw new AssertionError(method + " threw", thrown.get());
        }
        return result.get();
    }

    private Throwable failure(String method) throws Exception {
        try {
            Object value = run(method);
            throw new IllegalStateException(method + " returned " + value);
        } catch (AssertionError e) {
            return e.getCause();
        }
    }

    private Method find(String name) {
        for (Method m : loops.getMethods()) {
            if (m.getName().equals(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException(name);
    }
}
