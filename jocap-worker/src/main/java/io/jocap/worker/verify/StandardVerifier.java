package io.jocap.worker.verify;

import io.jocap.vat.load.ClassCheck;
import java.util.function.Supplier;

/**
 * {@link VatVerifier#standard()} named by class, for worker processes: the check a child JVM
 * applies to its vat's classes is given to it as a class name, since an object cannot cross the
 * pipe.
 */
public final class StandardVerifier implements Supplier<ClassCheck> {
    public StandardVerifier() {}

    @Override
    public ClassCheck get() {
        return VatVerifier.standard();
    }
}
