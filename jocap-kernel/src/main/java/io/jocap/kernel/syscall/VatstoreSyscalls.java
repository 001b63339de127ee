package io.jocap.kernel.syscall;

import io.jocap.kernel.translate.IllegalSyscallException;
import io.jocap.protocol.SyscallResult;
import io.jocap.store.KVStore;
import java.util.function.Supplier;

/**
 * The vatstore syscalls of one vat, straight on its own key space
 * ({@link io.jocap.store.KernelStore#vatstore}), so a vat can read and write only its own keys,
 * and its writes share the crank's fate. A key or value the store refuses (not well-formed
 * UTF-16) is an {@link IllegalSyscallException}.
 */
final class VatstoreSyscalls {
    private final KVStore vatstore;
    private final String vat;

    VatstoreSyscalls(KVStore vatstore, String vatId) {
        this.vatstore = vatstore;
        this.vat = vatId;
    }

    SyscallResult get(String key) {
        return checked("vatstoreGet", () -> new SyscallResult.Ok(vatstore.get(key)));
    }

    SyscallResult set(String key, String value) {
        return checked("vatstoreSet", () -> {
            vatstore.set(key, value);
            return SyscallResult.OK;
        });
    }

    SyscallResult delete(String key) {
        return checked("vatstoreDelete", () -> {
            vatstore.delete(key);
            return SyscallResult.OK;
        });
    }

    /** The first key after {@code priorKey} in the vat's space ({@code ""}: the first key), or null. */
    SyscallResult getNextKey(String priorKey) {
        return checked("vatstoreGetNextKey", () -> new SyscallResult.Ok(vatstore.getNextKey(priorKey)));
    }

    private SyscallResult checked(String syscall, Supplier<SyscallResult> op) {
        try {
            return op.get();
        } catch (IllegalArgumentException e) {
            // The store checks keys and values (non-empty, well-formed UTF-16) and says what is
            // wrong; the vat chose them, so it is the vat's fault. The message quotes the vat's key.
            throw new IllegalSyscallException(vat + " made a bad " + syscall + ": " + e.getMessage(), e);
        }
    }
}
