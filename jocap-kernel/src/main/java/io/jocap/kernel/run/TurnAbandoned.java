package io.jocap.kernel.run;

/**
 * Thrown on a kernel thread that a watchdog gave up on (see {@link TurnGuard}) when it makes a
 * syscall or returns from the vat's code: the kernel is someone else's now. It unwinds the thread
 * to the top of its loop, which then ends quietly; every {@code catch} on the way that catches
 * {@link Error}s lets it pass ({@link TurnGuard#rethrowIfAbandoned}) and no {@code finally} on
 * the way touches kernel state.
 */
public final class TurnAbandoned extends Error {
    private static final long serialVersionUID = 1L;

    TurnAbandoned(String vat) {
        super("the kernel gave up on this thread: vat " + vat + "'s turn ran past its deadline", null, false, false);
    }
}
