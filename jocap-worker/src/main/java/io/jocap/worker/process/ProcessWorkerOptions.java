package io.jocap.worker.process;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How {@link ProcessWorker}s are run: the limits the kernel's side applies, and what the child JVM
 * is given besides the vat's own {@code maxHeapMb}.
 *
 * @param deadline how long the kernel waits for a worker during a turn between two messages (a
 *     syscall, the turn's end); past it the worker process is killed and the vat terminated
 * @param startTimeout how long the kernel waits for a new worker to load its vat (the JVM's start,
 *     and compiling a {@code source} vat)
 * @param defaultHeapMb the heap limit (MiB) of a vat whose config gives no {@code maxHeapMb}
 * @param jvmOptions more options for the child JVM, before its main class (for example {@code
 *     -XX:TieredStopAtLevel=1}); the heap limit, {@code -XX:+ExitOnOutOfMemoryError}, native access
 *     and the class path are always given
 * @param classCheck the binary name of the class whose instance checks the vat's classes in the
 *     child (a {@code ClassCheck} or a {@code Supplier<ClassCheck>} with a public no-argument
 *     constructor), or null for none
 */
public record ProcessWorkerOptions(
        Duration deadline, Duration startTimeout, int defaultHeapMb, List<String> jvmOptions, String classCheck) {
    /** The default deadline, as the in-process worker's. */
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(60);
    /** The default heap limit of a worker JVM, in MiB. */
    public static final int DEFAULT_HEAP_MB = 256;

    public ProcessWorkerOptions {
        requirePositive(deadline, "deadline");
        requirePositive(startTimeout, "startTimeout");
        if (defaultHeapMb < 16) {
            throw new IllegalArgumentException("defaultHeapMb: at least 16 MiB, got " + defaultHeapMb);
        }
        jvmOptions = List.copyOf(jvmOptions);
        for (String option : jvmOptions) {
            if (!option.startsWith("-")) {
                throw new IllegalArgumentException("jvmOptions: " + option + " is not an option (it does not start with '-')");
            }
        }
    }

    /**
     * A 60 s deadline, a 60 s start timeout, 256 MiB heaps, the serial collector, and the
     * load-time verifier ({@link io.jocap.worker.verify.StandardVerifier}), as for in-process vats.
     */
    public static ProcessWorkerOptions defaults() {
        return new ProcessWorkerOptions(DEFAULT_DEADLINE, Duration.ofSeconds(60), DEFAULT_HEAP_MB,
                List.of("-XX:+UseSerialGC"), io.jocap.worker.verify.StandardVerifier.class.getName());
    }

    public ProcessWorkerOptions withDeadline(Duration deadline) {
        return new ProcessWorkerOptions(deadline, startTimeout, defaultHeapMb, jvmOptions, classCheck);
    }

    public ProcessWorkerOptions withStartTimeout(Duration startTimeout) {
        return new ProcessWorkerOptions(deadline, startTimeout, defaultHeapMb, jvmOptions, classCheck);
    }

    public ProcessWorkerOptions withDefaultHeapMb(int defaultHeapMb) {
        return new ProcessWorkerOptions(deadline, startTimeout, defaultHeapMb, jvmOptions, classCheck);
    }

    public ProcessWorkerOptions withJvmOptions(List<String> jvmOptions) {
        return new ProcessWorkerOptions(deadline, startTimeout, defaultHeapMb, jvmOptions, classCheck);
    }

    public ProcessWorkerOptions withClassCheck(String classCheck) {
        return new ProcessWorkerOptions(deadline, startTimeout, defaultHeapMb, jvmOptions, classCheck);
    }

    private static void requirePositive(Duration d, String field) {
        Objects.requireNonNull(d, field);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(field + ": must be positive, got " + d);
        }
    }
}
