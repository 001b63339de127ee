package io.jocap.kernel.syscall;

import io.jocap.kernel.state.EndpointId;
import io.jocap.kernel.state.KernelState;
import io.jocap.kernel.translate.IllegalSyscallException;
import io.jocap.kernel.translate.VatToKernel;
import io.jocap.protocol.ProtocolException;
import io.jocap.protocol.Syscall;
import io.jocap.protocol.SyscallResult;
import io.jocap.store.KernelStore;
import java.util.Objects;
import java.util.Optional;

/**
 * Handles the syscalls one vat makes during one delivery: create one per delivery, inside the
 * crank the run loop opened for it, and ask it afterwards what the delivery's outcome must be.
 *
 * <p><b>Contract.</b> {@link #handle} applies a legal syscall completely and answers
 * {@link SyscallResult.Ok}. An illegal syscall (a reference the vat was never given or has
 * dropped, a promise it does not decide or that is already resolved, a result it may not hand
 * over, a GC request that breaks the rules, malformed data) applies <em>nothing</em> and answers
 * {@link SyscallResult.Failed} with a reason that names the vat and its own vrefs, never a kref.
 * The first illegal syscall dooms the delivery: its reason is kept ({@link #illegalSyscall}) and
 * every later syscall of the delivery also answers {@code Failed} and applies nothing, so nothing
 * later can hide or undo the verdict (MetaMask's kernel reset it on every syscall). The run loop
 * then aborts the crank and terminates the vat with {@code [KERNEL:VAT_FATAL:ILLEGAL_SYSCALL]}.
 * The first {@code exit} request is kept for the run loop too ({@link #exitRequest}); later ones
 * are accepted and ignored.
 *
 * <p>Any other exception is a kernel bug (the state layer's {@link IllegalStateException}s): the
 * syscall's writes are undone and the exception propagates; the run loop must abort the crank.
 *
 * <p>Kernel thread only, inside a crank.
 */
public final class SyscallHandler {
    /*
     * Implementation overview.
     *
     * Atomicity: each syscall runs inside a store savepoint, rolled back on any failure and
     * released after. The alternative, checking everything before writing anything, does not fit
     * how syscalls work: a resolve batch must apply resolution 1 before it can check resolution 2
     * (two promises resolved to each other, or a promise created by slot translation in an
     * earlier resolution), and slot translation creates exports as it goes. A savepoint makes
     * "writes nothing" hold by construction, for every syscall and every future rule, at the cost
     * of one undo-journal entry per write while it is open. The savepoint is nested inside
     * whatever the run loop holds, and always closed before handle returns.
     *
     * Dispatch: an exhaustive switch over the sealed Syscall hierarchy, to one small class per
     * family (messages, resolve, GC, vatstore). The illegal verdict and the exit request are plain
     * fields: they belong to this delivery only and are discarded with the handler, so a crank
     * rollback has nothing of theirs to restore.
     */

    /** Savepoint name: distinctive, so it cannot clash with the run loop's own savepoints. */
    static final String SAVEPOINT = "jocap_syscall";

    private final KernelStore store;
    private final String vat;
    private final VatToKernel toKernel;
    private final MessageSyscalls messages;
    private final ResolveSyscall resolver;
    private final GcSyscalls gc;
    private final VatstoreSyscalls vatstore;

    private String illegal;
    private ExitRequest exit;

    /**
     * A handler for one delivery to {@code vatId}.
     *
     * @param store the kernel store, whose crank the delivery runs in
     * @param state the kernel state over {@code store}
     * @param vatId the vat making the syscalls ({@code vN})
     */
    public SyscallHandler(KernelStore store, KernelState state, String vatId) {
        this.store = Objects.requireNonNull(store, "store");
        Objects.requireNonNull(state, "state");
        if (!EndpointId.isVat(vatId)) {
            throw new IllegalArgumentException("not a vat id: " + vatId);
        }
        this.vat = vatId;
        this.toKernel = new VatToKernel(state, vatId);
        this.messages = new MessageSyscalls(state, toKernel);
        this.resolver = new ResolveSyscall(state, toKernel);
        this.gc = new GcSyscalls(state, vatId);
        this.vatstore = new VatstoreSyscalls(store.vatstore(vatId), vatId);
    }

    /** The vat whose syscalls this handles. */
    public String vatId() {
        return vat;
    }

    /**
     * Validates and applies {@code syscall}, all or nothing.
     *
     * @return {@link SyscallResult.Ok} (with the value read, for vatstore reads), or
     *     {@link SyscallResult.Failed} if it is illegal or an earlier one of this delivery was
     * @throws IllegalStateException outside a crank, or for a kernel bug (the syscall's writes are
     *     undone first)
     */
    public SyscallResult handle(Syscall syscall) {
        Objects.requireNonNull(syscall, "syscall");
        if (illegal != null) {
            return new SyscallResult.Failed(
                    "refused: an earlier syscall of this delivery was illegal (" + illegal + ")");
        }
        store.savepoint(SAVEPOINT);
        SyscallResult result;
        try {
            result = apply(syscall);
        } catch (IllegalSyscallException | ProtocolException e) {
            // A ProtocolException is a record refusing the vat's data: the vat's fault, like the rest.
            undo(e);
            illegal = e.getMessage();
            return new SyscallResult.Failed(illegal);
        } catch (RuntimeException | Error e) {
            undo(e);
            throw e;
        }
        store.release(SAVEPOINT);
        return result;
    }

    /** The reason of the first illegal syscall of this delivery, if there was one. */
    public Optional<String> illegalSyscall() {
        return Optional.ofNullable(illegal);
    }

    /** The first exit request of this delivery, if the vat made one (and it was legal). */
    public Optional<ExitRequest> exitRequest() {
        return Optional.ofNullable(exit);
    }

    private SyscallResult apply(Syscall syscall) {
        return switch (syscall) {
            case Syscall.Send send -> {
                messages.send(send);
                yield SyscallResult.OK;
            }
            case Syscall.Subscribe subscribe -> {
                messages.subscribe(subscribe);
                yield SyscallResult.OK;
            }
            case Syscall.Resolve resolve -> {
                resolver.resolve(resolve);
                yield SyscallResult.OK;
            }
            case Syscall.Exit request -> {
                // Translate even a second request: its references must be legal like any other.
                ExitRequest translated = new ExitRequest(request.failure(), toKernel.capData(request.info()));
                if (exit == null) {
                    exit = translated;
                }
                yield SyscallResult.OK;
            }
            case Syscall.DropImports drop -> {
                gc.dropImports(drop.vrefs());
                yield SyscallResult.OK;
            }
            case Syscall.RetireImports retire -> {
                gc.retireImports(retire.vrefs());
                yield SyscallResult.OK;
            }
            case Syscall.RetireExports retire -> {
                gc.retireExports(retire.vrefs());
                yield SyscallResult.OK;
            }
            case Syscall.AbandonExports abandon -> {
                gc.abandonExports(abandon.vrefs());
                yield SyscallResult.OK;
            }
            case Syscall.VatstoreGet get -> vatstore.get(get.key());
            case Syscall.VatstoreSet set -> vatstore.set(set.key(), set.value());
            case Syscall.VatstoreDelete delete -> vatstore.delete(delete.key());
            case Syscall.VatstoreGetNextKey next -> vatstore.getNextKey(next.priorKey());
        };
    }

    /** Rolls the syscall's writes back and closes its savepoint, never hiding {@code cause}. */
    private void undo(Throwable cause) {
        try {
            store.rollbackTo(SAVEPOINT);
            store.release(SAVEPOINT);
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }
}
