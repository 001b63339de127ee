package io.jocap.kernel.state;

import io.jocap.marshal.CapData;
import java.util.List;
import java.util.Objects;

/**
 * A message in kernel space: the marshalled method name and arguments, and the promise that will
 * receive the result (null when the sender wants none).
 *
 * @param methargs the method and arguments; every slot must be a kref, because in kernel space
 *     all references are krefs
 * @param result the result promise ({@code kpN}), or null
 */
public record KernelMessage(CapData methargs, String result) {
    /**
     * @throws NullPointerException if {@code methargs} is null
     * @throws IllegalArgumentException if {@code result} is not null and not a promise kref, or a
     *     slot is not a kref
     */
    public KernelMessage {
        Objects.requireNonNull(methargs, "methargs");
        if (result != null) {
            Kref.requirePromise(result);
        }
        List<String> slots = methargs.slots();
        for (int i = 0; i < slots.size(); i++) {
            if (!Kref.isValid(slots.get(i))) {
                throw new IllegalArgumentException("slot " + i + " of a kernel message is not a kref: "
                        + RefNumbers.shown(slots.get(i)));
            }
        }
    }
}
