package io.jocap.kernel.config;

import java.util.Optional;

/** Where a vat's objects run, as a vat's {@code "worker"} field says. */
public enum WorkerKind {
    /**
     * In the kernel's JVM, its turns run by the kernel's own thread (the default): no hand-over
     * between threads, about twice as fast for small deliveries as {@link #VAT_THREAD}. A runaway
     * turn is stopped by the step budget; one that runs past the deadline in code the budget does
     * not see (a long JDK call) is given up on by the kernel's watchdog, which goes on on a new
     * thread.
     */
    IN_PROCESS("inProcess"),
    /** In a JVM process of its own. */
    PROCESS("process"),
    /**
     * In the kernel's JVM, on a thread of its own, to which the kernel hands each turn (and whose
     * syscalls it serves on its own thread meanwhile).
     */
    VAT_THREAD("vatThread");

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
