package io.jocap.vat.load;

/**
 * A check every class of a vat's own code must pass before it is defined: the hook for a bytecode
 * verifier (for example one that refuses reflection or threads). JDK and jocap API classes are
 * never checked; they are not defined by the vat's loader.
 *
 * <p>The loader calls {@link #check} once per class, with the class's binary name and a copy of
 * its class-file bytes, on whichever thread triggered the load (vat code resolving a reference, or
 * {@link VatClasses#findVatClass}), and defines exactly the bytes it read, whatever the check does
 * to its copy. A check that throws (a {@link VatLoadException} or any runtime exception) makes the
 * load fail with a message that names the vat and the class. Implementations must be thread-safe
 * if one check is shared by several vats.
 */
@FunctionalInterface
public interface ClassCheck {
    /** Accepts every class. */
    ClassCheck NONE = (className, bytes) -> {};

    /**
     * Accepts the class or throws saying why not.
     *
     * @param className the binary name, e.g. {@code com.example.Counter$Facet}
     * @param bytes the class file; the check's own copy
     * @throws VatLoadException if the class must not be defined
     */
    void check(String className, byte[] bytes) throws VatLoadException;
}
