package io.jocap.protocol;

/** The kernel's answer to one {@link Syscall}. */
public sealed interface SyscallResult {
    /** The answer to every syscall that returns nothing. */
    Ok OK = new Ok(null);

    /**
     * The syscall was accepted.
     *
     * @param value what a vatstore read returns (the value, or the next key), null when there is
     *     none; null for every other syscall
     */
    record Ok(String value) implements SyscallResult {}

    /**
     * The syscall was illegal. The vat is being terminated: its runtime should stop the delivery
     * rather than carry on, and never pass the problem to vat code.
     *
     * @param problem what was wrong, for logs
     */
    record Failed(String problem) implements SyscallResult {
        public Failed {
            Require.present("syscall result", "problem", problem);
        }
    }
}
