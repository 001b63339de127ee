package io.jocap.kernel.host;

import io.jocap.kernel.run.TurnGuard;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Watches the kernel thread's {@link TurnGuard} and gives up on a thread that stays in one vat's
 * code, without a syscall, for longer than the turn's deadline; then hands the abandoned guard to
 * {@code takeOver}, which gives the kernel to a new thread (and a new guard).
 *
 * <p>It never gives up early: a turn is abandoned only once the guard's word has stayed the same
 * for the whole deadline, as measured from the first time the watchdog saw it; so at most one
 * polling period late. It polls rather than being told of each turn, so the kernel thread pays
 * nothing for it but the guard's compare-and-sets.
 */
final class TurnWatchdog implements Runnable {
    /** How often the guard is looked at while the kernel is not in a vat's code. */
    static final long IDLE_PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long MIN_PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final long MAX_PERIOD_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Supplier<TurnGuard> guard;
    private final Consumer<TurnGuard> takeOver;
    private volatile boolean stopped;
    private volatile Thread thread;

    /**
     * @param guard the guard of the thread that runs the kernel now (it changes at each take-over)
     * @param takeOver given the guard just abandoned, on the watchdog's thread
     */
    TurnWatchdog(Supplier<TurnGuard> guard, Consumer<TurnGuard> takeOver) {
        this.guard = Objects.requireNonNull(guard, "guard");
        this.takeOver = Objects.requireNonNull(takeOver, "takeOver");
    }

    /** Starts the watchdog's daemon thread. */
    void start(String name) {
        Thread t = Thread.ofPlatform().name(name).daemon(true).unstarted(this);
        thread = t;
        t.start();
    }

    /** Stops watching (the kernel has stopped); returns at once. */
    void stop() {
        stopped = true;
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    @Override
    public void run() {
        TurnGuard watched = null;
        long seen = 0;
        long since = 0;
        while (!stopped) {
            TurnGuard current = guard.get();
            long word = current.observe();
            if (!TurnGuard.inVat(word)) {
                watched = null;
                LockSupport.parkNanos(this, IDLE_PERIOD_NANOS);
                continue;
            }
            long now = System.nanoTime();
            long deadline = current.deadline().toNanos();
            if (current != watched || word != seen) {
                watched = current;
                seen = word;
                since = now;
            } else if (now - since >= deadline && current.abandon(word)) {
                watched = null;
                takeOver.accept(current);
                continue;
            }
            LockSupport.parkNanos(this, Math.clamp(deadline / 8, MIN_PERIOD_NANOS, MAX_PERIOD_NANOS));
        }
    }
}
