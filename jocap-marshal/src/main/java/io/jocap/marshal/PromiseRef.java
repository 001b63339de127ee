package io.jocap.marshal;

/**
 * The standard stand-in for a promise: just its slot value, such as {@code "kp3"}. Two instances
 * with equal slots are {@code equals}, but the encoder still gives each distinct instance its own
 * slot entry.
 *
 * @param slot the slot value; never null
 */
public record PromiseRef(String slot) implements PassablePromise, SlotRef {
    /**
     * Checks the slot.
     *
     * @throws MarshalException if {@code slot} is null
     */
    public PromiseRef {
        if (slot == null) {
            throw new MarshalException("a PromiseRef needs a slot, got null");
        }
    }
}
