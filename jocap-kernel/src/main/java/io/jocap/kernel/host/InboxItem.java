package io.jocap.kernel.host;

import io.jocap.kernel.state.Kref;
import io.jocap.marshal.CapData;
import io.jocap.protocol.Syscall;
import io.jocap.protocol.SyscallResult;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * An input from outside the kernel thread, waiting in the {@link Inbox} to be applied between
 * cranks, in a crank of its own (design invariant 2). Each item carries the future through which
 * whoever offered it learns the outcome: completed on a kernel helper thread (never the kernel
 * thread) only once the item's crank is durable, or failed with the reason it was refused or
 * rolled back, or with {@link KernelClosedException} if the kernel closed first (on the offering
 * thread itself when the item is offered after the close).
 */
public sealed interface InboxItem {

    /** The future that reports this item's outcome. */
    CompletableFuture<?> outcome();

    /**
     * The host sends {@code methargs} to {@code target}: the kernel creates a result promise,
     * subscribes to it, and {@code answer} settles with it (after the settling crank is durable).
     * {@code answer} fails with {@link IllegalArgumentException} if {@code target} does not exist.
     */
    record HostSend(String target, CapData methargs, CompletableFuture<Object> answer) implements InboxItem {
        public HostSend {
            Kref.require(target);
            Objects.requireNonNull(methargs, "methargs");
            Objects.requireNonNull(answer, "answer");
        }

        @Override
        public CompletableFuture<Object> outcome() {
            return answer;
        }
    }

    /**
     * Syscalls vat {@code vatId} made between deliveries (a timer fired, an I/O call completed), in
     * its own vref namespace, applied as one batch. {@code results} completes with one result per
     * syscall; it fails if the vat is not registered, or if a syscall was illegal, in which case
     * nothing was applied and the vat has been terminated.
     */
    record VatSyscalls(String vatId, List<Syscall> syscalls, CompletableFuture<List<SyscallResult>> results)
            implements InboxItem {
        public VatSyscalls {
            Objects.requireNonNull(vatId, "vatId");
            syscalls = List.copyOf(syscalls);
            Objects.requireNonNull(results, "results");
        }

        /** A batch with a new future. */
        public VatSyscalls(String vatId, List<Syscall> syscalls) {
            this(vatId, syscalls, new CompletableFuture<>());
        }

        @Override
        public CompletableFuture<List<SyscallResult>> outcome() {
            return results;
        }
    }

    /**
     * Vat {@code vatId} has work to do outside any delivery (a timer fired, an I/O call
     * completed): the kernel runs {@code turn} between cranks, in a crank of its own with a live
     * syscall port (see {@link io.jocap.kernel.run.ExternalTurn}). {@code done} completes with the
     * crank's number once it is durable; it fails if the vat is not registered, or if the turn
     * was rolled back and the vat terminated.
     */
    record VatTurn(String vatId, io.jocap.kernel.run.ExternalTurn turn, CompletableFuture<Long> done)
            implements InboxItem {
        public VatTurn {
            Objects.requireNonNull(vatId, "vatId");
            Objects.requireNonNull(turn, "turn");
            Objects.requireNonNull(done, "done");
        }

        /** A turn with a new future. */
        public VatTurn(String vatId, io.jocap.kernel.run.ExternalTurn turn) {
            this(vatId, turn, new CompletableFuture<>());
        }

        @Override
        public CompletableFuture<Long> outcome() {
            return done;
        }
    }

    /**
     * Register {@code endpoint} as vat {@code vatId} and start it with {@code parameters}
     * (see {@link io.jocap.kernel.run.CrankRunner#startVat}), or, with {@code restart}, make it
     * the new incarnation of the registered vat {@code vatId}
     * ({@link io.jocap.kernel.run.CrankRunner#restartVat}). {@code root} completes with the
     * kref of the vat's root object once the start is durable, or fails with
     * {@link VatLaunchException} naming the vat and the cause (the vat is then terminated and
     * unregistered), or {@link IllegalStateException} if the id is taken.
     */
    record VatLaunch(String vatId, io.jocap.kernel.run.VatEndpoint endpoint, CapData parameters, boolean restart,
            CompletableFuture<String> root) implements InboxItem {
        public VatLaunch {
            Objects.requireNonNull(vatId, "vatId");
            Objects.requireNonNull(endpoint, "endpoint");
            Objects.requireNonNull(parameters, "parameters");
            Objects.requireNonNull(root, "root");
        }

        @Override
        public CompletableFuture<String> outcome() {
            return root;
        }
    }

    /**
     * Ping vat {@code vatId} ({@link io.jocap.kernel.run.CrankRunner#pingVat}): {@code done}
     * completes with the crank in which the vat answered, once that is durable, or fails if the
     * vat is not running or failed to answer (it is then terminated).
     */
    record VatPing(String vatId, CompletableFuture<Long> done) implements InboxItem {
        public VatPing {
            Objects.requireNonNull(vatId, "vatId");
            Objects.requireNonNull(done, "done");
        }

        @Override
        public CompletableFuture<Long> outcome() {
            return done;
        }
    }

    /**
     * Terminate vat {@code vatId} on request, rejecting what it decided with {@code code}
     * ({@link io.jocap.kernel.run.CrankRunner#terminateVat}). {@code done} completes with whether
     * the vat was running, once that is durable.
     */
    record VatTermination(String vatId, io.jocap.kernel.errors.KernelErrorCode code, CompletableFuture<Boolean> done)
            implements InboxItem {
        public VatTermination {
            Objects.requireNonNull(vatId, "vatId");
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(done, "done");
        }

        public VatTermination(String vatId, io.jocap.kernel.errors.KernelErrorCode code) {
            this(vatId, code, new CompletableFuture<>());
        }

        @Override
        public CompletableFuture<Boolean> outcome() {
            return done;
        }
    }

    /**
     * A kernel service finished the call whose result promise is {@code kpid}: fulfil it with
     * {@code value}, or reject it with it, and drop the kernel's pin on it.
     */
    record ServiceResult(String kpid, CapData value, boolean rejected, CompletableFuture<Void> applied)
            implements InboxItem {
        public ServiceResult {
            Kref.requirePromise(kpid);
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(applied, "applied");
        }

        /** A result with a new future. */
        public ServiceResult(String kpid, CapData value, boolean rejected) {
            this(kpid, value, rejected, new CompletableFuture<>());
        }

        @Override
        public CompletableFuture<Void> outcome() {
            return applied;
        }
    }

    /**
     * A host management action. A {@code readOnly} task's crank is always rolled back (whatever it
     * wrote is discarded) and its result reported at once; any other task commits, and its result
     * is reported once the crank is durable.
     */
    record Task<T>(KernelAction<T> action, boolean readOnly, CompletableFuture<T> result) implements InboxItem {
        public Task {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(result, "result");
        }

        /** A task with a new future. */
        public Task(KernelAction<T> action, boolean readOnly) {
            this(action, readOnly, new CompletableFuture<>());
        }

        @Override
        public CompletableFuture<T> outcome() {
            return result;
        }
    }
}
