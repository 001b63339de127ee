package io.jocap.kernel.run;

import io.jocap.protocol.Delivery;
import io.jocap.protocol.DeliveryResult;
import java.time.Duration;

/**
 * The kernel's handle on a vat: how a delivery reaches it. Registered with the
 * {@link CrankRunner} under the vat's id.
 *
 * <p><b>Contract.</b> {@link #deliver} is called on the kernel thread, inside the crank of the
 * delivery, and must not return before the vat is quiescent: every syscall the delivery causes
 * goes through {@code syscalls} before the call returns. Returning {@link DeliveryResult.Failed}
 * or throwing means the vat runtime broke: the crank is rolled back and the vat terminated with
 * {@code [KERNEL:VAT_FATAL:INTERNAL_ERROR]}. A vat method that throws is not that: the vat rejects
 * the result promise with a {@code resolve} syscall and answers {@link DeliveryResult.Ok}.
 */
@FunctionalInterface
public interface VatEndpoint {
    /**
     * Hands {@code delivery} to the vat and waits for its answer.
     *
     * @param delivery what the vat is asked to do, in its own vref namespace
     * @param syscalls where the vat makes its syscalls, for the duration of this call only
     * @return the vat's answer
     */
    DeliveryResult deliver(Delivery delivery, SyscallPort syscalls);

    /**
     * A hint that {@link #deliver} will be called within microseconds (the kernel is translating
     * the delivery): an endpoint whose vat sleeps on another thread may start waking it, so that
     * the wake-up overlaps the kernel's work. Called on the kernel thread; must not block. The
     * default does nothing.
     */
    default void deliveryComing() {}

    /**
     * If this endpoint runs the vat's code on the thread that calls {@link #deliver} (the kernel's
     * thread; an external turn too), how long that code may run between two syscalls; null (the
     * default) if the vat's code runs on another thread, whose waits the endpoint bounds itself.
     *
     * <p>Past the deadline the kernel gives up on its thread (see {@link TurnGuard}): the turn's
     * crank is rolled back, the vat terminated with {@code [KERNEL:VAT_FATAL:INTERNAL_ERROR]}, and
     * the kernel goes on on a new thread. The old thread is left to the vat's code; its syscalls
     * are refused and, if it ever returns, it ends. Read once per turn, on the kernel thread.
     */
    default Duration inlineTurnDeadline() {
        return null;
    }

    /**
     * Told once the kernel has let go of this vat for good (terminated, or replaced by a new
     * incarnation), after the crank that did it: the endpoint should stop its vat (threads,
     * timers, I/O). Called on the kernel thread; it must not block for long, and what it throws is
     * ignored. The default does nothing.
     *
     * @param reason why, for logs (may name kernel ids; never shown to vats)
     */
    default void terminated(String reason) {}

    /**
     * Told when the kernel closes, instead of {@link #terminated}: the vat is not terminated (the
     * next kernel on the store starts it again), but this endpoint will not be called any more and
     * should stop its vat. Called on the kernel thread after the last crank; what it throws is
     * ignored. The default calls {@code terminated("the kernel closed")}.
     */
    default void kernelClosed() {
        terminated("the kernel closed");
    }
}
