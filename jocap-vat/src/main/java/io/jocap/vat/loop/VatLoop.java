package io.jocap.vat.loop;

import io.jocap.vat.VatException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * One vat's event loop: a single thread that runs the vat's code one <em>turn</em> at a time. A
 * turn starts with a task handed to {@link #submit} (a delivery from the kernel, a timer firing,
 * an I/O completion) and goes on with every task the turn's code {@linkplain #enqueue enqueues}
 * (promise reactions, local eventual sends), until none is left: the turn ends when the vat is
 * <em>quiescent</em>. Turns never overlap. Vat code runs on the loop's thread, except in turns its
 * owner runs on its own thread with {@link #runTurnHere} (the in-process worker's inline mode).
 *
 * <p><b>Contract.</b>
 * <ul>
 *   <li>{@link #start()} starts one daemon platform thread named {@code jocap-vat-<vatName>}.
 *       Turns submitted before that wait for it.
 *   <li>{@link #submit} may be called from any thread; turns run in submission order. Within a
 *       turn, enqueued tasks run in FIFO order after the task that started the turn.
 *   <li>The future {@code submit} returns completes <em>on the loop thread</em>, after the turn
 *       ended and its {@linkplain #onTurnEnd turn-end hook} ran, and before the next turn starts:
 *       actions chained to it with the non-async {@code CompletableFuture} methods run between
 *       turns. They are not part of a turn: {@link #current()} is null there and {@link #enqueue}
 *       is refused.
 *   <li>An exception (or error) thrown by a task goes to the {@linkplain #onUncaught uncaught
 *       handler} and the turn goes on with the next task; the turn's future still completes
 *       normally, since the turn did end.
 *   <li>{@link #close()} refuses new turns and fails the turns that have not started with a
 *       {@link VatException} ("vat &lt;name&gt; is stopped"); the turn in progress, if any, runs to
 *       its end (its future completes normally), then the thread ends. It may be called from any
 *       thread, including from inside a turn, and never waits.
 * </ul>
 *
 * <p><b>Errors.</b> Every {@link Throwable} a task throws, {@link Error}s included, is handed to
 * the uncaught handler and the loop goes on. A {@link StackOverflowError} is an ordinary bug of
 * the vat (the stack has unwound by the time it is caught); other errors ({@link
 * OutOfMemoryError}, {@link LinkageError}, ...) may mean the vat is broken, but the loop cannot
 * know what its owner wants to do about it: the handler is never skipped, so an owner that wants
 * to stop the vat on such an error does it there (for example by calling {@link #close()}). The
 * loop itself only dies if the handler and the fallback print to {@code System.err} both fail.
 *
 * <p><b>Implementation overview.</b> Submitted turns sit in a deque guarded by {@code lock};
 * the loop thread takes one, then drains {@code turnTasks}, a deque only the loop thread
 * touches. Quiescence checks registered with {@code atEndOfTurn} (used to report unhandled
 * rejections) run when the deque is empty and may enqueue more work, so the drain repeats until
 * both are empty. {@code CURRENT} is set only while a turn runs, which is what makes
 * {@link #current()} the test for "inside a turn of this loop".
 */
public final class VatLoop implements AutoCloseable {
    /** The loop whose turn is running on this thread; set only during a turn. */
    private static final ThreadLocal<VatLoop> CURRENT = new ThreadLocal<>();

    private final String vatName;

    // Guarded by lock: the submission side, shared between the loop thread and submitters.
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition turnSubmitted = lock.newCondition();
    private final ArrayDeque<PendingTurn> pendingTurns = new ArrayDeque<>();
    private boolean closed;
    private boolean started;
    /** Turns submitted so far; written under lock, read by the loop thread's spin without it. */
    private volatile long submitted;
    /** Turns taken by the loop thread so far; loop thread only. */
    private long taken;
    /** Whether the turn that ended last was submitted with {@code expectMore}; loop thread only. */
    private boolean expectMore;
    /** Set by {@link #wakeSoon} until the loop thread has seen it; guarded by lock. */
    private boolean wakeHint;

    /** Counted down when the loop thread has ended, or by close() if it never started. */
    private final CountDownLatch terminated = new CountDownLatch(1);

    private volatile MeteredThread thread;
    /** The thread running a turn through {@link #runTurnHere}, or null; guarded by lock. */
    private volatile Thread inlineThread;
    /** The step meter of turns run through {@link #runTurnHere}. */
    private final StepMeter inlineMeter;
    private volatile Runnable turnEndHook;
    private volatile Consumer<Throwable> uncaughtHandler;
    private volatile Consumer<Runnable> externalGate;
    private volatile long stepBudget = StepMeter.UNLIMITED;
    /** The over-budget message of the turn that ended last, or null; written by the loop thread. */
    private volatile String overBudget;
    /** The steps the turn that ended last took; written by the loop thread. */
    private volatile long stepsTaken;

    // Loop-thread only: the turn in progress.
    private final ArrayDeque<Runnable> turnTasks = new ArrayDeque<>();
    private final List<Runnable> endOfTurnChecks = new ArrayList<>();
    private boolean inTurn;

    private record PendingTurn(Runnable task, CompletableFuture<Void> done, boolean expectMore) {}

    /**
     * How long the loop thread polls for the next turn before it parks, after a turn submitted
     * with {@code expectMore} or a {@link #wakeSoon}: waking a parked thread takes tens of
     * microseconds on a virtual machine, more than a kernel's crank between two deliveries to the
     * same vat.
     */
    private static final long IDLE_SPIN_NANOS = 50_000;

    /** A loop for the vat named {@code vatName} (used in the thread's name and in messages); not started. */
    public VatLoop(String vatName) {
        this.vatName = Objects.requireNonNull(vatName, "vatName");
        this.uncaughtHandler = this::printUncaught;
        this.inlineMeter = new StepMeter(vatName);
    }

    /** The name of the vat this loop runs. */
    public String vatName() {
        return vatName;
    }

    /** The loop whose turn is running on the calling thread, or null if none (also between turns). */
    public static VatLoop current() {
        return CURRENT.get();
    }

    /**
     * Starts the loop's thread.
     *
     * @throws IllegalStateException if the loop was already started or is closed
     */
    public void start() {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException(stoppedMessage());
            }
            if (started) {
                throw new IllegalStateException("vat " + vatName + "'s event loop is already started");
            }
            started = true;
            MeteredThread t = new MeteredThread(vatName, "jocap-vat-" + vatName, this::run);
            t.setDaemon(true);
            thread = t;
            t.start();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs {@code task} as the start of a new turn, after every turn submitted before it. The
     * future completes on the loop thread when the turn has ended (the vat is quiescent), before
     * the next turn starts; it completes exceptionally with a {@link VatException} if the loop is
     * closed before the turn starts (at once if it is already closed). Thread-safe.
     */
    public CompletableFuture<Void> submit(Runnable task) {
        return submit(task, false);
    }

    /**
     * As {@link #submit(Runnable)}; {@code expectMore} says that another turn will probably be
     * submitted within microseconds of this one's end (the kernel is delivering to this vat
     * several times in a row), so the loop thread polls for it for a short while before it parks.
     * Only a hint: it changes when the thread sleeps, never what runs.
     */
    public CompletableFuture<Void> submit(Runnable task, boolean expectMore) {
        Objects.requireNonNull(task, "task");
        CompletableFuture<Void> done = new CompletableFuture<>();
        lock.lock();
        try {
            if (!closed) {
                pendingTurns.addLast(new PendingTurn(task, done, expectMore));
                submitted++;
                turnSubmitted.signal();
                return done;
            }
        } finally {
            lock.unlock();
        }
        done.completeExceptionally(stopped());
        return done;
    }

    /**
     * A hint that a turn will be submitted within microseconds: if the loop thread is parked, it
     * wakes now and polls for that turn for a short while, so that its wake-up (tens of
     * microseconds on a virtual machine) overlaps the submitter's work. Only a hint: it changes
     * when the thread sleeps, never what runs. Thread-safe; a no-op on a closed loop.
     */
    public void wakeSoon() {
        lock.lock();
        try {
            if (!closed && pendingTurns.isEmpty() && !wakeHint) {
                wakeHint = true;
                turnSubmitted.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Adds {@code task} to the turn running now; it runs after the tasks enqueued before it, in
     * the same turn.
     *
     * @throws IllegalStateException if not called on this loop's thread during a turn
     */
    public void enqueue(Runnable task) {
        Objects.requireNonNull(task, "task");
        requireInTurn("enqueue");
        turnTasks.addLast(task);
    }

    /** Whether the loop has been closed. */
    public boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Whether the calling thread is this loop's thread (during a turn or between turns; see
     * {@link #current()} for "during a turn").
     */
    public boolean inLoop() {
        return Thread.currentThread() == thread || Thread.currentThread() == inlineThread;
    }

    /**
     * Runs one turn starting with {@code task} on the calling thread instead of the loop's, and
     * returns when it has ended (the turn-end hook included). Turns are still never concurrent and
     * never nested: the loop must have no turn running or waiting, and no turn may be submitted
     * until this returns (a worker that grants every turn itself, as the in-process worker does,
     * guarantees both). The turn has its step budget, like one run on the loop's thread, through
     * a meter of this loop's; {@link #inLoop()} and {@link #current()} hold during the turn.
     *
     * @throws IllegalStateException if the loop is closed or busy, or if the calling thread is a
     *     vat's loop thread
     */
    public void runTurnHere(Runnable task) {
        Objects.requireNonNull(task, "task");
        if (Thread.currentThread() instanceof MeteredThread) {
            throw new IllegalStateException("a turn of vat " + vatName + " cannot run on another vat's loop thread");
        }
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException(stoppedMessage());
            }
            if (!pendingTurns.isEmpty() || inlineThread != null || inTurn) {
                throw new IllegalStateException("vat " + vatName + "'s event loop is busy; cannot run a turn here");
            }
            inlineThread = Thread.currentThread();
        } finally {
            lock.unlock();
        }
        StepMeter.enterInlineTurn(inlineMeter);
        try {
            runTurnBody(task, inlineMeter);
        } finally {
            StepMeter.leaveInlineTurn();
            lock.lock();
            try {
                inlineThread = null;
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Gives every turn that starts from now on a budget of {@code steps} metered steps of vat code
     * (see {@link io.jocap.vat.Meter}): method entries and loop iterations of the vat's own,
     * metered classes. Once a turn has spent it, every further step of that turn throws {@link
     * io.jocap.vat.StepBudgetExceeded}, and {@link #stepBudgetExceeded()} says so after the turn.
     * {@link Long#MAX_VALUE}, the default, means no budget.
     *
     * @throws IllegalArgumentException if {@code steps} is not positive
     */
    public void stepBudget(long steps) {
        if (steps <= 0) {
            throw new IllegalArgumentException("a step budget must be positive, not " + steps);
        }
        this.stepBudget = steps;
    }

    /**
     * If the turn that ended last spent its step budget, the message saying so ({@code vat NAME
     * used its step budget of N steps in one delivery: runaway loop?}); null otherwise. Meant to be
     * read when the turn's future has completed and before the next turn is submitted.
     */
    public String stepBudgetExceeded() {
        return overBudget;
    }

    /**
     * How many metered steps the turn that ended last took (its budget, if it spent it); read as
     * {@link #stepBudgetExceeded()}. For tests and measurements.
     */
    public long stepsTaken() {
        return stepsTaken;
    }

    /**
     * Sets the hook run on the loop thread after every turn, once the turn is quiescent and before
     * its future completes; it replaces any previous hook, null removes it. What the hook throws
     * goes to the uncaught handler. The hook is not part of the turn: it may not enqueue.
     */
    public void onTurnEnd(Runnable hook) {
        this.turnEndHook = hook;
    }

    /**
     * Hands the vat work that comes from outside it (a timer fired, an I/O call completed), from
     * any thread. By default it runs as a new turn, as with {@link #submit}; an owner that must
     * decide when such work runs (a worker that runs every turn inside a kernel crank) routes it
     * elsewhere with {@link #onExternal}, and later runs it in a turn of its choosing.
     */
    public void post(Runnable task) {
        java.util.Objects.requireNonNull(task, "task");
        Consumer<Runnable> gate = externalGate;
        if (gate != null) {
            gate.accept(task);
        } else {
            submit(task);
        }
    }

    /** Routes what {@link #post} receives to {@code gate} (called on the posting thread); null restores the default. */
    public void onExternal(Consumer<Runnable> gate) {
        this.externalGate = gate;
    }

    /**
     * Sets the handler for what tasks (and the turn-end hook) throw, replacing the previous one;
     * null restores the default, which prints one line to {@code System.err}. It runs on the loop
     * thread; what it throws is printed to {@code System.err} and otherwise ignored.
     */
    public void onUncaught(Consumer<Throwable> handler) {
        this.uncaughtHandler = handler != null ? handler : this::printUncaught;
    }

    /**
     * Stops the loop: turns not yet started fail, the thread ends after the turn in progress.
     * Idempotent, never blocks, may be called from inside a turn.
     */
    @Override
    public void close() {
        List<PendingTurn> dropped;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            dropped = new ArrayList<>(pendingTurns);
            pendingTurns.clear();
            turnSubmitted.signalAll();
            if (!started) {
                terminated.countDown();
            }
        } finally {
            lock.unlock();
        }
        // Completed outside the lock: their dependents run on this thread and may submit.
        for (PendingTurn turn : dropped) {
            turn.done().completeExceptionally(stopped());
        }
    }

    /**
     * Waits until the loop's thread has ended after {@link #close()} (true at once for a loop
     * closed before it was started).
     *
     * @return whether it ended within {@code timeout}
     */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        return terminated.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public String toString() {
        return "VatLoop[" + vatName + "]";
    }

    // ---- package-private services for the promise implementation ----

    /**
     * Runs {@code check} when the current turn has no task left, before it ends; the check may
     * enqueue tasks (the turn then goes on, and checks registered meanwhile run after them).
     */
    void atEndOfTurn(Runnable check) {
        Objects.requireNonNull(check, "check");
        requireInTurn("atEndOfTurn");
        endOfTurnChecks.add(check);
    }

    /** Hands {@code failure} to the uncaught handler; on the loop thread. */
    void reportUncaught(Throwable failure) {
        try {
            uncaughtHandler.accept(failure);
        } catch (Throwable handlerFailure) {
            // The handler is the last resort; if it fails, a line on stderr still beats silence.
            System.err.println("vat " + vatName + ": uncaught " + failure + " (handler failed: " + handlerFailure + ")");
        }
    }

    // ---- the loop thread ----

    private void run() {
        try {
            PendingTurn turn;
            while ((turn = nextTurn()) != null) {
                runTurn(turn);
            }
        } finally {
            // Normally a no-op (the loop ends because it was closed); if the loop itself failed,
            // this makes sure no submitted turn waits forever.
            close();
            terminated.countDown();
        }
    }

    /** The next turn to run, waiting for one; null once the loop is closed. */
    private PendingTurn nextTurn() {
        if (expectMore) {
            pollForTurn();
        }
        lock.lock();
        try {
            while (pendingTurns.isEmpty() && !closed) {
                if (wakeHint) {
                    wakeHint = false;
                    lock.unlock();
                    try {
                        pollForTurn();
                    } finally {
                        lock.lock();
                    }
                    continue;
                }
                // Uninterruptibly: vat code has no business interrupting its own loop thread, and
                // an interrupt left over from a task must not stop the loop.
                turnSubmitted.awaitUninterruptibly();
            }
            if (closed) {
                return null;
            }
            taken++;
            wakeHint = false;
            PendingTurn next = pendingTurns.pollFirst();
            expectMore = next.expectMore();
            return next;
        } finally {
            lock.unlock();
        }
    }

    /** Polls, without parking, for a turn submitted after the last one taken; gives up after a while. */
    private void pollForTurn() {
        long until = System.nanoTime() + IDLE_SPIN_NANOS;
        while (submitted == taken && System.nanoTime() < until) {
            Thread.onSpinWait();
        }
    }

    private void runTurn(PendingTurn turn) {
        try {
            runTurnBody(turn.task(), thread.meter());
        } catch (Throwable loopFailure) {
            // Only reached if reporting a failure failed too (runTask catches everything else):
            // the loop cannot go on, but the turn's owner must still hear about it.
            turn.done().completeExceptionally(loopFailure);
            throw loopFailure;
        }
        turn.done().complete(null);
    }

    /** One turn on the calling thread: the task, every task it enqueues, then the turn-end hook. */
    private void runTurnBody(Runnable task, StepMeter meter) {
        CURRENT.set(this);
        inTurn = true;
        long budget = stepBudget;
        meter.arm(budget);
        try {
            runTask(task);
            drainUntilQuiescent();
        } finally {
            inTurn = false;
            CURRENT.remove();
            overBudget = meter.exceeded() ? StepMeter.overBudgetMessage(vatName, budget) : null;
            stepsTaken = meter.stepsTaken();
            meter.arm(StepMeter.UNLIMITED); // the turn-end hook and what follows are not vat code
        }
        Runnable hook = turnEndHook;
        if (hook != null) {
            runTask(hook);
        }
    }

    private void drainUntilQuiescent() {
        while (true) {
            Runnable task;
            while ((task = turnTasks.pollFirst()) != null) {
                runTask(task);
            }
            if (endOfTurnChecks.isEmpty()) {
                return;
            }
            List<Runnable> checks = List.copyOf(endOfTurnChecks);
            endOfTurnChecks.clear();
            for (Runnable check : checks) {
                runTask(check);
            }
        }
    }

    private void runTask(Runnable task) {
        try {
            task.run();
        } catch (Throwable failure) {
            reportUncaught(failure);
        }
    }

    private void requireInTurn(String operation) {
        if (CURRENT.get() != this || !inTurn) {
            throw new IllegalStateException(operation + " on vat " + vatName
                    + "'s event loop is only allowed on its loop thread during a turn"
                    + " (use submit to start a turn from elsewhere)");
        }
    }

    private void printUncaught(Throwable failure) {
        System.err.println("vat " + vatName + ": uncaught " + failure);
    }

    private String stoppedMessage() {
        return "vat " + vatName + " is stopped";
    }

    private VatException stopped() {
        return new VatException(stoppedMessage());
    }
}
