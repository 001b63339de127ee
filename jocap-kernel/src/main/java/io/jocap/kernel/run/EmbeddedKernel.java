package io.jocap.kernel.run;

import io.jocap.kernel.state.KernelState;
import io.jocap.kernel.state.KernelMessage;
import io.jocap.kernel.state.PromiseState;
import io.jocap.kernel.state.RunQueueItem;
import io.jocap.marshal.CapData;
import io.jocap.store.KernelStore;
import io.jocap.store.StoreOptions;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A whole kernel core in one object, driven by hand: a temporary {@link KernelStore}, a
 * {@link CrankRunner} over it, and helpers to set up state, queue messages as the host would, run
 * cranks and inspect the result. For tests, the CLI's demos and later modules' tests; not a host
 * API (no threads, no inbox, no futures).
 *
 * <p>With auditing on (the default), the reference-count audit runs after every crank the runner
 * ends, committed or rolled back, and after every {@link #crank} setup step, and a finding throws
 * {@link IllegalStateException} with the report. Kernel thread only; close it to delete the store.
 */
public final class EmbeddedKernel implements AutoCloseable {
    private final KernelStore store;
    private final KernelState state;
    private final CrankRunner runner;
    private boolean auditing;

    private EmbeddedKernel(StoreOptions options, boolean auditing) {
        this.store = KernelStore.openTemporary(options);
        this.runner = new CrankRunner(store);
        this.state = runner.state();
        this.auditing = auditing;
        runner.afterEachCrank(this::auditIfEnabled);
    }

    /** A kernel on a new temporary store, auditing after every crank. */
    public static EmbeddedKernel create() {
        return create(StoreOptions.defaults());
    }

    /** A kernel on a new temporary store with the given options, auditing after every crank. */
    public static EmbeddedKernel create(StoreOptions options) {
        return new EmbeddedKernel(Objects.requireNonNull(options, "options"), true);
    }

    /** Turns the audit after every crank on or off. */
    public EmbeddedKernel auditing(boolean enabled) {
        this.auditing = enabled;
        return this;
    }

    /** Registers {@code endpoint} as vat {@code vatId} (see {@link CrankRunner#register}). */
    public <E extends VatEndpoint> E register(String vatId, E endpoint) {
        runner.register(vatId, endpoint);
        return endpoint;
    }

    /** Runs {@code body} in a crank of its own and commits it (setup and host-like inputs). */
    public <T> T crank(Supplier<T> body) {
        T result = store.inCrank(body);
        auditIfEnabled();
        return result;
    }

    /** Runs {@code body} in a crank of its own and commits it. */
    public void crank(Runnable body) {
        crank(() -> {
            body.run();
            return null;
        });
    }

    /**
     * Creates an object exported by {@code vatId} as {@code vref} ({@code o+N}) and pins it, as a
     * launcher pins a vat's root, so that the collector keeps it while nothing else holds it;
     * returns its kref.
     */
    public String export(String vatId, String vref) {
        String ko = exportUnpinned(vatId, vref);
        crank(() -> state.pins().pin(ko));
        return ko;
    }

    /**
     * Creates an object exported by {@code vatId} as {@code vref}, unpinned: once nothing holds
     * it (it was never counted, so this happens after a holder lets go), the collector has its
     * exporter told to drop and retire it. Returns its kref.
     */
    public String exportUnpinned(String vatId, String vref) {
        return crank(() -> {
            String ko = state.objects().create(vatId);
            state.clist(vatId).add(vref, ko, true);
            return ko;
        });
    }

    /**
     * Queues {@code methargs} for {@code target} (a kref) with a new result promise, which the
     * kernel pins on the host's behalf, so it outlives its resolution for inspection; returns it.
     */
    public String queueSend(String target, CapData methargs) {
        return crank(() -> {
            String result = state.promises().create(null);
            state.pins().pin(result);
            state.runQueue().push(new RunQueueItem.Send(target, new KernelMessage(methargs, result)));
            return result;
        });
    }

    /** Queues {@code methargs} for {@code target} with {@code result} (an existing promise, or null). */
    public void queueSend(String target, CapData methargs, String result) {
        crank(() -> state.runQueue().push(new RunQueueItem.Send(target, new KernelMessage(methargs, result))));
    }

    /** Runs one step (see {@link CrankRunner#runCrank()}). */
    public CrankOutcome step() {
        return runner.runCrank();
    }

    /**
     * Steps until the run queue is empty; returns the number of steps that did work.
     *
     * @throws IllegalStateException if there is still work after {@code maxSteps} steps
     */
    public int runUntilIdle(int maxSteps) {
        for (int steps = 0; steps <= maxSteps; steps++) {
            if (!runner.step()) {
                return steps;
            }
        }
        throw new IllegalStateException("still not idle after " + maxSteps + " steps; run queue length "
                + runQueueLength());
    }

    /** The kernel state. */
    public KernelState state() {
        return state;
    }

    /** The store. */
    public KernelStore store() {
        return store;
    }

    /** The crank engine. */
    public CrankRunner runner() {
        return runner;
    }

    /** The number of items on the run queue. */
    public long runQueueLength() {
        return state.runQueue().size();
    }

    /** The state of promise {@code kp}. */
    public PromiseState promiseState(String kp) {
        return state.promises().state(kp);
    }

    /** The settled value of promise {@code kp}, or null while unresolved. */
    public CapData promiseValue(String kp) {
        return state.promises().value(kp);
    }

    /** The dead letters. */
    public DeadLetters deadLetters() {
        return runner.deadLetters();
    }

    /** Runs the reference-count audit now; throws {@link IllegalStateException} with the report if it finds anything. */
    public void audit() {
        state.audit().assertClean();
    }

    private void auditIfEnabled() {
        if (auditing) {
            audit();
        }
    }

    @Override
    public void close() {
        store.close();
    }
}
