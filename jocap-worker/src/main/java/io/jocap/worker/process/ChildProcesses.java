package io.jocap.worker.process;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every worker process this JVM started and that is still running, so that none outlives the JVM:
 * a shutdown hook (registered with the first child) kills them all when the JVM exits without
 * the kernel having closed. A JVM killed outright runs no hook; its children then see their
 * standard input close and exit by themselves ({@link WorkerMain}).
 */
final class ChildProcesses {
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    private ChildProcesses() {}

    private static final class Hook {
        static {
            Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("jocap-worker-reaper").unstarted(() -> {
                for (Process process : LIVE) {
                    process.destroyForcibly();
                }
            }));
        }

        static void install() {
            // the static initializer did it, once
        }
    }

    /** Keeps track of {@code process} until it exits. */
    static void register(Process process) {
        Hook.install();
        LIVE.add(process);
        process.onExit().thenRun(() -> LIVE.remove(process));
    }

    /** How many registered processes are still running (for tests). */
    static int liveCount() {
        LIVE.removeIf(p -> !p.isAlive());
        return LIVE.size();
    }
}
