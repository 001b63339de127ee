package io.jocap.worker;

import io.jocap.vat.powers.VatLogger;
import java.util.ArrayDeque;
import java.util.Queue;

/**
 * The work a vat's timers and I/O completions leave for its next external turn, and whether that
 * turn has been asked for: a worker asks the kernel for one turn however much work piles up
 * before it is granted. Thread-safe (work is added from timer and I/O threads, run on the loop).
 */
public final class ExternalWork {
    private final Object lock = new Object();
    private final Queue<Runnable> tasks = new ArrayDeque<>(); // guarded by lock
    private boolean turnRequested; // guarded by lock

    /** Queues {@code task}; true if the caller must ask for a turn (none is asked for yet). */
    public boolean add(Runnable task) {
        synchronized (lock) {
            tasks.add(task);
            boolean ask = !turnRequested;
            turnRequested = true;
            return ask;
        }
    }

    /**
     * Runs every task queued so far, and those queued meanwhile, on the calling thread (the vat's
     * loop, in a granted turn); a task that throws is logged to {@code logger} and the rest run.
     */
    public void runAll(VatLogger logger) {
        while (true) {
            Runnable task;
            synchronized (lock) {
                task = tasks.poll();
                if (task == null) {
                    turnRequested = false;
                    return;
                }
            }
            try {
                task.run();
            } catch (RuntimeException e) {
                logger.error("a timer or I/O completion failed", e);
            }
        }
    }
}
