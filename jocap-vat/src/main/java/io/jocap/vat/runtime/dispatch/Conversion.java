package io.jocap.vat.runtime.dispatch;

/**
 * Turns one argument value into the Java value a parameter (or an element or record component
 * inside one) declares. Built once per type when a class's {@link MethodTable} is made, so a
 * call only runs the checks its types need.
 */
@FunctionalInterface
interface Conversion {
    /** A conversion that passes every value as it is (for {@code Object} and its like). */
    Conversion IDENTITY = value -> value;

    /**
     * The converted value.
     *
     * @throws ArgumentMismatch if {@code value} does not fit
     */
    Object convert(Object value) throws ArgumentMismatch;
}
