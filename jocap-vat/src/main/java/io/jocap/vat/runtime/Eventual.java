package io.jocap.vat.runtime;

import io.jocap.marshal.CapData;
import io.jocap.marshal.MarshalException;
import io.jocap.protocol.Message;
import io.jocap.protocol.Syscall;
import io.jocap.vat.E;
import io.jocap.vat.Far;
import io.jocap.vat.VatException;
import io.jocap.vat.VatPromise;
import io.jocap.vat.VatResolver;
import io.jocap.vat.loop.LoopPromise;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The implementation of {@link E}: where an eventual send goes, by what its target is.
 *
 * <ul>
 *   <li>{@link ImportedPresence}: a {@code send} syscall with a new result promise ({@code p+N},
 *       subscribed so the kernel tells us how it settles).
 *   <li>A local {@link Far}: the call is enqueued on this vat's loop and runs after the current
 *       step; its result settles the returned promise.
 *   <li>A promise: settled → the send goes to its value (a rejection passes on); pending with a
 *       vref this vat does not decide (an import, a send's result) → sent to the promise through
 *       the kernel (pipelining); otherwise it waits for the promise locally.
 * </ul>
 */
final class Eventual {
    private final VatRuntime runtime;

    Eventual(VatRuntime runtime) {
        this.runtime = runtime;
    }

    VatPromise<Object> send(Object target, String method, List<Object> args, boolean wantResult) {
        Objects.requireNonNull(method, "method");
        List<Object> copied = new ArrayList<>(args);
        if (target instanceof ImportedPresence presence) {
            return sendThroughKernel(presence.vref(), method, copied, wantResult);
        }
        if (target instanceof VatPromise<?> promise) {
            if (promise.isFulfilled()) {
                return send(promise.value(), method, copied, wantResult);
            }
            if (promise.isRejected()) {
                VatResolver<Object> resolver = LoopPromise.kit(runtime.loop());
                resolver.reject(promise.reason());
                return resolver.promise();
            }
            PromiseEntry entry = runtime.refs().entryOf(promise);
            if (entry != null && !entry.decider) {
                return sendThroughKernel(entry.vref, method, copied, wantResult);
            }
            return promise.then(value -> send(value, method, copied, wantResult));
        }
        if (target instanceof Far) {
            VatResolver<Object> resolver = LoopPromise.kit(runtime.loop());
            runtime.loop().enqueue(() -> {
                try {
                    resolver.resolve(runtime.invoke(target, method, copied));
                } catch (Throwable t) {
                    resolver.reject(t);
                }
            });
            return resolver.promise();
        }
        VatResolver<Object> resolver = LoopPromise.kit(runtime.loop());
        resolver.reject(new VatException("cannot send \"" + method + "\" to " + describe(target)
                + ": messages go to presences, Far objects of this vat, or promises for them"));
        return resolver.promise();
    }

    private VatPromise<Object> sendThroughKernel(String targetVref, String method, List<Object> args, boolean wantResult) {
        CapData methargs;
        try {
            methargs = runtime.marshal().encode(List.of(method, args));
        } catch (MarshalException e) {
            VatResolver<Object> resolver = LoopPromise.kit(runtime.loop());
            resolver.reject(new VatException("cannot send \"" + method + "\": " + e.getMessage(), e));
            return resolver.promise();
        }
        if (!wantResult) {
            runtime.syscalls().post(new Syscall.Send(targetVref, new Message(methargs, null)));
            return null;
        }
        PromiseEntry result = runtime.refs().newResultPromise();
        runtime.syscalls().post(new Syscall.Send(targetVref, new Message(methargs, result.vref)));
        runtime.syscalls().post(new Syscall.Subscribe(result.vref));
        return result.promise;
    }

    @SuppressWarnings("unchecked")
    <I> I typed(Object target, Class<I> remote) {
        if (!remote.isInterface()) {
            throw new IllegalArgumentException(remote.getName() + " is not an interface: E.as needs an interface"
                    + " whose methods return VatPromise");
        }
        for (Method m : remote.getMethods()) {
            if (!m.isDefault() && !java.lang.reflect.Modifier.isStatic(m.getModifiers())
                    && m.getReturnType() != VatPromise.class) {
                throw new IllegalArgumentException(remote.getSimpleName() + "." + m.getName() + " returns "
                        + m.getReturnType().getSimpleName() + ": every method of an E.as interface must return VatPromise");
            }
        }
        InvocationHandler handler = (proxy, m, args) -> {
            if (m.getDeclaringClass() == Object.class) {
                return switch (m.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> "E.as(" + describe(target) + ", " + remote.getSimpleName() + ")";
                };
            }
            return send(target, m.getName(), args == null ? List.of() : Arrays.asList(args), true);
        };
        return (I) Proxy.newProxyInstance(remote.getClassLoader(), new Class<?>[] {remote}, handler);
    }

    static String describe(Object target) {
        if (target == null) {
            return "null";
        }
        if (target instanceof io.jocap.marshal.Remotable r) {
            return r.iface();
        }
        return "a " + target.getClass().getSimpleName();
    }
}
