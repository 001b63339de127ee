package io.jocap.kernel.host;

import io.jocap.kernel.errors.KernelErrorCode;
import io.jocap.kernel.errors.KernelErrors;
import io.jocap.kernel.run.CrankOutcome;
import io.jocap.kernel.run.CrankRunner;
import io.jocap.kernel.run.SyscallBatch;
import io.jocap.kernel.run.TurnGuard;
import io.jocap.kernel.state.EndpointId;
import io.jocap.kernel.state.KernelMessage;
import io.jocap.kernel.state.KernelState;
import io.jocap.kernel.state.Kref;
import io.jocap.kernel.state.PromiseState;
import io.jocap.kernel.state.RunQueueItem;
import io.jocap.kernel.syscall.PromiseResolver;
import io.jocap.marshal.CapData;
import io.jocap.store.KernelStore;
import io.jocap.store.StoreException;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Applies one {@link InboxItem} on the kernel thread, between cranks, in a crank of its own: the
 * crank commits and the offerer is told once it is durable, or it is rolled back and the offerer
 * is told why (design invariant 2: no input is ever mixed into another crank, so no other
 * crank's rollback can swallow it). Vat syscalls go through {@link CrankRunner#applySyscalls},
 * which owns the fault and termination path.
 *
 * <p>{@link #apply} throws only for a {@link StoreException} (after telling the offerer) or a
 * fatal {@link VirtualMachineError}: the kernel must stop. Kernel thread only, outside a crank.
 */
final class InboxProcessor {
    private final KernelStore store;
    private final KernelState state;
    private final CrankRunner runner;
    private final PromiseResolver resolver;
    private final HostSubscriptions subscriptions;
    private final Completions completions;

    InboxProcessor(KernelStore store, CrankRunner runner, HostSubscriptions subscriptions, Completions completions) {
        this.store = Objects.requireNonNull(store, "store");
        this.runner = Objects.requireNonNull(runner, "runner");
        this.state = runner.state();
        this.resolver = new PromiseResolver(state);
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.completions = Objects.requireNonNull(completions, "completions");
    }

    void apply(InboxItem item) {
        try {
            switch (item) {
                case InboxItem.HostSend send -> hostSend(send);
                case InboxItem.VatSyscalls batch -> vatSyscalls(batch);
                case InboxItem.VatTurn turn -> vatTurn(turn);
                case InboxItem.VatLaunch launch -> vatLaunch(launch);
                case InboxItem.VatTermination termination -> {
                    boolean wasRunning = runner.terminateVat(termination.vatId(), termination.code());
                    completions.afterDurable(store.lastCommittedCrank(), termination.done(), () -> wasRunning);
                }
                case InboxItem.VatPing ping -> vatPing(ping);
                case InboxItem.ServiceResult result -> serviceResult(result);
                case InboxItem.Task<?> task -> task(task);
            }
        } catch (RuntimeException | Error e) {
            TurnGuard.rethrowIfAbandoned(e); // the thread that took the kernel over answers the item
            completions.fail(item.outcome(), e);
            if (e instanceof StoreException || (e instanceof VirtualMachineError && !(e instanceof StackOverflowError))) {
                throw e;
            }
        }
    }

    /**
     * Answers {@code item}, whose vat turn ran past its deadline on a kernel thread that was then
     * given up on ({@link CrankRunner#abandonTurn} has terminated the vat): as its processing
     * would have answered a vat that failed that turn.
     */
    void abandoned(InboxItem item, String vat, String reason) {
        switch (item) {
            case InboxItem.VatLaunch launch -> completions.fail(launch.root(), new VatLaunchException(vat, reason));
            case InboxItem.VatTurn turn -> completions.fail(turn.done(), turnRolledBack(vat, reason));
            case InboxItem.VatPing ping -> completions.fail(ping.done(), pingFailed(vat, reason));
            default -> completions.fail(item.outcome(), new IllegalStateException(
                    "vat " + vat + " was terminated while this was applied: " + reason));
        }
    }

    private static IllegalStateException turnRolledBack(String vat, String reason) {
        return new IllegalStateException("turn of " + vat + " rolled back and the vat terminated: " + reason);
    }

    private static IllegalStateException pingFailed(String vat, String reason) {
        return new IllegalStateException("vat " + vat + " failed to answer a ping and was terminated: " + reason);
    }

    private void hostSend(InboxItem.HostSend send) {
        String target = send.target();
        Committed<String> created = inCrank(() -> {
            boolean exists = Kref.isObject(target) ? state.objects().exists(target) : state.promises().exists(target);
            if (!exists && state.ids().wasIssued(target)) {
                // It existed once: its vat went away, or nothing held it and it was collected.
                throw io.jocap.kernel.errors.KernelException.of(KernelErrorCode.OBJECT_DELETED,
                        "the target no longer exists (deleted, or collected once nothing held it)");
            }
            if (!exists) {
                throw new IllegalArgumentException("unknown target " + target);
            }
            String kp = state.promises().create(null);
            state.pins().pin(kp); // held for the host until it has been told
            state.promises().addSubscriber(kp, EndpointId.KERNEL);
            state.runQueue().push(new RunQueueItem.Send(target, new KernelMessage(send.methargs(), kp)));
            return kp;
        });
        subscriptions.subscribe(created.value(), send.answer());
    }

    private void vatSyscalls(InboxItem.VatSyscalls batch) {
        switch (runner.applySyscalls(batch.vatId(), batch.syscalls())) {
            case SyscallBatch.Applied applied ->
                    completions.afterDurable(applied.crank(), batch.results(), applied::results);
            case SyscallBatch.Refused refused -> completions.fail(batch.results(), new IllegalStateException(
                    "syscalls of " + batch.vatId() + " refused: " + refused.reason()));
            case SyscallBatch.Terminated terminated -> completions.fail(batch.results(), new IllegalStateException(
                    "syscalls of " + batch.vatId() + " rolled back and the vat terminated: " + terminated.reason()));
        }
    }

    private void vatTurn(InboxItem.VatTurn turn) {
        switch (runner.runTurn(turn.vatId(), turn.turn())) {
            case SyscallBatch.Applied applied -> completions.afterDurable(applied.crank(), turn.done(), applied::crank);
            case SyscallBatch.Refused refused -> completions.fail(turn.done(), new IllegalStateException(
                    "turn of " + turn.vatId() + " refused: " + refused.reason()));
            case SyscallBatch.Terminated terminated ->
                    completions.fail(turn.done(), turnRolledBack(turn.vatId(), terminated.reason()));
        }
    }

    private void vatPing(InboxItem.VatPing ping) {
        if (!runner.isRegistered(ping.vatId())) {
            completions.fail(ping.done(), new IllegalArgumentException("vat " + ping.vatId() + " is not running"));
            return;
        }
        CrankOutcome outcome = runner.pingVat(ping.vatId());
        if (outcome instanceof CrankOutcome.VatTerminated terminated) {
            completions.fail(ping.done(), pingFailed(ping.vatId(), terminated.reason()));
        } else {
            long crank = store.lastCommittedCrank();
            completions.afterDurable(crank, ping.done(), () -> crank);
        }
    }

    private void vatLaunch(InboxItem.VatLaunch launch) {
        CrankRunner.VatStart start;
        if (launch.restart()) {
            start = runner.restartVat(launch.vatId(), launch.endpoint(), launch.parameters());
        } else {
            runner.register(launch.vatId(), launch.endpoint());
            start = runner.startVat(launch.vatId(), launch.parameters());
        }
        switch (start) {
            case CrankRunner.VatStart.Started started ->
                    completions.afterDurable(started.crank(), launch.root(), started::root);
            case CrankRunner.VatStart.Failed failed -> completions.fail(launch.root(),
                    new VatLaunchException(launch.vatId(), failed.reason()));
        }
    }

    private void serviceResult(InboxItem.ServiceResult result) {
        long crank;
        try {
            crank = inCrank(() -> settleServiceResult(result.kpid(), result.rejected(), result.value())).crank();
        } catch (IllegalStateException | IllegalArgumentException e) {
            // Typically a value naming a reference the kernel does not know: the promise must
            // still settle, or whoever waits on it would wait forever (invariant 7).
            CapData failure = KernelErrors.toCapData(KernelErrorCode.DELIVERY_FAILED,
                    "the service's result could not be delivered");
            inCrank(() -> settleServiceResult(result.kpid(), true, failure));
            completions.fail(result.applied(), e);
            return;
        }
        completions.afterDurable(crank, result.applied(), () -> null);
    }

    private Void settleServiceResult(String kp, boolean rejected, CapData value) {
        if (!state.promises().exists(kp)) {
            return null; // nothing to settle, nothing pinned
        }
        if (state.promises().state(kp) == PromiseState.UNRESOLVED
                && EndpointId.KERNEL.equals(state.promises().decider(kp))) {
            resolver.resolve(kp, rejected, value);
        }
        // The pin the dispatcher took when it accepted the call (the host's own pin, if the host
        // sent the message, is dropped separately once the host has been told).
        if (state.pins().pinCount(kp) > 0) {
            state.pins().unpin(kp);
        }
        return null;
    }

    private <T> void task(InboxItem.Task<T> task) {
        if (task.readOnly()) {
            store.beginCrank();
            T value;
            try {
                value = task.action().apply(state);
            } finally {
                store.abortCrank(); // read-only: whatever it wrote, it did not mean to
            }
            completions.complete(task.result(), value);
            return;
        }
        Committed<T> done = inCrank(() -> task.action().apply(state));
        completions.afterDurable(done.crank(), task.result(), done::value);
    }

    /** What a committed crank's body returned, and the crank's number. */
    private record Committed<T>(T value, long crank) {}

    /** Runs {@code body} in a crank of its own: commit and return the crank number, or roll back and rethrow. */
    private <T> Committed<T> inCrank(Supplier<T> body) {
        store.beginCrank();
        T value;
        try {
            value = body.get();
        } catch (RuntimeException | Error e) {
            try {
                store.abortCrank();
            } catch (RuntimeException abortFailure) {
                e.addSuppressed(abortFailure);
            }
            throw e;
        }
        return new Committed<>(value, store.commitCrank());
    }
}
