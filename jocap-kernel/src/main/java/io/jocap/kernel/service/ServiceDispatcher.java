package io.jocap.kernel.service;

import io.jocap.kernel.errors.KernelErrorCode;
import io.jocap.kernel.errors.KernelErrors;
import io.jocap.kernel.run.KernelServiceGateway;
import io.jocap.kernel.state.EndpointId;
import io.jocap.kernel.state.KernelMessage;
import io.jocap.kernel.state.KernelState;
import io.jocap.marshal.CapData;
import io.jocap.marshal.MarshalException;
import io.jocap.marshal.Smallcaps;
import io.jocap.store.KernelStore;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Hands messages for kernel-owned objects to the registered service objects (design section 4:
 * "invoke the kernel service, never blocking the crank").
 *
 * <p><b>Contract.</b> {@link #accept}, on the kernel thread inside the crank that took the
 * message: decodes {@code [method, args]} with {@link Smallcaps#standard()} (slots become
 * {@code RemotableRef}/{@code PromiseRef} carrying krefs) and finds the method; an unregistered
 * service answers {@code ENDPOINT_UNREACHABLE}, malformed methargs, an unknown method or
 * arguments no overload takes answer {@code DELIVERY_FAILED}, and the runner splats. Otherwise the
 * result promise (if any) gets the kernel as decider and a pin, so it survives until settled, and
 * the call is started once the crank is <em>durable</em> (a service's effects are outputs, design
 * invariant 3) on {@code executor}, never on the kernel thread. The outcome goes to the
 * {@link ServiceResultSink}: the returned value (or the value a returned {@link CompletionStage}
 * completes with) fulfils the result; an exception, or a value that cannot be encoded, rejects it
 * with {@code [KERNEL:DELIVERY_FAILED] <message>}. A message without a result has its failures
 * logged only. The sink's caller unpins the result when it applies the outcome.
 */
public final class ServiceDispatcher implements KernelServiceGateway {
    private static final System.Logger LOG = System.getLogger(ServiceDispatcher.class.getName());

    private final KernelStore store;
    private final KernelState state;
    private final ServiceRegistry registry;
    private final Executor executor;
    private final ServiceResultSink sink;

    public ServiceDispatcher(KernelStore store, KernelState state, ServiceRegistry registry, Executor executor,
            ServiceResultSink sink) {
        this.store = Objects.requireNonNull(store, "store");
        this.state = Objects.requireNonNull(state, "state");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    @Override
    public ServiceCall accept(String target, KernelMessage message) {
        Optional<ServiceRegistry.Service> service = registry.byKref(target);
        if (service.isEmpty()) {
            // A kernel object left from an earlier run whose service was not registered again.
            return new ServiceCall.Refused(KernelErrors.toCapData(KernelErrorCode.ENDPOINT_UNREACHABLE,
                    "no kernel service is registered for the target"));
        }
        ServiceMethod method;
        try {
            method = findMethod(service.get(), message.methargs());
        } catch (IllegalArgumentException | MarshalException e) {
            return new ServiceCall.Refused(KernelErrors.toCapData(KernelErrorCode.DELIVERY_FAILED, e.getMessage()));
        }
        String result = message.result();
        if (result != null) {
            state.promises().setDecider(result, EndpointId.KERNEL);
            state.pins().pin(result);
        }
        Object object = service.get().object();
        return new ServiceCall.Accepted(crank -> store.whenDurable(crank).whenCompleteAsync((durable, failure) -> {
            if (failure == null) {
                call(object, method, result);
            } // else the store failed: the kernel is stopping, and nobody is left to tell
        }, executor));
    }

    private static ServiceMethod findMethod(ServiceRegistry.Service service, CapData methargs) {
        if (!(Smallcaps.standard().decode(methargs) instanceof List<?> pair) || pair.size() != 2
                || !(pair.get(0) instanceof String name) || !(pair.get(1) instanceof List<?> args)) {
            throw new IllegalArgumentException("a message must be [method name, [arguments]]");
        }
        return ServiceMethod.find(service.object(), name, args).orElseThrow(() -> new IllegalArgumentException(
                "the service \"" + service.name() + "\" has no method " + name + " taking " + args.size()
                        + " argument" + (args.size() == 1 ? "" : "s")));
    }

    /** Calls the service on the executor thread and reports the outcome. */
    private void call(Object object, ServiceMethod method, String result) {
        Object returned;
        try {
            returned = method.invoke(object);
        } catch (Throwable t) {
            report(result, null, t);
            return;
        }
        if (returned instanceof CompletionStage<?> stage) {
            stage.whenComplete((value, failure) -> report(result, value, failure));
        } else {
            report(result, returned, null);
        }
    }

    private void report(String result, Object value, Throwable failure) {
        if (failure == null) {
            try {
                CapData encoded = Smallcaps.standard().encode(value);
                if (result != null) {
                    sink.settle(result, encoded, false);
                }
                return;
            } catch (RuntimeException e) {
                failure = new IllegalArgumentException("the service returned a value that cannot be passed: "
                        + e.getMessage(), e);
            }
        }
        if (failure instanceof CompletionException && failure.getCause() != null) {
            failure = failure.getCause();
        }
        if (result == null) {
            LOG.log(System.Logger.Level.WARNING, "a kernel service call without a result failed", failure);
            return;
        }
        String detail = failure.getMessage() != null ? failure.getMessage() : failure.toString();
        sink.settle(result, KernelErrors.toCapData(KernelErrorCode.DELIVERY_FAILED, detail), true);
    }
}
