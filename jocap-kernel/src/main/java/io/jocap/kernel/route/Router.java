package io.jocap.kernel.route;

import io.jocap.kernel.errors.KernelErrorCode;
import io.jocap.kernel.route.Route.DeliverToEndpoint;
import io.jocap.kernel.route.Route.ForwardToRemote;
import io.jocap.kernel.route.Route.InvokeService;
import io.jocap.kernel.route.Route.QueueOnPromise;
import io.jocap.kernel.route.Route.Splat;
import io.jocap.kernel.state.EndpointId;
import io.jocap.kernel.state.KernelObjects;
import io.jocap.kernel.state.KernelPromises;
import io.jocap.kernel.state.KernelState;
import io.jocap.kernel.state.Kref;
import io.jocap.marshal.CapData;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Decides where a message sent to a kernel reference goes (DESIGN section 4), reading kernel state
 * and changing nothing.
 *
 * <table>
 *   <caption>Routes</caption>
 *   <tr><th>target</th><th>state</th><th>route</th></tr>
 *   <tr><td>object</td><td>revoked</td><td>{@link Splat} {@code OBJECT_REVOKED}</td></tr>
 *   <tr><td>object</td><td>no owner</td><td>{@link Splat} {@code OBJECT_DELETED}</td></tr>
 *   <tr><td>object</td><td>owned by {@code kernel}</td><td>{@link InvokeService}</td></tr>
 *   <tr><td>object</td><td>owned by a vat or remote</td><td>{@link DeliverToEndpoint}</td></tr>
 *   <tr><td>promise</td><td>unresolved, decided by a remote</td><td>{@link ForwardToRemote}</td></tr>
 *   <tr><td>promise</td><td>unresolved, otherwise</td><td>{@link QueueOnPromise}</td></tr>
 *   <tr><td>promise</td><td>fulfilled to one object</td><td>that object's route</td></tr>
 *   <tr><td>promise</td><td>fulfilled to one promise</td><td>that promise's route, settled or not</td></tr>
 *   <tr><td>promise</td><td>fulfilled to anything else</td><td>{@link Splat} {@code BAD_PROMISE_RESOLUTION}</td></tr>
 *   <tr><td>promise</td><td>rejected</td><td>{@link Splat} with the rejection value, no code</td></tr>
 * </table>
 *
 * <p>"One object" and "one promise" mean the value decodes to a lone reference, not a container
 * holding one (see {@link SoleReference}); a value that does not decode is "anything else". Chains
 * of promises fulfilled to promises are followed iteratively to their end, so a message is never
 * stranded on a promise that has already settled; a chain that comes back to a promise already on
 * it is {@code BAD_PROMISE_RESOLUTION}, since no message can ever be delivered along it.
 *
 * <p><b>Errors.</b> A malformed target throws {@link IllegalArgumentException}. A target, or a
 * reference in a promise's value, that names nothing in the kernel, or a value that refers to
 * something that is not a kref, is a kernel bug: {@link IllegalStateException} naming the target
 * and the reference. Everything else is an ordinary route (DESIGN invariant 6).
 *
 * <p>Kernel thread only, like the state it reads; it may run inside or outside a crank.
 */
public final class Router {
    private static final String CYCLE_DETAIL =
            "the target promise was fulfilled, through a chain of promises, to itself";

    private final KernelObjects objects;
    private final KernelPromises promises;

    /** A router over {@code state}. */
    public Router(KernelState state) {
        Objects.requireNonNull(state, "state");
        this.objects = state.objects();
        this.promises = state.promises();
    }

    /** Where a message sent to {@code targetKref} (an object or a promise) goes now. */
    public Route route(String targetKref) {
        Kref.require(targetKref);
        try {
            return Kref.isObject(targetKref) ? routeObject(targetKref) : routePromise(targetKref);
        } catch (IllegalStateException e) {
            throw new IllegalStateException("cannot route a message to " + targetKref + ": " + e.getMessage(), e);
        }
    }

    private Route routeObject(String ko) {
        // Revocation wins over a missing owner: a revoked object says so even once orphaned.
        if (objects.isRevoked(ko)) {
            return Splat.kernelError(KernelErrorCode.OBJECT_REVOKED);
        }
        String owner = objects.owner(ko);
        if (owner == null) {
            return Splat.kernelError(KernelErrorCode.OBJECT_DELETED);
        }
        return EndpointId.isKernel(owner) ? new InvokeService(ko) : new DeliverToEndpoint(owner, ko);
    }

    private Route routePromise(String start) {
        String kp = start;
        Set<String> chain = null; // only built for chains, which are rare; most targets settle in one step
        while (true) {
            switch (promises.state(kp)) {
                case UNRESOLVED -> {
                    String decider = promises.decider(kp);
                    return EndpointId.isRemote(decider) ? new ForwardToRemote(decider, kp) : new QueueOnPromise(kp);
                }
                case REJECTED -> {
                    return Splat.rejectedWith(settledValue(kp));
                }
                case FULFILLED -> {
                    String next = SoleReference.of(settledValue(kp));
                    if (next == null) {
                        return Splat.kernelError(KernelErrorCode.BAD_PROMISE_RESOLUTION);
                    }
                    if (!Kref.isValid(next)) {
                        throw new IllegalStateException("the value of kernel promise " + kp + " refers to \"" + next
                                + "\", which is not a kernel reference (a kernel bug)");
                    }
                    if (Kref.isObject(next)) {
                        return routeObject(next);
                    }
                    if (chain == null) {
                        chain = new HashSet<>();
                    }
                    chain.add(kp);
                    if (chain.contains(next)) {
                        return Splat.kernelError(KernelErrorCode.BAD_PROMISE_RESOLUTION, CYCLE_DETAIL);
                    }
                    kp = next;
                }
            }
        }
    }

    private CapData settledValue(String kp) {
        CapData value = promises.value(kp);
        if (value == null) {
            throw new IllegalStateException("kernel promise " + kp + " is settled but has no value (a kernel bug)");
        }
        return value;
    }
}
