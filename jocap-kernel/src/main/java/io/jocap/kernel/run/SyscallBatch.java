package io.jocap.kernel.run;

import io.jocap.protocol.SyscallResult;
import java.util.List;
import java.util.Objects;

/** What {@link CrankRunner#applySyscalls} did with syscalls a vat made between deliveries. */
public sealed interface SyscallBatch {
    /** Every syscall was legal and the batch committed in crank {@code crank}; one result per syscall. */
    record Applied(List<SyscallResult> results, long crank) implements SyscallBatch {
        public Applied {
            results = List.copyOf(results);
        }
    }

    /** Nothing was applied: the vat is not registered (never was, or was terminated). */
    record Refused(String reason) implements SyscallBatch {
        public Refused {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * The batch was rolled back because a syscall was illegal (or asked for a failure exit), and
     * the vat was terminated: {@code outcome} is the termination ({@link CrankOutcome.VatTerminated},
     * or {@link CrankOutcome.DeadLettered} if terminating failed). A normal {@code exit} is
     * {@link Applied}: the batch and the termination committed together.
     */
    record Terminated(CrankOutcome outcome, String reason) implements SyscallBatch {
        public Terminated {
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
