package io.jocap.worker.verify;

import static io.jocap.worker.verify.VerifierFixtures.vat;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A corpus of small hostile vats, one per rule: each is compiled as jocap compiles a vat's source
 * and must be refused for exactly the expected rule, naming the expected member.
 */
class HostileVatsTest {
    @TempDir Path dir;

    /** Name, members of the vat class, the one rule broken, and a part of what it names. */
    static Stream<Arguments> corpus() {
        return Stream.of(
                // Files and the network.
                hostile("ReadsAFile", "void run() throws Exception { java.nio.file.Files.readString(java.nio.file.Path.of(\"/etc/passwd\")); }",
                        "files", "java.nio.file.Files.readString(java.nio.file.Path)"),
                hostile("OpensAFileStream", "void run() throws Exception { new java.io.FileInputStream(\"/etc/passwd\").close(); }",
                        "files", "new java.io.FileInputStream(java.lang.String)"),
                hostile("OpensASocket", "void run() throws Exception { new java.net.Socket(\"example.com\", 80).close(); }",
                        "network", "new java.net.Socket(java.lang.String, int)"),
                hostile("OpensAUrl", "void run() throws Exception { java.net.URI.create(\"http://example.com\").toURL().openStream(); }",
                        "network", "java.net.URI.toURL()"),
                // Threads.
                hostile("StartsAThread", "void run() { new Thread(() -> {}).start(); }",
                        "threads", "java.lang.Thread.start()"),
                hostile("ExtendsThread", "static final class Worker extends Thread {}",
                        "threads", "extends java.lang.Thread"),
                hostile("Sleeps", "void run() throws Exception { Thread.sleep(10); }",
                        "threads", "java.lang.Thread.sleep(long)"),
                hostile("UsesAnExecutor", "void run() { java.util.concurrent.Executors.newSingleThreadExecutor().submit(() -> {}); }",
                        "threads", "java.util.concurrent.Executors.newSingleThreadExecutor()"),
                hostile("UsesAFuture", "void run() { java.util.concurrent.CompletableFuture.runAsync(() -> {}); }",
                        "threads", "java.util.concurrent.CompletableFuture.runAsync(java.lang.Runnable)"),
                hostile("UsesAThreadLocal", "void run() { new ThreadLocal<String>().set(\"x\"); }",
                        "threads", "new java.lang.ThreadLocal()"),
                hostile("UsesAParallelStream", "long run(List<Integer> xs) { return xs.parallelStream().count(); }",
                        "threads", "java.util.List.parallelStream()"),
                hostile("MakesAStreamParallel", "long run() { return java.util.stream.IntStream.range(0, 9).parallel().sum(); }",
                        "threads", "java.util.stream.IntStream.parallel()"),
                hostile("InheritsParallelStream", "static final class Names extends ArrayList<String> {}\n"
                                + "long run() { return new Names().parallelStream().count(); }",
                        "threads", "java.util.ArrayList.parallelStream()"),
                // Reflection, class loading, method handles, Unsafe, native code.
                hostile("Reflects", "void run() throws Exception { getClass().getDeclaredMethods()[0].setAccessible(true); }",
                        "reflection", "java.lang.Class.getDeclaredMethods()"),
                hostile("ReadsAField", "Object run(Object o) throws Exception { return o.getClass().getDeclaredField(\"x\").get(o); }",
                        "reflection", "java.lang.reflect.Field.get(java.lang.Object)"),
                hostile("FindsAClass", "Object run() throws Exception { return Class.forName(\"io.jocap.kernel.host.Kernel\"); }",
                        "class loading", "java.lang.Class.forName(java.lang.String)"),
                hostile("UsesAClassLoader", "Object run() throws Exception { return ClassLoader.getSystemClassLoader().loadClass(\"x\"); }",
                        "class loading", "java.lang.ClassLoader.getSystemClassLoader()"),
                hostile("LooksUpAMethodHandle", "Object run() throws Exception { return java.lang.invoke.MethodHandles.lookup()"
                                + ".findVirtual(String.class, \"length\", java.lang.invoke.MethodType.methodType(int.class)); }",
                        "reflection", "java.lang.invoke.MethodHandles.lookup()"),
                hostile("NamesUnsafe", "Object run() { return sun.misc.Unsafe.class; }",
                        "unsafe memory access", "sun.misc.Unsafe"),
                hostile("HasANativeMethod", "native int peek(long address);",
                        "native code", "native method"),
                hostile("LoadsALibrary", "void run() { System.loadLibrary(\"evil\"); }",
                        "native code", "java.lang.System.loadLibrary(java.lang.String)"),
                // Code run outside the vat's control.
                hostile("HasAFinalizer", "@SuppressWarnings(\"removal\") @Override protected void finalize() {}",
                        "finalizers", "finalize()"),
                hostile("HasASerializationHook", "private void readObject(java.io.ObjectInputStream in) {}",
                        "serialization", "readObject(java.io.ObjectInputStream)"),
                hostile("ReplacesItselfWhenSerialized", "private Object writeReplace() { return this; }",
                        "serialization", "writeReplace()"),
                // Static state.
                hostile("MutatesAStatic", "static int count;\nvoid run() { count++; }",
                        "static state", "assignment to MutatesAStatic.count"),
                hostile("HasANonFinalStatic", "static String name = \"x\";",
                        "static state", "static java.lang.String name"),
                hostile("HasAMutableStaticFinal", "static final ArrayList<String> CACHE = new ArrayList<>();",
                        "static state", "static final java.util.ArrayList CACHE"),
                hostile("HasAStaticFinalList", "static final List<String> NAMES = List.of(\"a\");",
                        "static state", "static final java.util.List NAMES"),
                hostile("HasAStaticArray", "static final int[] TABLE = {1, 2};",
                        "static state", "static final int[] TABLE"),
                hostile("HasAStaticOfAMutableRecord", "record Box(int[] values) {}\nstatic final Box BOX = new Box(new int[1]);",
                        "static state", "static final HasAStaticOfAMutableRecord$Box BOX"),
                hostile("HasAStaticOfAMutableEnum", "enum Mode { ON, OFF; int uses; }\nstatic final Mode DEFAULT = Mode.ON;",
                        "static state", "static final HasAStaticOfAMutableEnum$Mode DEFAULT"),
                // The process and the host.
                hostile("Exits", "void run() { System.exit(1); }",
                        "process control", "java.lang.System.exit(int)"),
                hostile("ExitsByMethodReference", "java.util.function.IntConsumer run() { return System::exit; }",
                        "process control", "java.lang.System.exit(int)"),
                hostile("ReadsTheEnvironment", "String run() { return System.getenv(\"HOME\"); }",
                        "environment", "java.lang.System.getenv(java.lang.String)"),
                hostile("ReadsAProperty", "String run() { return System.getProperty(\"user.home\"); }",
                        "environment", "java.lang.System.getProperty(java.lang.String)"),
                hostile("ReadsAPropertyAsAnInteger", "Integer run() { return Integer.getInteger(\"port\"); }",
                        "environment", "java.lang.Integer.getInteger(java.lang.String)"),
                hostile("ChangesTheDefaultLocale", "void run() { Locale.setDefault(Locale.ROOT); }",
                        "environment", "java.util.Locale.setDefault(java.util.Locale)"),
                hostile("ReadsTheTimeZone", "Object run() { return java.time.ZoneId.systemDefault(); }",
                        "environment", "java.time.ZoneId.systemDefault()"),
                hostile("GetsTheRuntime", "int run() { return Runtime.getRuntime().availableProcessors(); }",
                        "process control", "java.lang.Runtime.getRuntime()"),
                hostile("StartsAProcess", "void run() throws Exception { new ProcessBuilder(\"ls\").start(); }",
                        "process control", "java.lang.ProcessBuilder.start()"),
                hostile("PrintsAStackTrace", "void run(Exception e) { e.printStackTrace(); }",
                        "process control", "java.lang.Exception.printStackTrace()"),
                hostile("PrintsAnApiExceptionsStackTrace", "void run() { new VatException(\"x\").printStackTrace(); }",
                        "process control", "java.lang.Throwable.printStackTrace()"),
                // Clocks.
                hostile("ReadsTheClock", "long run() { return System.currentTimeMillis(); }",
                        "clocks", "java.lang.System.currentTimeMillis()"),
                hostile("ReadsNanoTime", "long run() { return System.nanoTime(); }",
                        "clocks", "java.lang.System.nanoTime()"),
                hostile("ReadsInstantNow", "Object run() { return java.time.Instant.now(); }",
                        "clocks", "java.time.Instant.now()"),
                hostile("ReadsTodaysDate", "Object run() { return java.time.LocalDate.now(); }",
                        "clocks", "java.time.LocalDate.now()"),
                hostile("UsesAClock", "Object run() { return java.time.Clock.systemUTC(); }",
                        "clocks", "java.time.Clock.systemUTC()"),
                // Randomness.
                hostile("UsesMathRandom", "double run() { return Math.random(); }",
                        "randomness", "java.lang.Math.random()"),
                hostile("UsesAnUnseededRandom", "int run() { return new Random().nextInt(); }",
                        "randomness", "new java.util.Random()"),
                hostile("MakesUnseededRandomsByReference", "java.util.function.Supplier<Random> run() { return Random::new; }",
                        "randomness", "new java.util.Random()"),
                hostile("ShufflesUnseeded", "void run(List<String> xs) { Collections.shuffle(xs); }",
                        "randomness", "java.util.Collections.shuffle(java.util.List)"),
                hostile("MakesARandomUuid", "Object run() { return UUID.randomUUID(); }",
                        "randomness", "java.util.UUID.randomUUID()"),
                hostile("UsesSecureRandom", "int run() { return new java.security.SecureRandom().nextInt(); }",
                        "randomness", "new java.security.SecureRandom()"),
                hostile("UsesThreadLocalRandom", "int run() { return java.util.concurrent.ThreadLocalRandom.current().nextInt(); }",
                        "randomness", "java.util.concurrent.ThreadLocalRandom.current()"),
                hostile("UsesTheDefaultGenerator", "int run() { return java.util.random.RandomGenerator.getDefault().nextInt(); }",
                        "randomness", "java.util.random.RandomGenerator.getDefault()"),
                // Identity and monitors.
                hostile("UsesIdentityHashCode", "int run(Object o) { return System.identityHashCode(o); }",
                        "identity hashes", "java.lang.System.identityHashCode(java.lang.Object)"),
                hostile("InternsAString", "String run(String s) { return s.intern(); }",
                        "shared state", "java.lang.String.intern()"),
                hostile("SynchronizesOnAString", "void run() { synchronized (\"lock\") { run(); } }",
                        "monitors", "synchronized block"),
                hostile("HasASynchronizedMethod", "synchronized void run() {}",
                        "monitors", "synchronized method"),
                hostile("Waits", "void run(Object o) throws InterruptedException { o.wait(); }",
                        "monitors", "java.lang.Object.wait()"),
                hostile("WaitsThroughAnInterface", "void run(Runnable r) throws InterruptedException { r.wait(); }",
                        "monitors", "java.lang.Runnable.wait()"),
                hostile("NotifiesAList", "void run(ArrayList<String> xs) { xs.notifyAll(); }",
                        "monitors", "java.lang.Object.notifyAll()"), // javac names Object for its final methods
                // Not on the list at all.
                hostile("UsesAWeakReference", "Object run() { return new java.lang.ref.WeakReference<>(this); }",
                        "garbage collection", "new java.lang.ref.WeakReference(java.lang.Object)"),
                hostile("UsesAnUnlistedClass", "Object run() { return new java.util.Date(); }",
                        JdkPolicy.NOT_LISTED, "new java.util.Date()"));
    }

    private static Arguments hostile(String name, String members, String rule, String target) {
        return Arguments.of(name, members, rule, target);
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("corpus")
    void eachHostileVatIsRefusedForItsRule(String name, String members, String rule, String target) throws Exception {
        List<Violation> violations = VerifierFixtures.violations(dir, name + ".java", vat(name, members));

        assertThat(violations).as("%s", violations).isNotEmpty();
        assertThat(violations).extracting(Violation::rule).as("%s", violations).containsOnly(rule);
        assertThat(violations).extracting(Violation::target).as("%s", violations).contains(target);
    }
}
