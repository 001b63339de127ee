package io.jocap.vat.runtime;

import io.jocap.protocol.Syscall;
import io.jocap.protocol.SyscallResult;

/** The vat's durable key-value store, reached through vatstore syscalls. Loop thread only. */
final class Vatstore {
    private final VatSyscalls syscalls;

    Vatstore(VatSyscalls syscalls) {
        this.syscalls = syscalls;
    }

    String get(String key) {
        return answer(syscalls.call(new Syscall.VatstoreGet(key)), "read " + key);
    }

    void set(String key, String value) {
        syscalls.post(new Syscall.VatstoreSet(key, value));
    }

    void delete(String key) {
        syscalls.post(new Syscall.VatstoreDelete(key));
    }

    /** The first key after {@code key}, or null. */
    String nextKey(String key) {
        return answer(syscalls.call(new Syscall.VatstoreGetNextKey(key)), "read the key after " + key);
    }

    private static String answer(SyscallResult result, String what) {
        return switch (result) {
            case SyscallResult.Ok ok -> ok.value();
            case SyscallResult.Failed failed ->
                    throw new VatFatalException("the kernel refused to " + what + ": " + failed.problem());
        };
    }
}
