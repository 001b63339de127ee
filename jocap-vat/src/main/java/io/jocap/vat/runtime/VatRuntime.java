package io.jocap.vat.runtime;

import io.jocap.marshal.CapData;
import io.jocap.marshal.MarshalException;
import io.jocap.marshal.Smallcaps;
import io.jocap.marshal.Undefined;
import io.jocap.protocol.Delivery;
import io.jocap.protocol.DeliveryResult;
import io.jocap.protocol.Resolution;
import io.jocap.protocol.Syscall;
import io.jocap.protocol.SyscallResult;
import io.jocap.vat.Baggage;
import io.jocap.vat.Far;
import io.jocap.vat.Vat;
import io.jocap.vat.VatException;
import io.jocap.vat.VatPowers;
import io.jocap.vat.VatPromise;
import io.jocap.vat.StepBudgetExceeded;
import io.jocap.vat.loop.VatLoop;
import io.jocap.vat.runtime.dispatch.ResultConverter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The vat runtime (the part SwingSet calls liveslots): it turns the kernel's deliveries into calls
 * of the vat's objects and the vat's eventual sends, promise settlements and durable writes into
 * syscalls.
 *
 * <p><b>Contract for workers.</b> One runtime per incarnation of a vat, confined to the vat's
 * {@link VatLoop}. The worker calls {@link #bind()} once on the loop thread, then for each
 * delivery starts a turn that calls {@link #deliver}, and when the turn has ended (the vat is
 * quiescent) calls {@link #endTurn()} for the delivery's result. Work that starts outside a
 * delivery (a timer, an I/O completion) runs in turns the worker gets from the kernel in the same
 * way (an external turn), also followed by {@link #endTurn()}. The result is
 * {@link DeliveryResult.Failed} only when the runtime itself could not go on (the kernel refused
 * a syscall, the vat's build step failed): a vat method that throws only rejects its caller.
 *
 * <p>First delivery: {@code startVat}, which loads the runtime's counters, calls
 * {@link Vat#buildRootObject}, exports the root as {@code o+0} and checks that every durable kind
 * in the vatstore was redefined.
 */
public final class VatRuntime {
    /*
     * Implementation overview. VatRefs is the vat's c-list; VatSlots converts objects <-> vrefs
     * for two marshallers: "marshal" (the wire: anything passable) and "storage" (baggage and
     * durable state: data, presences and durable objects only). Results of incoming messages are
     * answered with a resolve syscall once the method's value is known (a pending promise from
     * another vat is passed on as the resolution, so the kernel forwards it; a pending local
     * promise is waited for). Local promises passed out get p+N and a reaction that resolves p+N
     * when they settle. A refused syscall is fatal: recorded here as soon as it is seen (vat code
     * may catch the exception, the turn still fails).
     */
    private static final ThreadLocal<VatRuntime> CURRENT = new ThreadLocal<>();

    private final String vatName;
    private final Vat vat;
    private final VatPowers powers;
    private final VatLoop loop;
    private final VatSyscalls syscalls;
    private final VatRefs refs;
    private final DurableKinds kinds;
    private final Smallcaps marshal;
    private final Smallcaps storage;
    private final StoredValues stored;
    private final VatstoreBaggage baggage;
    private final Eventual eventual;
    private final MethodInvoker invoker;
    private String fatal;
    private boolean started;

    /** Calls a method of a local object by name (see {@code io.jocap.vat.runtime.dispatch}). */
    @FunctionalInterface
    public interface MethodInvoker {
        /**
         * Calls {@code method} on {@code target} with passable {@code args} and returns the
         * result as a passable (or a {@link VatPromise}).
         *
         * @throws CallerMistake if the call itself is wrong (no such method, bad arguments): the
         *     caller is told with a {@code TypeError}
         * @throws Throwable whatever the method throws
         */
        Object invoke(Object target, String method, List<Object> args) throws Throwable;
    }

    /** A call that could not be made as asked; its message is for the caller. */
    public static final class CallerMistake extends Exception {
        public CallerMistake(String message) {
            super(message);
        }
    }

    public VatRuntime(String vatName, Vat vat, VatPowers powers, VatLoop loop, VatSyscalls syscalls,
            MethodInvoker invoker) {
        this.vatName = Objects.requireNonNull(vatName, "vatName");
        this.vat = Objects.requireNonNull(vat, "vat");
        this.powers = Objects.requireNonNull(powers, "powers");
        this.loop = Objects.requireNonNull(loop, "loop");
        this.syscalls = new FatalRecordingSyscalls(Objects.requireNonNull(syscalls, "syscalls"));
        this.invoker = Objects.requireNonNull(invoker, "invoker");
        this.refs = new VatRefs(this.syscalls, loop);
        Vatstore vatstore = new Vatstore(this.syscalls);
        this.stored = new StoredValues(vatstore, refs::possiblyDead);
        this.kinds = new DurableKinds(vatstore, stored, refs, vatName);
        this.marshal = Smallcaps.builder().slotConverter(new VatSlots(refs, kinds, this::exportPromise, false)).build();
        this.storage = Smallcaps.builder().slotConverter(new VatSlots(refs, kinds, p -> {
            throw new MarshalException("a promise cannot be stored");
        }, true)).build();
        kinds.storage(storage);
        this.baggage = new VatstoreBaggage(vatstore, stored, storage, kinds);
        this.eventual = new Eventual(this);
    }

    /**
     * The runtime whose vat is running on this thread.
     *
     * @throws VatException if this is not a vat's event loop
     */
    public static VatRuntime current() {
        VatRuntime runtime = CURRENT.get();
        if (runtime == null) {
            throw new VatException("eventual sends can only be made on a vat's event loop"
                    + " (inside a vat method, a promise reaction, a timer or an I/O completion)");
        }
        return runtime;
    }

    /** Makes this the runtime of the calling thread, which must be the loop's. */
    public void bind() {
        if (!loop.inLoop()) {
            throw new IllegalStateException("bind() must run on vat " + vatName + "'s event loop");
        }
        CURRENT.set(this);
        loop.onUncaught(t -> {
            if (t instanceof StepBudgetExceeded over) {
                powers.logger().error(over.getMessage(), null);
            } else if (!(t instanceof VatFatalException)) {
                powers.logger().error("uncaught exception in vat " + vatName, t);
            }
        });
    }

    /**
     * Runs {@code body} with this runtime as the calling thread's current one, then restores the
     * previous one: for a turn run on a thread that is not the loop's ({@link VatLoop#runTurnHere}).
     */
    public void runBound(Runnable body) {
        VatRuntime previous = CURRENT.get();
        CURRENT.set(this);
        try {
            body.run();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    /** Handles {@code delivery}, at the start of a turn. */
    public void deliver(Delivery delivery) {
        Objects.requireNonNull(delivery, "delivery");
        try {
            switch (delivery) {
                case Delivery.StartVat start -> start(start.parameters());
                case Delivery.Deliver message -> deliverMessage(message);
                case Delivery.Notify notify -> notify(notify.resolutions());
                case Delivery.DropExports drop -> {
                    // Kept until the kernel retires them: another vat may still recognise one, and
                    // we may pass it out again (the kernel then marks it reachable again).
                }
                case Delivery.RetireExports retire -> retire.vrefs().forEach(refs::forgetExport);
                case Delivery.RetireImports retire -> retire.vrefs().forEach(refs::forgetImport);
                case Delivery.BringOutYourDead reap -> bringOutYourDead();
            }
        } catch (VatFatalException e) {
            fail(e.getMessage());
        }
    }

    /**
     * Reports the imports the vat no longer uses: dropped and retired at once (a vat's code cannot
     * recognise an object it cannot reach: it has no weak collections of presences).
     */
    private void bringOutYourDead() {
        List<String> dead = refs.deadImports(stored);
        if (!dead.isEmpty()) {
            syscalls.post(new Syscall.DropImports(dead));
            syscalls.post(new Syscall.RetireImports(dead));
        }
    }

    /**
     * The result of the turn that just ended (the vat is quiescent); resets for the next turn. A
     * turn that spent its step budget ({@link VatLoop#stepBudget}) failed, with the loop's message
     * (whatever else went wrong was most likely caused by the {@link StepBudgetExceeded}s).
     */
    public DeliveryResult endTurn() {
        String problem = fatal;
        fatal = null;
        String overBudget = loop.stepBudgetExceeded();
        if (overBudget != null) {
            problem = overBudget;
        }
        return problem == null ? DeliveryResult.OK : new DeliveryResult.Failed(problem);
    }

    // ---- for Eventual, E and the worker ----

    /** An eventual send (the implementation of {@link io.jocap.vat.E}); null if no result is wanted and none is made. */
    public VatPromise<Object> send(Object target, String method, List<Object> args, boolean wantResult) {
        return eventual.send(target, method, args, wantResult);
    }

    /** A typed eventual-send view (the implementation of {@link io.jocap.vat.E#as}). */
    public <I> I typed(Object target, Class<I> remote) {
        return eventual.typed(target, remote);
    }

    VatLoop loop() {
        return loop;
    }

    VatRefs refs() {
        return refs;
    }

    VatSyscalls syscalls() {
        return syscalls;
    }

    Smallcaps marshal() {
        return marshal;
    }

    /** The vat's name. */
    public String vatName() {
        return vatName;
    }

    /** A summary of the vat's tables (for tests and status). */
    public String tableSizes() {
        return refs.sizes();
    }

    /** Calls a local object; a caller's mistake becomes a {@code TypeError} rejection. */
    Object invoke(Object target, String method, List<Object> args) throws Throwable {
        try {
            return invoker.invoke(target, method, args);
        } catch (CallerMistake mistake) {
            throw VatErrors.rejectionOf(VatErrors.typeError(mistake.getMessage()));
        }
    }

    // ---- deliveries ----

    private void start(CapData parameters) {
        if (started) {
            fail("vat " + vatName + " was started twice");
            return;
        }
        started = true;
        refs.loadCounters();
        Map<String, Object> params;
        try {
            params = parameters(marshal.decode(parameters));
        } catch (MarshalException | VatException e) {
            fail("the parameters of vat " + vatName + " are not usable: " + e.getMessage());
            return;
        }
        Far root;
        try {
            root = vat.buildRootObject(powers, params, baggage);
        } catch (VatFatalException e) {
            throw e;
        } catch (Exception | LinkageError | StackOverflowError e) {
            fail("buildRootObject of vat " + vatName + " failed: " + e);
            return;
        }
        if (root == null) {
            fail("buildRootObject of vat " + vatName + " returned null instead of a Far root object");
            return;
        }
        refs.export(root, "o+0");
        try {
            kinds.checkAllRedefined();
        } catch (VatException e) {
            fail(e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parameters(Object decoded) {
        if (decoded == null || decoded == Undefined.UNDEFINED) {
            return Map.of();
        }
        if (decoded instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new VatException("they must be a record, not " + decoded.getClass().getSimpleName());
    }

    private void deliverMessage(Delivery.Deliver delivery) {
        String result = delivery.message().result();
        PromiseEntry known = result == null ? null : refs.entry(result);
        if (known != null) {
            known.decider = true; // this vat settles it now; its local followers hear when we answer
        }
        Object target;
        List<?> methargs;
        try {
            target = refs.exported(delivery.target());
            if (target == null && VatSlots.isDurable(delivery.target())) {
                target = kinds.materialize(delivery.target());
            }
            if (target == null) {
                answerRejected(result, io.jocap.marshal.PassableError.error("vat " + vatName + " has no object "
                        + delivery.target() + " (an ephemeral object of an earlier incarnation?)"));
                return;
            }
            Object decoded = marshal.decode(delivery.message().methargs());
            if (!(decoded instanceof List<?> list) || list.size() != 2 || !(list.get(0) instanceof String)
                    || !(list.get(1) instanceof List<?>)) {
                answerRejected(result, VatErrors.typeError("a message must be [method, [args…]]"));
                return;
            }
            methargs = list;
        } catch (MarshalException e) {
            answerRejected(result, VatErrors.typeError("the message could not be decoded: " + e.getMessage()));
            return;
        }
        String method = (String) methargs.get(0);
        List<Object> args = new ArrayList<>((List<?>) methargs.get(1));
        Object value;
        try {
            value = invoke(target, method, args);
        } catch (VatFatalException e) {
            throw e;
        } catch (Throwable t) {
            answerRejected(result, VatErrors.reasonOf(t));
            return;
        }
        answer(result, value);
    }

    /** Settles result promise {@code result} (if any) with what a method returned. */
    private void answer(String result, Object value) {
        if (result == null) {
            return;
        }
        if (value instanceof VatPromise<?> promise) {
            if (promise.isFulfilled()) {
                resolveAsDecider(result, false, promise.value());
            } else if (promise.isRejected()) {
                resolveAsDecider(result, true, VatErrors.reasonOf(promise.reason()));
            } else if (refs.entryOf(promise) != null && !refs.entryOf(promise).decider) {
                resolveAsDecider(result, false, promise); // the kernel forwards to it
            } else {
                promise.whenSettled((v, reason) -> resolveAsDecider(result, reason != null,
                        reason != null ? VatErrors.reasonOf(reason) : v));
            }
            return;
        }
        resolveAsDecider(result, false, value);
    }

    private void answerRejected(String result, Object reason) {
        if (result != null) {
            resolveAsDecider(result, true, reason);
        }
    }

    /**
     * Resolves {@code vref}, a promise this vat decides, with {@code value} (a passable, or the
     * reason if {@code rejected}), settles the local promise that stands for it, if any, and
     * forgets the vref (the kernel retires it).
     */
    private void resolveAsDecider(String vref, boolean rejected, Object value) {
        CapData data;
        try {
            // As for a value returned directly: records, enums, arrays and the like are converted
            // (a promise's value reaches here unconverted, whichever way it was settled).
            Object wire = rejected ? value : ResultConverter.toPassable(value, "the result");
            data = marshal.encode(wire);
        } catch (io.jocap.vat.runtime.dispatch.DispatchException e) {
            rejected = true;
            value = io.jocap.marshal.PassableError.error("the result could not be passed: " + e.getMessage());
            data = marshal.encode(value);
        } catch (MarshalException e) {
            rejected = true;
            value = io.jocap.marshal.PassableError.error("the result could not be passed: " + e.getMessage());
            data = marshal.encode(value);
        }
        syscalls.post(new Syscall.Resolve(List.of(new Resolution(vref, rejected, data))));
        PromiseEntry entry = refs.entry(vref);
        refs.forgetPromise(vref);
        if (entry != null && entry.resolver != null) {
            if (rejected) {
                entry.resolver.reject(VatErrors.rejectionOf(value));
            } else {
                entry.resolver.resolve(value);
            }
        }
    }

    /** Gives a local promise a vref this vat decides, and resolves that vref when the promise settles. */
    private String exportPromise(VatPromise<Object> promise) {
        PromiseEntry entry = refs.exportPromise(promise);
        promise.whenSettled((value, reason) -> {
            if (refs.entry(entry.vref) == entry) {
                resolveAsDecider(entry.vref, reason != null, reason != null ? VatErrors.reasonOf(reason) : value);
            }
        });
        return entry.vref;
    }

    private void notify(List<Resolution> resolutions) {
        // Every promise in this list is retired by the kernel with this notify: know them all
        // before decoding, so that a value naming another one does not subscribe to it.
        for (Resolution resolution : resolutions) {
            refs.knownPromise(resolution.promise());
        }
        List<Object> values = new ArrayList<>(resolutions.size());
        for (Resolution resolution : resolutions) {
            Object value;
            try {
                value = marshal.decode(resolution.data());
            } catch (MarshalException e) {
                value = new MarshalFailure(e);
            }
            values.add(value);
        }
        for (int i = 0; i < resolutions.size(); i++) {
            Resolution resolution = resolutions.get(i);
            PromiseEntry entry = refs.entry(resolution.promise());
            refs.forgetPromise(resolution.promise());
            if (entry == null || entry.resolver == null) {
                continue;
            }
            Object value = values.get(i);
            if (value instanceof MarshalFailure failure) {
                entry.resolver.reject(new VatException("the settlement of a promise could not be decoded: "
                        + failure.cause.getMessage(), failure.cause));
            } else if (resolution.rejected()) {
                entry.resolver.reject(VatErrors.rejectionOf(value));
            } else {
                entry.resolver.resolve(value);
            }
        }
    }

    private record MarshalFailure(MarshalException cause) {}

    private void fail(String problem) {
        if (fatal == null) {
            fatal = problem;
        }
    }

    /** Records a refused syscall as fatal the moment it is seen. */
    private final class FatalRecordingSyscalls implements VatSyscalls {
        private final VatSyscalls inner;

        FatalRecordingSyscalls(VatSyscalls inner) {
            this.inner = inner;
        }

        @Override
        public void post(Syscall syscall) {
            inner.post(syscall);
        }

        @Override
        public SyscallResult call(Syscall syscall) {
            SyscallResult result = inner.call(syscall);
            if (result instanceof SyscallResult.Failed failed) {
                fail("the kernel refused a syscall: " + failed.problem());
                throw new VatFatalException("the kernel refused a syscall: " + failed.problem());
            }
            return result;
        }
    }

    /** For tests: the vat's baggage. */
    Baggage baggage() {
        return baggage;
    }
}
