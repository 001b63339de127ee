package io.jocap.vat.runtime;

import io.jocap.vat.VatPromise;
import io.jocap.vat.VatResolver;

/**
 * A promise this vat knows by a vref. {@code resolver} settles the local promise when the kernel
 * notifies us; it is null for promises this vat decides (exported local promises: their own code
 * settles them). {@code decider} says whether this vat must resolve the vref with a syscall.
 */
final class PromiseEntry {
    final String vref;
    final VatPromise<Object> promise;
    final VatResolver<Object> resolver;
    boolean decider;

    PromiseEntry(String vref, VatPromise<Object> promise, VatResolver<Object> resolver, boolean decider) {
        this.vref = vref;
        this.promise = promise;
        this.resolver = resolver;
        this.decider = decider;
    }
}
