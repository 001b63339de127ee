package io.jocap.vat;

import io.jocap.vat.loop.LoopPromise;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Making promises inside a vat. Every method must be called on the vat's event loop (in a method
 * of a remotable object, a promise reaction, a timer or an I/O completion); elsewhere it throws
 * {@link VatException}. The promises made belong to that vat's loop.
 */
public final class VatPromises {
    private VatPromises() {}

    /** A new pending promise and the resolver that settles it ({@link VatResolver#promise()}). */
    public static <T> VatResolver<T> kit() {
        return LoopPromise.kit();
    }

    /** A promise already fulfilled with {@code value} (or following it, if it is a promise). */
    public static <T> VatPromise<T> resolved(Object value) {
        VatResolver<T> resolver = kit();
        resolver.resolve(value);
        return resolver.promise();
    }

    /** A promise already rejected with {@code reason}. */
    public static <T> VatPromise<T> rejected(Throwable reason) {
        Objects.requireNonNull(reason, "reason");
        VatResolver<T> resolver = kit();
        resolver.reject(reason);
        return resolver.promise();
    }

    /**
     * A promise fulfilled with the list of values once all of {@code promises} are fulfilled (in
     * the same order), or rejected with the first rejection. The list is unmodifiable and may
     * hold nulls; an empty {@code promises} gives a promise fulfilled with an empty list.
     *
     * @throws NullPointerException if {@code promises} is or holds null
     */
    public static <T> VatPromise<List<T>> all(List<? extends VatPromise<? extends T>> promises) {
        List<? extends VatPromise<? extends T>> inputs = List.copyOf(promises); // snapshot; rejects nulls
        VatResolver<List<T>> resolver = kit();
        if (inputs.isEmpty()) {
            resolver.resolve(List.of());
            return resolver.promise();
        }
        List<T> values = new ArrayList<>(Collections.nCopies(inputs.size(), null));
        int[] missing = {inputs.size()}; // only touched on the loop thread, in reactions
        for (int i = 0; i < inputs.size(); i++) {
            int index = i;
            inputs.get(i).whenSettled((value, reason) -> {
                if (reason != null) {
                    resolver.reject(reason); // the first rejection wins; later ones are ignored
                    return;
                }
                values.set(index, value);
                if (--missing[0] == 0) {
                    resolver.resolve(Collections.unmodifiableList(values));
                }
            });
        }
        return resolver.promise();
    }
}
