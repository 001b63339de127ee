package io.jocap.kernel.run;

/**
 * The kernel's own ear for promise settlements: promises the kernel pseudo-endpoint subscribed to
 * (on the host's behalf) are announced here instead of being delivered to a vat.
 *
 * <p><b>Contract.</b> Called on the kernel thread, after the crank that handled the
 * {@code Notify} item for the kernel has committed, with that crank's number; the promise is then
 * settled and its committed value can be read. Because the notify crank comes after the crank
 * that settled the promise, anything made visible once crank {@code crank} is durable is covered
 * by the settlement too. Must not throw, block, or open a crank.
 */
@FunctionalInterface
public interface KernelSubscriber {
    /** Promise {@code kp} has settled; the notify crank was {@code crank}. */
    void settled(String kp, long crank);
}
