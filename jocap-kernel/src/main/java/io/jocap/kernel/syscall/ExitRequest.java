package io.jocap.kernel.syscall;

import io.jocap.marshal.CapData;
import java.util.Objects;

/**
 * A vat asked to be terminated when its current delivery ends ({@code exit} syscall).
 *
 * @param failure whether the vat is failing (its delivery's effects are to be discarded) rather
 *     than finishing normally
 * @param info the completion value or failure reason, in kernel space (slots are krefs). No
 *     holder counts these refs: use them within the crank that made the request, where they
 *     exist (e.g. as the value the vat's promises are rejected with, which counts them).
 */
public record ExitRequest(boolean failure, CapData info) {
    public ExitRequest {
        Objects.requireNonNull(info, "info");
    }
}
