package io.jocap.vat;

/**
 * The authority to settle one {@link VatPromise}. Settling twice is not an error: the first call
 * wins and later ones are ignored (so two racing sources need no coordination), and
 * {@link #isDone()} tells whether a call still has effect.
 *
 * @param <T> the type of the fulfillment value
 */
public interface VatResolver<T> {
    /**
     * Fulfills the promise with {@code value}, or makes it follow {@code value} if that is a
     * {@link VatPromise}.
     */
    void resolve(Object value);

    /** Rejects the promise with {@code reason}. */
    void reject(Throwable reason);

    /** Whether the promise was already resolved or rejected through this resolver. */
    boolean isDone();

    /** The promise this resolver settles. */
    VatPromise<T> promise();
}
