package io.jocap.kernel.run;

import io.jocap.protocol.DeliveryResult;

/**
 * Work a vat must do outside any delivery (a timer fired, an I/O call completed), run by the
 * kernel in a crank of its own with a live {@link SyscallPort}, exactly like a delivery: its
 * syscalls are validated and answered at once (vatstore reads included), its outputs leave only
 * after the crank commits, and a fault terminates the vat. This is how a vat's asynchronous
 * completions reach the kernel without ever running vat code outside a crank: the vat's worker
 * offers the turn to the kernel's inbox, which wakes the kernel, and the kernel runs it between
 * cranks (design invariant 2).
 *
 * <p>The contract of {@link VatEndpoint#deliver} applies: {@link #run} is called on the kernel
 * thread and must not return before the vat is quiescent.
 */
@FunctionalInterface
public interface ExternalTurn {
    /** Runs the vat's pending work, making its syscalls on {@code syscalls}, and answers. */
    DeliveryResult run(SyscallPort syscalls);
}
