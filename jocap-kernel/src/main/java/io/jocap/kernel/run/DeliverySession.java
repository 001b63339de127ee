package io.jocap.kernel.run;

import io.jocap.kernel.syscall.SyscallHandler;
import io.jocap.protocol.Syscall;
import io.jocap.protocol.SyscallResult;
import java.util.Objects;

/**
 * The {@link SyscallPort} of one delivery: passes syscalls to the delivery's
 * {@link SyscallHandler} until {@link #close()}, and keeps aside any kernel failure so that the
 * run loop can tell a kernel bug from a vat fault even if the vat swallows the exception.
 */
final class DeliverySession implements SyscallPort {
    private final SyscallHandler handler;
    private final TurnGuard guard; // null if the turn is not run on the kernel thread under a watchdog
    private boolean closed;
    private Throwable kernelFailure;

    DeliverySession(SyscallHandler handler, TurnGuard guard) {
        this.handler = Objects.requireNonNull(handler, "handler");
        this.guard = guard;
    }

    @Override
    public SyscallResult syscall(Syscall syscall) {
        if (closed) {
            return new SyscallResult.Failed("refused: the delivery this port belonged to has ended");
        }
        if (guard == null) {
            return apply(syscall);
        }
        guard.enterSyscall(); // throws TurnAbandoned on a thread the watchdog gave up on
        try {
            return apply(syscall);
        } finally {
            guard.exitSyscall();
        }
    }

    private SyscallResult apply(Syscall syscall) {
        if (kernelFailure != null) {
            // The crank is doomed to be rolled back; applying more would only waste work.
            return new SyscallResult.Failed("refused: the kernel failed during this delivery");
        }
        try {
            return handler.handle(syscall);
        } catch (RuntimeException | Error e) {
            // A kernel bug (the handler refuses illegal syscalls with Failed, never by throwing).
            kernelFailure = e;
            throw e;
        }
    }

    /** Ends the delivery: later syscalls are refused. */
    void close() {
        closed = true;
    }

    /** The exception the kernel threw while handling a syscall of this delivery, or null. */
    Throwable kernelFailure() {
        return kernelFailure;
    }
}
