package io.jocap.vat;

import io.jocap.vat.runtime.VatRuntime;
import java.util.List;

/**
 * Eventual sends: how vat code calls objects. {@code E.send(counter, "increment", 1)} (or
 * {@code E.of(counter).call("increment", 1)}) asks for {@code counter.increment(1)} to run
 * <em>later</em> and returns at once with a {@link VatPromise} for the result.
 *
 * <ul>
 *   <li>The target may be a {@link Presence} (an object of another vat: the message goes through
 *       the kernel), a {@link Far} object of this vat (the call runs in a later step of this
 *       vat's event loop, never inside the caller), or a {@link VatPromise} for one of those:
 *       the message follows the promise, and a promise from another vat's send is
 *       <em>pipelined</em> (sent on at once, delivered as soon as the promise resolves, with no
 *       round trip back here).
 *   <li>Arguments and results are passables: data (numbers, strings, booleans, lists, records
 *       as {@code Map<String, Object>}), {@link Far} objects, {@link Presence}s and promises.
 *       Numbers arrive as {@code Double} unless the method's parameter type says otherwise.
 *   <li>If the method throws, or the target is gone, the returned promise is rejected (a
 *       {@link VatRejection} for failures in other vats and in the kernel); this vat goes on.
 * </ul>
 * Use only on the vat's event loop (in methods, promise reactions, timers and I/O completions).
 */
public final class E {
    private final Object target;

    private E(Object target) {
        this.target = target;
    }

    /** The target of {@link #call}: {@code E.of(ref).call("method", args…)}. */
    public static E of(Object target) {
        return new E(target);
    }

    /** Sends {@code method(args…)} to this target; the promise settles with the result. */
    public VatPromise<Object> call(String method, Object... args) {
        return send(target, method, args);
    }

    /** Sends {@code method(args…)} to {@code target}; the promise settles with the result. */
    public static VatPromise<Object> send(Object target, String method, Object... args) {
        return VatRuntime.current().send(target, method, args(args), true);
    }

    /** Sends {@code method(args…)} to {@code target} when no result is wanted (cheaper: no result promise). */
    public static void sendOnly(Object target, String method, Object... args) {
        VatRuntime.current().send(target, method, args(args), false);
    }

    private static List<Object> args(Object[] args) {
        return args == null ? List.of() : java.util.Arrays.asList(args.clone()); // nulls are passable
    }

    /** A promise for {@code valueOrPromise}: follows it if it is a promise, else fulfilled with it. */
    public static <T> VatPromise<T> when(Object valueOrPromise) {
        return VatPromises.resolved(valueOrPromise);
    }

    /**
     * A typed view of {@code target}: each call of a method of {@code remote} (an interface whose
     * every method returns a {@link VatPromise}) is an eventual send of that method's name with
     * its arguments. {@code E.as(counterRef, CounterRemote.class).increment(1)}.
     *
     * @throws IllegalArgumentException if {@code remote} is not an interface, or one of its
     *     methods does not return {@code VatPromise}
     */
    public static <I> I as(Object target, Class<I> remote) {
        return VatRuntime.current().typed(target, remote);
    }
}
