package io.jocap.vat.load;

/**
 * Rewrites a vat class's file just before the vat's loader defines it: the hook through which
 * jocap instruments vat code (see {@link io.jocap.vat.meter.StepMetering}, which meters loops and
 * calls).
 *
 * <h2>Contract</h2>
 *
 * The {@link ClassCheck} always sees the original class files, as the vat's author wrote them; the
 * transform runs afterwards, only on classes the check accepted, lazily (when the loader defines
 * the class, on the thread that first needs it), and what it returns is what is defined. So it is
 * trusted code, part of jocap: it must not add anything the check would refuse, and should only
 * add calls of jocap's own vat API. It is never applied to JDK or API classes (the loader never
 * defines those). If it throws, the class cannot be defined and loading it fails with the
 * transform's message. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface VatClassTransform {
    /** Leaves every class as it is. */
    VatClassTransform IDENTITY = (className, bytes) -> bytes;

    /**
     * The class file to define instead of {@code bytes}.
     *
     * @param className the binary name, e.g. {@code com.example.Counter$Facet}
     * @param bytes the checked class file; the transform must not modify the array
     * @return the class file to define (may be {@code bytes} itself)
     */
    byte[] transform(String className, byte[] bytes);
}
