package io.jocap.vat.runtime;

import io.jocap.protocol.Syscall;
import io.jocap.protocol.SyscallResult;

/**
 * Where a vat runtime makes its syscalls, for the turn in progress. The worker decides how they
 * travel (the same thread, another thread, a pipe); the runtime only says whether it needs the
 * answer.
 *
 * <p>Syscalls are applied in the order they are made, whichever method made them. A posted
 * syscall's answer is only seen by the worker: if one is refused, the kernel terminates the vat
 * whatever the runtime does next, so it need not wait to hear.
 */
public interface VatSyscalls {
    /** A syscall whose answer the vat does not need (send, subscribe, resolve, vatstore writes, GC). */
    void post(Syscall syscall);

    /** A syscall whose answer the vat needs (vatstore reads); waits for it. */
    SyscallResult call(Syscall syscall);
}
