package io.jocap.vat.powers;

import io.jocap.vat.VatPromise;
import io.jocap.vat.VatPromises;
import io.jocap.vat.VatResolver;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * {@link Timers} of one vat.
 *
 * <p>All vats share one daemon scheduler thread: its only job is to hand each firing to the
 * owning vat's loop with {@code loop.post}, which is cheap, so one thread serves any number of
 * vats. Each vat keeps its own set of live timers, so {@link #cancelAll()} cancels exactly that
 * vat's timers. A timer's {@code cancelled} flag is checked again on the loop just before the task
 * runs: that is what makes a cancel from the vat's code effective even when the scheduler has
 * already submitted the firing.
 */
final class LoopTimers implements Timers {
    /** Created on first use, so a JVM whose vats use no timers starts no thread. */
    private static final class SharedScheduler {
        static final ScheduledThreadPoolExecutor INSTANCE = create();

        private static ScheduledThreadPoolExecutor create() {
            ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
                Thread thread = new Thread(runnable, "jocap-vat-timers");
                thread.setDaemon(true);
                return thread;
            });
            // Cancelled timers leave the queue at once instead of at their due time.
            executor.setRemoveOnCancelPolicy(true);
            return executor;
        }
    }

    /**
     * The shortest interval period: the scheduler thread is shared, so a vat must not be able to
     * keep it spinning with a nanosecond interval.
     */
    static final Duration MIN_PERIOD = Duration.ofMillis(1);

    private final PowerGate gate;
    private final Set<LoopTimer> live = ConcurrentHashMap.newKeySet();

    LoopTimers(PowerGate gate) {
        this.gate = gate;
    }

    @Override
    public TimerHandle setTimeout(Duration delay, Runnable task) {
        gate.checkOpenOnLoop("timers.setTimeout");
        long nanos = nanos(requireNonNegative(delay, "timers.setTimeout", "delay"));
        Objects.requireNonNull(task, "task");
        return arm(new LoopTimer(task, false),
                timer -> SharedScheduler.INSTANCE.schedule(timer::fire, nanos, TimeUnit.NANOSECONDS));
    }

    @Override
    public TimerHandle setInterval(Duration period, Runnable task) {
        gate.checkOpenOnLoop("timers.setInterval");
        requireNonNegative(period, "timers.setInterval", "period");
        if (period.isZero()) {
            throw new IllegalArgumentException("timers.setInterval: the period must be positive, got " + period);
        }
        long nanos = Math.max(nanos(period), MIN_PERIOD.toNanos());
        Objects.requireNonNull(task, "task");
        return arm(new LoopTimer(task, true),
                timer -> SharedScheduler.INSTANCE.scheduleAtFixedRate(timer::fire, nanos, nanos, TimeUnit.NANOSECONDS));
    }

    @Override
    public VatPromise<Void> delay(Duration delay) {
        gate.checkOpenOnLoop("timers.delay");
        requireNonNegative(delay, "timers.delay", "delay");
        VatResolver<Void> resolver = VatPromises.kit();
        setTimeout(delay, () -> resolver.resolve(null));
        return resolver.promise();
    }

    /** Cancels every timer of the vat; called when it stops. */
    void cancelAll() {
        for (LoopTimer timer : live) {
            timer.cancel();
        }
    }

    /** How many timers may still fire (for tests). */
    int liveCount() {
        return live.size();
    }

    private LoopTimer arm(LoopTimer timer, Function<LoopTimer, ScheduledFuture<?>> schedule) {
        live.add(timer);
        timer.attach(schedule.apply(timer));
        // cancelAll may have run on another thread between the gate check and live.add; then it
        // missed this timer, but we see the stop here (the gate is flipped before cancelAll).
        if (gate.isStopped()) {
            timer.cancel();
        }
        return timer;
    }

    private static Duration requireNonNegative(Duration duration, String operation, String what) {
        if (duration == null) {
            throw new IllegalArgumentException(operation + ": the " + what + " must not be null");
        }
        if (duration.isNegative()) {
            throw new IllegalArgumentException(operation + ": the " + what + " must not be negative, got " + duration);
        }
        return duration;
    }

    /** In nanoseconds, saturated: a delay of centuries simply never comes. */
    private static long nanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException overflow) {
            return Long.MAX_VALUE;
        }
    }

    /** One timer: fired by the scheduler thread, run on the loop, cancelled from anywhere. */
    private final class LoopTimer implements TimerHandle {
        private final Runnable task;
        private final boolean repeating;
        private volatile boolean cancelled;
        /** A firing was submitted to the loop and has not started yet; further ticks are skipped. */
        private final AtomicBoolean queued = new AtomicBoolean();
        private ScheduledFuture<?> future; // guarded by this

        LoopTimer(Runnable task, boolean repeating) {
            this.task = task;
            this.repeating = repeating;
        }

        synchronized void attach(ScheduledFuture<?> scheduled) {
            if (cancelled) {
                scheduled.cancel(false);
            } else {
                future = scheduled;
            }
        }

        /** On the scheduler thread. */
        void fire() {
            if (cancelled || !queued.compareAndSet(false, true)) {
                return;
            }
            try {
                gate.loop().post(this::runOnLoop);
            } catch (RuntimeException loopClosed) {
                // Nothing can run on a closed loop any more; don't keep ticking for it.
                cancel();
            }
        }

        /** On the vat's loop, as a turn of its own. */
        private void runOnLoop() {
            queued.set(false);
            if (cancelled) {
                return;
            }
            if (!repeating) {
                cancel(); // done: forget it before running, so the task may throw freely
            }
            task.run();
        }

        @Override
        public void cancel() {
            ScheduledFuture<?> scheduled;
            synchronized (this) {
                if (cancelled) {
                    return;
                }
                cancelled = true;
                scheduled = future;
                future = null;
            }
            if (scheduled != null) {
                scheduled.cancel(false);
            }
            live.remove(this);
        }
    }
}
