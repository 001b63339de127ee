package io.jocap.kernel.translate;

import java.io.Serial;

/**
 * A vat asked for something it may not have: it named a reference it was never given, used an
 * import after dropping it, resolved a promise it does not decide, sent malformed data, and so
 * on. The syscall carrying it is illegal; the kernel refuses it, and the delivery it belongs to
 * is doomed (the vat will be terminated with {@code [KERNEL:VAT_FATAL:ILLEGAL_SYSCALL]}).
 *
 * <p>The message is meant for the vat's logs and the kernel's: it names the vat and the vat's own
 * vrefs, never a kref (kernel ids never leak to vats).
 */
public final class IllegalSyscallException extends RuntimeException {
    @Serial private static final long serialVersionUID = 1L;

    public IllegalSyscallException(String message) {
        super(message);
    }

    public IllegalSyscallException(String message, Throwable cause) {
        super(message, cause);
    }
}
