package io.jocap.marshal;

/**
 * The JavaScript value {@code undefined}, as distinct from {@code null}. Encoded as the smallcaps
 * constant {@code "#undefined"}.
 */
public enum Undefined {
    /** The only value. */
    UNDEFINED;

    @Override
    public String toString() {
        return "undefined";
    }
}
