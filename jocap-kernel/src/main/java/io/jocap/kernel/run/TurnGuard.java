package io.jocap.kernel.run;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where the kernel thread is, as far as a watchdog needs to know: in the kernel's own code, in a
 * vat's code (a turn run on the kernel thread, see {@link VatEndpoint#inlineTurnDeadline()}), or
 * in a syscall that turn made. A watchdog may {@linkplain #abandon give up} on a thread that has
 * stayed in a vat's code past the turn's deadline; from then on that thread can no longer touch
 * kernel state: its next syscall, and its return from the vat's code, throw {@link TurnAbandoned},
 * which unwinds it to the top of its kernel loop, and the watchdog hands the kernel to a new
 * thread, with a new guard. An abandoned guard stays abandoned: whatever the old thread does
 * later, it only ever meets this guard, never the new thread's.
 *
 * <p><b>Contract.</b> {@link #enterVat}, {@link #exitVat}, {@link #enterSyscall} and
 * {@link #exitSyscall} are called by the thread that runs the kernel, in matching pairs;
 * {@link #observe} and {@link #abandon} by the watchdog. A thread is abandoned only while it is in
 * a vat's code and not in a syscall, so a syscall in progress always completes, and the kernel
 * state the new thread takes over is the state between two syscalls. Every write the abandoned
 * thread made before its last transition here happens-before a successful {@link #abandon}.
 *
 * <p><b>Implementation overview.</b> One atomic word holds the place in its low two bits and a
 * count of transitions above them. The kernel thread moves it with a compare-and-set, which fails
 * only if the watchdog abandoned it; the watchdog abandons with a compare-and-set against the very
 * word it observed, so it succeeds only if the thread has not moved since. Two uncontended
 * compare-and-sets per turn and per syscall are the whole cost on the kernel thread: no clock is
 * read there; the watchdog measures how long a word stays the same.
 */
public final class TurnGuard {
    private static final long KERNEL = 0;
    private static final long VAT = 1;
    private static final long SYSCALL = 2;
    private static final long ABANDONED = 3;
    private static final long PLACE = 3;
    private static final long STEP = 4;

    private final AtomicLong word = new AtomicLong(KERNEL);
    // Written by the kernel thread before the word moves to VAT, read by the watchdog after it saw
    // that word: the word's volatile write and read order them.
    private String vat;
    private Duration deadline;

    /**
     * The kernel thread is about to run {@code vat}'s code for one turn, which may run {@code
     * deadline} between two syscalls.
     *
     * @throws IllegalStateException if the guard is not in the kernel's code (a kernel bug)
     */
    public void enterVat(String vat, Duration deadline) {
        this.vat = Objects.requireNonNull(vat, "vat");
        this.deadline = Objects.requireNonNull(deadline, "deadline");
        move(KERNEL, VAT);
    }

    /**
     * The vat's code returned (or threw) to the kernel thread.
     *
     * @throws TurnAbandoned if the watchdog gave up on this thread: it must not go on
     */
    public void exitVat() {
        move(VAT, KERNEL);
    }

    /**
     * The vat's code, on the kernel thread, makes a syscall.
     *
     * @throws TurnAbandoned if the watchdog gave up on this thread: the syscall must not be applied
     */
    public void enterSyscall() {
        move(VAT, SYSCALL);
    }

    /** The syscall is done; back in the vat's code. */
    public void exitSyscall() {
        move(SYSCALL, VAT);
    }

    private void move(long from, long to) {
        long current = word.get();
        if ((current & PLACE) == ABANDONED) {
            throw new TurnAbandoned(vat);
        }
        if ((current & PLACE) != from) {
            throw new IllegalStateException("turn guard moved from " + name(current & PLACE) + ", expected " + name(from));
        }
        if (!word.compareAndSet(current, (current & ~PLACE) + STEP | to)) {
            throw new TurnAbandoned(vat); // only the watchdog moves the word behind our back
        }
    }

    /** The current word, for {@link #abandon}: equal words mean the thread has not moved. Any thread. */
    public long observe() {
        return word.get();
    }

    /** Whether {@code observed} says the thread is in a vat's code (not in a syscall). */
    public static boolean inVat(long observed) {
        return (observed & PLACE) == VAT;
    }

    /** The vat whose turn the thread is in; meaningful after {@link #observe} saw {@link #inVat}. */
    public String vat() {
        return vat;
    }

    /** The deadline of the turn the thread is in; meaningful after {@link #observe} saw {@link #inVat}. */
    public Duration deadline() {
        return deadline;
    }

    /**
     * Gives up on the kernel thread if it is still exactly where {@code observed} saw it, in a
     * vat's code. Watchdog only.
     *
     * @return true if it was given up on: the caller now owns the kernel and must hand it to a
     *     new thread; false if the thread had moved (the turn ended, or made a syscall)
     */
    public boolean abandon(long observed) {
        return inVat(observed) && word.compareAndSet(observed, (observed & ~PLACE) + STEP | ABANDONED);
    }

    /** Rethrows {@code failure} if it is a {@link TurnAbandoned}: what catches everything must let it pass. */
    public static void rethrowIfAbandoned(Throwable failure) {
        if (failure instanceof TurnAbandoned abandoned) {
            throw abandoned;
        }
    }

    private static String name(long place) {
        return switch ((int) place) {
            case 0 -> "the kernel's code";
            case 1 -> "a vat's code";
            case 2 -> "a syscall";
            default -> "an abandoned turn";
        };
    }
}
