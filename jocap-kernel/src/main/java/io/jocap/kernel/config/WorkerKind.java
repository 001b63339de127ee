package io.jocap.kernel.config;

import java.util.Optional;

/** Where a vat's objects run, as a vat's {@code "worker"} field says. */
public enum WorkerKind {
    /** On a thread of the kernel's own JVM (the default). */
    IN_PROCESS("inProcess"),
    /** In a JVM process of its own. */
    PROCESS("process"),
    /**
     * In the kernel's JVM, its turns run by the kernel's own thread: no hand-over between threads,
     * about twice as fast for small deliveries. The vat's classes are verified and metered as
     * in-process ones, so a runaway turn is stopped by the step budget; there is no deadline.
     */
    KERNEL_THREAD("kernelThread");

    private final String configName;

    WorkerKind(String configName) {
        this.configName = configName;
    }

    /** The name used in a vat's {@code "worker"} field. */
    public String configName() {
        return configName;
    }

    /** The kind called {@code name} in a config (exact, case-sensitive), if any. */
    public static Optional<WorkerKind> byConfigName(String name) {
        for (WorkerKind kind : values()) {
            if (kind.configName.equals(name)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
