package io.jocap.kernel.host;

import io.jocap.kernel.state.KernelState;

/**
 * A management action run on the kernel thread, between cranks, in a crank of its own (see
 * {@link InboxItem.Task}). It may read and write {@code state}; throwing rolls its crank back and
 * fails the task with the exception.
 */
@FunctionalInterface
public interface KernelAction<T> {
    /** Runs the action against the kernel state. */
    T apply(KernelState state);
}
