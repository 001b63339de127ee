package io.jocap.kernel.state;

/**
 * The two reference counts of a kernel object. {@code reachable} counts the holders that can send
 * to it; {@code recognizable} counts those that can at least recognize it (compare identity, use
 * it as a weak key), which includes every reachable holder, hence
 * {@code 0 <= reachable <= recognizable}. The record itself accepts any values so that a
 * violation can be reported with the object's name by {@link KernelObjects}.
 *
 * @param reachable holders that can send to the object
 * @param recognizable holders that can recognize the object
 */
public record RefCounts(long reachable, long recognizable) {
    /** No holders. */
    public static final RefCounts ZERO = new RefCounts(0, 0);

    /** Whether {@code 0 <= reachable <= recognizable}. */
    public boolean isValid() {
        return reachable >= 0 && reachable <= recognizable;
    }

    /** The counts after adding the (possibly negative) deltas. */
    public RefCounts plus(long reachableDelta, long recognizableDelta) {
        return new RefCounts(
                Math.addExact(reachable, reachableDelta), Math.addExact(recognizable, recognizableDelta));
    }

    @Override
    public String toString() {
        return "reachable " + reachable + ", recognizable " + recognizable;
    }
}
