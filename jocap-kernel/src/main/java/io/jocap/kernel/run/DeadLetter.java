package io.jocap.kernel.run;

import java.util.Objects;

/**
 * A run-queue item the kernel could not handle, set aside so the loop carries on (design
 * invariant 6).
 *
 * @param number its number, from 1, in the order items were set aside
 * @param item the item as it was stored on the run queue (its {@code QueueCodec} form, or
 *     whatever corrupt text was there), or a description of the kernel work that failed
 * @param error the exception that stopped it, with its causes
 */
public record DeadLetter(long number, String item, String error) {
    public DeadLetter {
        if (number < 1) {
            throw new IllegalArgumentException("dead letters are numbered from 1, got " + number);
        }
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(error, "error");
    }
}
