package io.jocap.kernel.run;

import io.jocap.protocol.Syscall;
import io.jocap.protocol.SyscallResult;

/**
 * The kernel's ear for one delivery: the vat makes its syscalls here while it handles the
 * delivery it was handed with this port. In-process vats call it synchronously, on the kernel
 * thread, from inside {@link VatEndpoint#deliver}.
 *
 * <p>A port is valid only until its delivery returns: calls after that are refused with
 * {@link SyscallResult.Failed} and change nothing (a vat that keeps the port and uses it later,
 * from a timer or another thread, must go through the kernel's inbox instead, design invariant 2).
 */
@FunctionalInterface
public interface SyscallPort {
    /**
     * Validates and applies {@code syscall}, all or nothing.
     *
     * @return {@link SyscallResult.Ok}, or {@link SyscallResult.Failed} if it is illegal (the vat
     *     is then being terminated and should stop the delivery)
     */
    SyscallResult syscall(Syscall syscall);
}
