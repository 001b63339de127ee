package io.jocap.kernel.service;

import io.jocap.marshal.CapData;

/**
 * Where a finished service call's outcome goes: the host wires it to the kernel's inbox, so that
 * the result promise is settled on the kernel thread, between cranks (design invariant 2).
 * Called on whatever thread finished the call; must not block.
 */
@FunctionalInterface
public interface ServiceResultSink {
    /** Settles the result promise {@code kp}: fulfils it with {@code value}, or rejects it with it. */
    void settle(String kp, CapData value, boolean rejected);
}
