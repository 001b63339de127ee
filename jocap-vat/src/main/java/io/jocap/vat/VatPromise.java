package io.jocap.vat;

import io.jocap.marshal.PassablePromise;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The read-only side of a promise inside a vat: a value that will be known later, or a failure.
 * Only its {@link VatResolver} may settle it (the authority to resolve is kept apart from the
 * promise, as {@code Future} is from {@code Promise} in Netty).
 *
 * <p><b>Contract.</b>
 * <ul>
 *   <li>A promise settles at most once: fulfilled with a value, or rejected with a
 *       {@link Throwable} reason. Resolving it to another {@code VatPromise} makes it follow that
 *       promise (it settles when and as that one does); a promise resolved to itself, directly or
 *       through a chain, is rejected with a {@link VatException} saying so.
 *   <li>Reactions ({@link #then}, {@link #onFulfilled}, {@link #onRejected}, {@link #whenSettled})
 *       never run inside the call that registers them nor inside the call that settles the
 *       promise: they run later, one at a time, on the vat's event loop, in the order they were
 *       registered, even if the promise is already settled.
 *   <li>{@code then} returns a new promise settled by the reaction: with its return value (a
 *       returned {@code VatPromise} is followed), or rejected with what it throws. A rejection
 *       with no rejection reaction passes through to the derived promise unchanged.
 *   <li>A {@code VatPromise} is passable: it may be returned from a remotable's method, passed as
 *       an argument or stored in a passable value; other vats then see a promise.
 * </ul>
 * Promises belong to one vat and may be used only on that vat's event loop.
 *
 * @param <T> the type of the fulfillment value
 */
public interface VatPromise<T> extends PassablePromise {
    /**
     * A new promise settled by {@code onFulfilled} applied to this promise's value; a rejection
     * passes through.
     */
    <R> VatPromise<R> then(Function<? super T, ?> onFulfilled);

    /** A new promise settled by whichever callback applies. */
    <R> VatPromise<R> then(Function<? super T, ?> onFulfilled, Function<? super Throwable, ?> onRejected);

    /**
     * A new promise that recovers from a rejection with {@code onRejected}'s result; a
     * fulfillment passes through.
     */
    VatPromise<T> catching(Function<? super Throwable, ?> onRejected);

    /** Runs {@code action} with the value once fulfilled (a rejection is ignored here). */
    void onFulfilled(Consumer<? super T> action);

    /** Runs {@code action} with the reason once rejected. */
    void onRejected(Consumer<? super Throwable> action);

    /** Runs {@code action} once settled, either way: with the value or null, the reason or null. */
    void whenSettled(SettledAction<? super T> action);

    /** Whether this promise is settled (fulfilled or rejected; following a pending promise is not settled). */
    boolean isSettled();

    /** Whether this promise is fulfilled. */
    boolean isFulfilled();

    /** Whether this promise is rejected. */
    boolean isRejected();

    /**
     * The value of a fulfilled promise.
     *
     * @throws IllegalStateException if it is not fulfilled
     */
    T value();

    /**
     * The reason of a rejected promise.
     *
     * @throws IllegalStateException if it is not rejected
     */
    Throwable reason();

    /** What {@link #whenSettled} runs. */
    @FunctionalInterface
    interface SettledAction<T> {
        void settled(T value, Throwable reason);
    }
}
