package io.jocap.kernel.run;

import io.jocap.kernel.errors.KernelErrorCode;
import io.jocap.kernel.errors.KernelErrors;
import io.jocap.kernel.route.Route;
import io.jocap.kernel.route.Router;
import io.jocap.kernel.run.CrankOutcome.Delivered;
import io.jocap.kernel.run.CrankOutcome.Dropped;
import io.jocap.kernel.run.CrankOutcome.Queued;
import io.jocap.kernel.run.CrankOutcome.Splatted;
import io.jocap.kernel.run.CrankOutcome.VatTerminated;
import io.jocap.kernel.state.EndpointId;
import io.jocap.kernel.state.GcActions;
import io.jocap.kernel.state.KernelState;
import io.jocap.kernel.state.QueueCodec;
import io.jocap.kernel.state.RunQueueItem;
import io.jocap.kernel.syscall.ExitRequest;
import io.jocap.kernel.syscall.PromiseResolver;
import io.jocap.kernel.syscall.SyscallHandler;
import io.jocap.kernel.translate.DeliveryTranslator;
import io.jocap.marshal.CapData;
import io.jocap.protocol.Delivery;
import io.jocap.protocol.DeliveryResult;
import io.jocap.protocol.Syscall;
import io.jocap.protocol.SyscallResult;
import io.jocap.store.KernelStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * The kernel's crank engine, single-threaded: each {@link #runCrank()} takes one item off the run
 * queue and handles it in one crank of the {@link KernelStore}, then commits or rolls back.
 *
 * <p><b>Contract.</b>
 * <ul>
 *   <li><b>One item per crank</b> (design invariant 1). A {@code Send} is routed by the
 *       {@link Router}: delivered to its owner vat, queued on an unresolved promise, or splatted
 *       (its result promise, if any, rejected with the route's error, exactly as a vat's resolve
 *       would: subscribers notified, messages queued on it sent on). A {@code Notify} is
 *       translated and delivered to the subscriber, or dropped if there is nothing to tell.
 *       A message for a kernel-owned object goes to the {@linkplain #services kernel service
 *       gateway} (splat {@code ENDPOINT_UNREACHABLE} if none is set); a {@code Notify} for the
 *       kernel pseudo-endpoint goes to the {@linkplain #kernelSubscriber kernel subscriber} after
 *       its crank commits. Remote kernels do not exist yet: messages routed to them splat
 *       {@code ENDPOINT_UNREACHABLE}, as do messages for a vat that is not registered.
 *   <li><b>Outputs wait for commit</b> (invariant 3): a vat's syscalls write into the crank, so
 *       the sends and notifications of a rolled-back crank vanish with it.
 *   <li><b>Vat faults</b> (invariant 8): an illegal syscall (the first one dooms the delivery,
 *       whatever follows), {@link DeliveryResult.Failed} or an exception from
 *       {@link VatEndpoint#deliver} roll the crank back; then a second crank terminates the vat
 *       ({@link VatTerminator}: its decided promises rejected with
 *       {@code VAT_FATAL:ILLEGAL_SYSCALL} or {@code VAT_FATAL:INTERNAL_ERROR}, vatstore deleted,
 *       exports orphaned and c-list removed by budgeted cleanup cranks) and the vat is
 *       unregistered. An {@code exit} syscall
 *       terminates the vat with {@code VAT_TERMINATED}: in the delivery's own crank, which
 *       commits, for a normal exit; after rolling the delivery back for {@code exit(failure)}.
 *   <li><b>The item that caused a fault</b> is not lost: the rollback put it back at the head of
 *       the run queue, where it was (nothing about the queue lives outside the store), and the
 *       next crank handles it again against the terminated vat, typically splatting
 *       {@code OBJECT_DELETED}. It is deliberately <em>not</em> re-run inside the termination
 *       crank: if handling it failed again, that would roll the termination back with it.
 *   <li><b>A failed item never kills the loop</b> (invariant 6): any other exception while
 *       handling an item (a kernel bug, a corrupt item) rolls the crank back, and a new crank
 *       takes the same item off the queue and records it with the exception in the
 *       {@link DeadLetters}. A failure while terminating a vat is recorded there too.
 * </ul>
 * <p>Work is taken in this order: a batch of {@linkplain GcActions GC actions} (one vat, one kind,
 * at most the {@linkplain #gcBudget GC budget}; each re-validated, see {@link GcActionApplier}),
 * then a {@linkplain io.jocap.kernel.state.ReapQueue reap} ({@code bringOutYourDead}), then a
 * part of the cleanup of a {@linkplain io.jocap.kernel.state.TerminatedVats terminated vat} (at
 * most the {@linkplain #cleanupBudget cleanup budget} of its c-list entries), then the run
 * queue's head; cleanup and the run queue take turns while both have work.
 *
 * {@link #runCrank()} throws only when the store itself fails (a {@code StoreException}: the
 * kernel must stop and restart from the file), when even moving an item to the dead letters
 * fails (the same item would fail forever), or for a {@link VirtualMachineError} other than
 * {@link StackOverflowError}; each time after rolling back the crank in progress.
 *
 * <p>{@link #applySyscalls} applies syscalls a vat made <em>between</em> deliveries (a timer, an
 * I/O completion) in a crank of their own, with the same validation and the same fault path as a
 * delivery's syscalls; the host calls it between steps, never inside another crank.
 *
 * <p>A crank's end (commit or rollback) is followed by the {@linkplain #afterEachCrank hook},
 * which tests use to audit reference counts after every crank. Kernel thread only.
 */
public final class CrankRunner {
    private static final System.Logger LOG = System.getLogger(CrankRunner.class.getName());
    private static final String COLLECT_SAVEPOINT = "collect";
    /*
     * Implementation overview. runCrank opens a crank, polls, and hands the item to handle(),
     * which returns a Handled: Finished (commit) or VatFault (roll back, then terminate). Every
     * exception escaping handle() goes to the dead-letter path. Vat faults are told apart from
     * kernel bugs by where the exception came from: a DeliverySession remembers an exception the
     * kernel threw while handling a syscall, even if the vat caught it.
     *
     * The endpoint registry is the only in-memory state, and it changes only after the crank it
     * reflects has committed (or, for a faulty vat, before the termination crank: the vat is gone
     * for good whatever happens to that crank), so a rollback never leaves it stale (invariant 4).
     */

    private final KernelStore store;
    private final KernelState state;
    private final Router router;
    private final PromiseResolver resolver;
    private final VatTerminator terminator;
    private final DeadLetters deadLetters;
    private final GcActionApplier gcApplier;
    private final GarbageCollector collector;
    private int gcBudget = DEFAULT_GC_BUDGET;
    private int cleanupBudget = DEFAULT_CLEANUP_BUDGET;
    private boolean cleanedUpLast; // scheduling only: a rollback cannot make it wrong, just unfair once
    private int reapInterval = DEFAULT_REAP_INTERVAL;
    private final Map<String, Integer> deliveriesSinceReap = new HashMap<>();
    private long collectorNanos;
    private final Map<String, VatEndpoint> endpoints = new HashMap<>();
    private Runnable afterEachCrank = () -> {};
    // Null: turns run on the kernel thread are not watched. Volatile: a watchdog reads it and
    // installs the next thread's.
    private volatile TurnGuard guard;
    private KernelServiceGateway services;
    private KernelSubscriber kernelSubscriber;

    /** A runner over {@code store}, with no vats registered. */
    public CrankRunner(KernelStore store) {
        this.store = Objects.requireNonNull(store, "store");
        this.state = KernelState.of(store);
        this.router = new Router(state);
        this.resolver = new PromiseResolver(state);
        this.terminator = new VatTerminator(store, state);
        this.deadLetters = new DeadLetters(store.kv());
        this.gcApplier = new GcActionApplier(state);
        this.collector = new GarbageCollector(state, () -> List.copyOf(endpoints.keySet()));
    }

    /** How many GC actions one crank delivers at most, by default. */
    public static final int DEFAULT_GC_BUDGET = 64;

    /** After how many messages and notifications a vat is reaped, by default. */
    public static final int DEFAULT_REAP_INTERVAL = 200;

    /**
     * Sets after how many messages and notifications delivered to a vat it is reaped
     * ({@code bringOutYourDead}: it reports the imports it no longer uses, and the kernel's
     * collector goes on from there).
     */
    public void reapInterval(int deliveries) {
        if (deliveries < 1) {
            throw new IllegalArgumentException("the reap interval must be at least 1 delivery, got " + deliveries);
        }
        this.reapInterval = deliveries;
    }

    /** How many c-list entries of a terminated vat one crank removes at most, by default. */
    public static final int DEFAULT_CLEANUP_BUDGET = 256;

    /**
     * Sets how many c-list entries of a terminated vat one crank removes at most, so that
     * terminating a vat with a huge c-list cannot stall the loop: cleanup cranks go after GC
     * actions and reaps and take turns with the run queue, until the vat is gone.
     */
    public void cleanupBudget(int entriesPerCrank) {
        if (entriesPerCrank < 1) {
            throw new IllegalArgumentException("the cleanup budget must be at least 1 entry per crank, got " + entriesPerCrank);
        }
        this.cleanupBudget = entriesPerCrank;
    }

    /**
     * Sets how many GC actions of one vat and kind one crank delivers at most, so that one huge
     * drop cannot stall the loop: the rest waits for the next cranks.
     */
    public void gcBudget(int actionsPerCrank) {
        if (actionsPerCrank < 1) {
            throw new IllegalArgumentException("the GC budget must be at least 1 action per crank, got " + actionsPerCrank);
        }
        this.gcBudget = actionsPerCrank;
    }

    /** The kernel state this runner works on. */
    public KernelState state() {
        return state;
    }

    /** The dead letters. */
    public DeadLetters deadLetters() {
        return deadLetters;
    }

    /**
     * Makes {@code endpoint} the handle of vat {@code vatId}: deliveries for it go there.
     *
     * @throws IllegalArgumentException if {@code vatId} is not a vat id
     * @throws IllegalStateException if the vat is registered already
     */
    public void register(String vatId, VatEndpoint endpoint) {
        if (!EndpointId.isVat(vatId)) {
            throw new IllegalArgumentException("not a vat id: " + vatId);
        }
        Objects.requireNonNull(endpoint, "endpoint");
        if (endpoints.putIfAbsent(vatId, endpoint) != null) {
            throw new IllegalStateException("vat " + vatId + " is registered already");
        }
    }

    /**
     * The kernel is closing: tells every registered endpoint ({@link VatEndpoint#kernelClosed},
     * so a worker stops its thread or its process) and forgets them. Their kernel state stays: the
     * next kernel on this store starts them again. Kernel thread only, after the last crank.
     */
    public void releaseAll() {
        List<VatEndpoint> released = List.copyOf(endpoints.values());
        endpoints.clear();
        deliveriesSinceReap.clear();
        released.forEach(endpoint -> tell(endpoint, VatEndpoint::kernelClosed));
    }

    /** Whether vat {@code vatId} is registered (and not terminated). */
    public boolean isRegistered(String vatId) {
        return endpoints.containsKey(vatId);
    }

    /** The ids of the registered vats, sorted. */
    public Set<String> registeredVats() {
        return new TreeSet<>(endpoints.keySet());
    }

    /** Routes messages for kernel-owned objects to {@code gateway} (kernel thread, before running cranks). */
    public void services(KernelServiceGateway gateway) {
        this.services = Objects.requireNonNull(gateway, "gateway");
    }

    /** Announces settlements of promises the kernel subscribed to to {@code subscriber}. */
    public void kernelSubscriber(KernelSubscriber subscriber) {
        this.kernelSubscriber = Objects.requireNonNull(subscriber, "subscriber");
    }

    /**
     * Watches the turns that endpoints run on this (the kernel) thread with {@code guard} (see
     * {@link VatEndpoint#inlineTurnDeadline()}); a watchdog that gives up on the thread installs a
     * new guard for the thread that takes over. Without one (the default, as in the embedded
     * harness), nothing bounds such a turn but the vat's own step budget.
     */
    public void guardTurns(TurnGuard guard) {
        this.guard = Objects.requireNonNull(guard, "guard");
    }

    /** The guard installed by {@link #guardTurns}, or null. Any thread. */
    public TurnGuard turnGuard() {
        return guard;
    }

    /**
     * Ends the crank of a turn whose thread a watchdog gave up on (called on the thread that takes
     * the kernel over, with the crank still open): rolls it back and terminates {@code vat} with
     * {@code [KERNEL:VAT_FATAL:INTERNAL_ERROR]}, as for a delivery that failed. The work item of
     * the abandoned crank (a message, a notification) is back on its queue and goes to the
     * terminated vat's splat path in a later crank.
     */
    public CrankOutcome abandonTurn(String vat, String reason) {
        store.abortCrank();
        afterEachCrank.run();
        return terminateAfterFault(new VatFault(vat, KernelErrorCode.VAT_FATAL_INTERNAL_ERROR, reason));
    }

    /** Sets the action run after every crank this runner ends, committed or rolled back. */
    public void afterEachCrank(Runnable hook) {
        this.afterEachCrank = Objects.requireNonNull(hook, "hook");
    }

    /** Runs one step ({@link #runCrank()}); returns false if there was no work. */
    public boolean step() {
        return !(runCrank() instanceof CrankOutcome.Idle);
    }

    /**
     * Handles the item at the head of the run queue, if any, and says what happened. A step is
     * one crank, or two when the first is rolled back (vat fault, dead letter).
     *
     * @throws IllegalStateException if called inside a crank, or if a failed item cannot be moved
     *     to the dead letters
     */
    public CrankOutcome runCrank() {
        store.beginCrank();
        Handled handled;
        try {
            handled = handleNextWork();
            if (handled == null) {
                store.abortCrank(); // nothing was written; no need to spend a crank number
                return CrankOutcome.IDLE;
            }
        } catch (RuntimeException | Error e) {
            TurnGuard.rethrowIfAbandoned(e);
            abortAfter(e);
            afterEachCrank.run();
            return deadLetter(e, this::setAsideNextWork);
        }
        return endVatCrank(handled, (finished, crank) -> finished.outcome(), (fault, termination) -> termination);
    }

    /** What handling one item decided, before the crank ends. */
    private sealed interface Handled {}

    /**
     * Commit; then unregister {@code exited} if it is not null (the vat exited in this crank), and
     * run {@code afterCommit} with the crank's number.
     */
    private record Finished(CrankOutcome outcome, String exited, LongConsumer afterCommit) implements Handled {
        private static final LongConsumer NOTHING = crank -> {};

        Finished(CrankOutcome outcome) {
            this(outcome, null, NOTHING);
        }

        Finished(CrankOutcome outcome, String exited) {
            this(outcome, exited, NOTHING);
        }
    }

    /** Roll back, then terminate {@code vat}. */
    private record VatFault(String vat, KernelErrorCode code, String reason) implements Handled {}

    /**
     * Takes the next piece of work and handles it: a batch of GC actions first, then a reap, then
     * the run queue's head (design section 3: GC work must not wait behind a long run queue, and a
     * reap must see the effects of the GC actions before it). Null if there is no work.
     */
    private Handled handleNextWork() {
        // Marks left by an input applied between cranks (a host answer's pin released, say) are
        // collected first, so the GC work they make is taken in this very crank's turn.
        boolean collected = collect();
        Optional<GcActions.Batch> gc = state.gcActions().takeBatch(gcBudget);
        if (gc.isPresent()) {
            return handleGc(gc.get());
        }
        String reap = state.reapQueue().poll();
        if (reap != null) {
            return handleReap(reap);
        }
        // Cleanup and the run queue take turns, so a huge cleanup does not hold messages up.
        boolean cleanupsTurn = !cleanedUpLast;
        cleanedUpLast = false;
        if (cleanupsTurn || state.runQueue().size() == 0) {
            String terminated = state.terminatedVats().next();
            if (terminated != null) {
                cleanedUpLast = true;
                int removed = terminator.cleanUp(terminated, cleanupBudget);
                return new Finished(new CrankOutcome.CleanedUp(terminated, removed,
                        !state.terminatedVats().contains(terminated)));
            }
        }
        RunQueueItem item = state.runQueue().poll();
        if (item == null) {
            return collected ? new Finished(CrankOutcome.COLLECTED) : null;
        }
        return handle(item);
    }

    /** Removes the work {@link #handleNextWork} would take, for the dead letters; says what it was. */
    private String setAsideNextWork() {
        if (!state.gcActions().isEmpty()) {
            return "GC action " + state.gcActions().discardFirst();
        }
        if (!state.reapQueue().isEmpty()) {
            return "reap of " + state.reapQueue().poll();
        }
        if (!state.terminatedVats().isEmpty()) {
            String vat = state.terminatedVats().next();
            state.terminatedVats().finishNext(); // its remaining entries stay, as the audit will show
            return "cleanup of terminated vat " + vat;
        }
        return takeHeadItem();
    }

    private Handled handleGc(GcActions.Batch batch) {
        VatEndpoint endpoint = endpoints.get(batch.vat());
        if (endpoint == null) {
            // Terminated (its c-list is gone with it) or unknown: nobody to tell.
            return new Finished(new CrankOutcome.GcDelivered(batch.vat(), batch.kind(), List.of()));
        }
        GcActionApplier.Applied applied = gcApplier.apply(batch);
        CrankOutcome outcome = new CrankOutcome.GcDelivered(batch.vat(), batch.kind(), applied.krefs());
        return applied.delivery() == null
                ? new Finished(outcome)
                : deliverToVat(batch.vat(), endpoint, applied.delivery(), outcome);
    }

    private Handled handleReap(String vat) {
        VatEndpoint endpoint = endpoints.get(vat);
        if (endpoint == null) {
            return new Finished(new CrankOutcome.Reaped(vat, false));
        }
        return deliverToVat(vat, endpoint, new Delivery.BringOutYourDead(), new CrankOutcome.Reaped(vat, true));
    }

    private Handled handle(RunQueueItem item) {
        return switch (item) {
            case RunQueueItem.Send send -> handleSend(send);
            case RunQueueItem.Notify notify -> handleNotify(notify);
        };
    }

    private Handled handleSend(RunQueueItem.Send send) {
        return switch (router.route(send.target())) {
            case Route.DeliverToEndpoint deliver -> {
                VatEndpoint endpoint = endpoints.get(deliver.endpoint());
                if (endpoint == null && state.terminatedVats().contains(deliver.endpoint())) {
                    // Its owner was terminated and its entries wait for cleanup: it is gone.
                    yield splat(send, KernelErrors.toCapData(KernelErrorCode.OBJECT_DELETED));
                }
                if (endpoint == null) {
                    // A remote (none exist yet) or a vat the kernel knows nothing to deliver to.
                    yield splat(send, KernelErrors.toCapData(KernelErrorCode.ENDPOINT_UNREACHABLE));
                }
                endpoint.deliveryComing();
                Delivery delivery = new DeliveryTranslator(state, deliver.endpoint())
                        .deliver(deliver.target(), send.message());
                yield deliverToVat(deliver.endpoint(), endpoint, delivery, new Delivered(deliver.endpoint(), send));
            }
            case Route.QueueOnPromise queue -> {
                state.promises().enqueueMessage(queue.promise(), send.message());
                yield new Finished(new Queued(send, queue.promise()));
            }
            case Route.Splat splat -> splat(send, splat.rejection());
            case Route.InvokeService service -> invokeService(send, service.target());
            // TODO(remotes): pipeline the message to the remote kernel deciding the promise;
            // until remotes exist no promise can be decided by one.
            case Route.ForwardToRemote forward ->
                    splat(send, KernelErrors.toCapData(KernelErrorCode.ENDPOINT_UNREACHABLE));
        };
    }

    private Handled invokeService(RunQueueItem.Send send, String target) {
        if (services == null) {
            return splat(send, KernelErrors.toCapData(KernelErrorCode.ENDPOINT_UNREACHABLE));
        }
        return switch (services.accept(target, send.message())) {
            case KernelServiceGateway.ServiceCall.Refused refused -> splat(send, refused.rejection());
            case KernelServiceGateway.ServiceCall.Accepted accepted ->
                    new Finished(new Delivered(EndpointId.KERNEL, send), null, accepted.afterCommit());
        };
    }

    private Handled handleNotify(RunQueueItem.Notify notify) {
        if (EndpointId.isKernel(notify.endpoint()) && kernelSubscriber != null) {
            // The kernel reads the committed value itself, after this crank: nothing to write here.
            KernelSubscriber subscriber = kernelSubscriber;
            return new Finished(new Delivered(EndpointId.KERNEL, notify), null,
                    crank -> subscriber.settled(notify.promise(), crank));
        }
        VatEndpoint endpoint = endpoints.get(notify.endpoint());
        if (endpoint == null) {
            // The subscriber is gone (terminated) or not a vat: there is no one to tell.
            // TODO(remotes): notify remote subscribers.
            return new Finished(new Dropped(notify));
        }
        endpoint.deliveryComing();
        Optional<Delivery.Notify> delivery =
                new DeliveryTranslator(state, notify.endpoint()).notify(notify.promise());
        if (delivery.isEmpty()) {
            return new Finished(new Dropped(notify));
        }
        return deliverToVat(notify.endpoint(), endpoint, delivery.get(), new Delivered(notify.endpoint(), notify));
    }

    /** Rejects the message's result promise, if it has one, with {@code rejection}. */
    private Handled splat(RunQueueItem.Send send, CapData rejection) {
        String result = send.message().result();
        if (result != null) {
            // The kernel rejects whoever currently decides it (nobody, or the sender until a
            // rolled-back delivery): a splat is the kernel's verdict, not a vat's resolution.
            resolver.reject(result, rejection);
        }
        return new Finished(new Splatted(send, rejection));
    }

    /** Delivers to a vat; {@code delivered} is the outcome if the vat handles it well. */
    private Handled deliverToVat(String vat, VatEndpoint endpoint, Delivery delivery, CrankOutcome delivered) {
        Handled handled = invokeVat(vat, endpoint, session -> endpoint.deliver(delivery, session), delivered);
        if (handled instanceof Finished) {
            countTowardsReap(vat, delivery);
        }
        return handled;
    }

    /**
     * Schedules a reap of {@code vat} in the current crank once it has had {@link #reapInterval}
     * messages and notifications since its last reap. The tally is in memory (a restart only
     * delays a reap) and moves only for deliveries whose crank commits.
     */
    private void countTowardsReap(String vat, Delivery delivery) {
        if (delivery instanceof Delivery.BringOutYourDead) {
            deliveriesSinceReap.remove(vat);
            return;
        }
        if (!(delivery instanceof Delivery.Deliver || delivery instanceof Delivery.Notify)) {
            return;
        }
        if (deliveriesSinceReap.merge(vat, 1, Integer::sum) >= reapInterval) {
            state.reapQueue().schedule(vat);
            deliveriesSinceReap.remove(vat);
        }
    }

    /**
     * Lets vat {@code vat} work with a live port ({@code work}: a delivery or an external turn)
     * and judges the result; {@code delivered} is the outcome if the vat handles it well.
     */
    private Handled invokeVat(String vat, VatEndpoint endpoint, ExternalTurn work, CrankOutcome delivered) {
        SyscallHandler handler = new SyscallHandler(store, state, vat);
        // The guard of this thread's turn, kept in a local: once abandoned, this thread must only
        // ever meet its own guard, never the one of the thread that took over.
        TurnGuard current = guard;
        Duration deadline = current == null ? null : endpoint.inlineTurnDeadline();
        TurnGuard turnGuard = deadline == null ? null : current;
        DeliverySession session = new DeliverySession(handler, turnGuard);
        DeliveryResult result = null;
        Throwable thrown = null;
        if (turnGuard != null) {
            turnGuard.enterVat(vat, deadline);
        }
        try {
            result = work.run(session);
        } catch (RuntimeException | Error e) {
            rethrowIfFatal(e);
            thrown = e;
        } finally {
            session.close();
            if (turnGuard != null) {
                turnGuard.exitVat(); // throws TurnAbandoned if the watchdog gave up on this thread
            }
        }
        if (session.kernelFailure() instanceof RuntimeException kernelBug) {
            throw kernelBug;
        } else if (session.kernelFailure() instanceof Error kernelBug) {
            throw kernelBug;
        }
        // The illegal syscall wins: a vat runtime typically fails or throws because of it.
        Optional<String> illegal = handler.illegalSyscall();
        if (illegal.isPresent()) {
            return new VatFault(vat, KernelErrorCode.VAT_FATAL_ILLEGAL_SYSCALL, illegal.get());
        }
        if (thrown != null) {
            return new VatFault(vat, KernelErrorCode.VAT_FATAL_INTERNAL_ERROR, "the delivery threw " + thrown);
        }
        if (result == null) {
            return new VatFault(vat, KernelErrorCode.VAT_FATAL_INTERNAL_ERROR, "the delivery returned null");
        }
        return switch (result) {
            case DeliveryResult.Failed failed ->
                    new VatFault(vat, KernelErrorCode.VAT_FATAL_INTERNAL_ERROR, failed.problem());
            case DeliveryResult.Ok ok -> {
                Optional<ExitRequest> exit = handler.exitRequest();
                if (exit.isEmpty()) {
                    yield new Finished(delivered);
                }
                if (exit.get().failure()) {
                    yield new VatFault(vat, KernelErrorCode.VAT_TERMINATED, "the vat exited with a failure");
                }
                // A normal exit keeps the delivery: terminate in the same crank, so that the
                // delivery's effects and the termination commit (or fail) together.
                terminator.terminate(vat, KernelErrorCode.VAT_TERMINATED);
                yield new Finished(new VatTerminated(vat, KernelErrorCode.VAT_TERMINATED, "the vat exited"), vat);
            }
        };
    }

    /**
     * Applies {@code syscalls}, made by vat {@code vat} between deliveries, in a crank of their
     * own: validated and applied one by one by a {@link SyscallHandler} exactly like a
     * delivery's. The first illegal one (or an {@code exit} with failure) rolls the whole batch
     * back and terminates the vat, as a faulty delivery does; a normal {@code exit} terminates it
     * in the batch's crank. Kernel thread only, between cranks.
     *
     * @throws RuntimeException a kernel bug while applying the batch, after rolling it back (the
     *     caller reports it to whoever made the batch; the vat is left alone)
     */
    public SyscallBatch applySyscalls(String vat, List<Syscall> syscalls) {
        Objects.requireNonNull(syscalls, "syscalls");
        if (!endpoints.containsKey(vat)) {
            return new SyscallBatch.Refused("vat " + vat + " is not registered (never started, or terminated)");
        }
        store.beginCrank();
        SyscallHandler handler = new SyscallHandler(store, state, vat);
        List<SyscallResult> results = new ArrayList<>(syscalls.size());
        VatFault fault = null;
        boolean exited = false;
        try {
            for (Syscall syscall : syscalls) {
                results.add(handler.handle(syscall));
            }
            Optional<String> illegal = handler.illegalSyscall();
            Optional<ExitRequest> exit = handler.exitRequest();
            if (illegal.isPresent()) {
                fault = new VatFault(vat, KernelErrorCode.VAT_FATAL_ILLEGAL_SYSCALL, illegal.get());
            } else if (exit.isPresent() && exit.get().failure()) {
                fault = new VatFault(vat, KernelErrorCode.VAT_TERMINATED, "the vat exited with a failure");
            } else if (exit.isPresent()) {
                terminator.terminate(vat, KernelErrorCode.VAT_TERMINATED);
                exited = true;
            }
        } catch (RuntimeException | Error e) {
            TurnGuard.rethrowIfAbandoned(e);
            abortAfter(e);
            afterEachCrank.run();
            throw e;
        }
        if (fault != null) {
            store.abortCrank();
            afterEachCrank.run();
            return new SyscallBatch.Terminated(terminateAfterFault(fault), fault.reason());
        }
        long crank = commit();
        if (exited) {
            unregister(vat, "the vat exited");
        }
        afterEachCrank.run();
        return new SyscallBatch.Applied(results, crank);
    }

    /** What {@link #startVat} did. */
    public sealed interface VatStart {
        /** The vat built its root; {@code root} is the kernel object of its {@code o+0}, pinned. */
        record Started(String root, long crank) implements VatStart {}

        /** The start failed: the crank was rolled back and the vat terminated. */
        record Failed(String reason, CrankOutcome termination) implements VatStart {}
    }

    /**
     * Starts the registered vat {@code vat}: delivers {@code startVat(parameters)} in a crank of
     * its own and, if the vat builds its root, makes sure its {@code o+0} has a kernel object
     * (made on the first start, the same one on a restart) and pins it for whoever launched the
     * vat. A vat that fails to start (its build step throws, it makes an illegal syscall) is
     * rolled back and terminated, and the result says why. Kernel thread only, between cranks.
     *
     * @throws IllegalStateException if {@code vat} is not registered
     * @throws RuntimeException a kernel bug, after rolling the crank back
     */
    public VatStart startVat(String vat, CapData parameters) {
        Objects.requireNonNull(parameters, "parameters");
        VatEndpoint endpoint = endpoints.get(vat);
        if (endpoint == null) {
            throw new IllegalStateException("vat " + vat + " is not registered");
        }
        String[] root = new String[1];
        Handled handled = inVatCrank(() -> {
            Handled h = invokeVat(vat, endpoint, session -> endpoint.deliver(new Delivery.StartVat(parameters), session),
                    new CrankOutcome.TurnRun(vat));
            if (h instanceof Finished) {
                root[0] = exportRoot(vat);
            }
            return h;
        });
        return endVatCrank(handled, (finished, crank) -> new VatStart.Started(root[0], crank),
                (fault, termination) -> new VatStart.Failed(fault.reason(), termination));
    }

    /**
     * Restarts vat {@code vat} with a new incarnation, {@code endpoint}: in one crank the old
     * incarnation ends (see {@link VatTerminator#endIncarnation}: its decided promises rejected
     * with {@code VAT_RESTARTED}, its ephemeral exports orphaned), then the new one is started
     * from the same vatstore as by {@link #startVat} (its root keeps its kref). Nothing else runs
     * in between. A new incarnation that fails to start is terminated.
     *
     * @throws IllegalStateException if {@code vat} is not registered
     */
    public VatStart restartVat(String vat, VatEndpoint endpoint, CapData parameters) {
        Objects.requireNonNull(endpoint, "endpoint");
        if (!endpoints.containsKey(vat)) {
            throw new IllegalStateException("vat " + vat + " is not registered");
        }
        store.beginCrank();
        try {
            terminator.endIncarnation(vat);
        } catch (RuntimeException | Error e) {
            TurnGuard.rethrowIfAbandoned(e);
            abortAfter(e);
            afterEachCrank.run();
            throw e;
        }
        commit();
        VatEndpoint old = endpoints.put(vat, endpoint);
        afterEachCrank.run();
        if (old != endpoint) {
            tell(old, e -> e.terminated("replaced by a new incarnation"));
        }
        VatStart start = startVat(vat, parameters);
        if (start instanceof VatStart.Started started) {
            // startVat pinned the root again; the launcher's pin from the first start is still held.
            store.inCrank(() -> state.pins().unpin(started.root()));
        }
        return start;
    }

    /** The kernel object of {@code vat}'s root ({@code o+0}), made if new, pinned once more. */
    private String exportRoot(String vat) {
        var clist = state.clist(vat);
        String root = clist.krefFor("o+0");
        if (root == null) {
            root = state.objects().create(vat);
            clist.add("o+0", root, true);
        }
        state.pins().pin(root);
        return root;
    }

    /**
     * Runs {@code turn}, work vat {@code vat} does outside any delivery, in a crank of its own with
     * a live port, judged exactly like a delivery: an illegal syscall, a failure or an exception
     * rolls the crank back and terminates the vat; an {@code exit} terminates it. Kernel thread
     * only, between cranks.
     *
     * @return {@link SyscallBatch.Applied} (no per-syscall results: the turn saw them) with the
     *     crank, {@link SyscallBatch.Refused} if the vat is not registered, or
     *     {@link SyscallBatch.Terminated}
     * @throws RuntimeException a kernel bug, after rolling the crank back (the vat is left alone)
     */
    public SyscallBatch runTurn(String vat, ExternalTurn turn) {
        Objects.requireNonNull(turn, "turn");
        if (!endpoints.containsKey(vat)) {
            return new SyscallBatch.Refused("vat " + vat + " is not registered (never started, or terminated)");
        }
        VatEndpoint endpoint = endpoints.get(vat);
        Handled handled = inVatCrank(() -> invokeVat(vat, endpoint, turn, new CrankOutcome.TurnRun(vat)));
        return endVatCrank(handled, (finished, crank) -> new SyscallBatch.Applied(List.of(), crank),
                (fault, termination) -> new SyscallBatch.Terminated(termination, fault.reason()));
    }

    /**
     * Terminates vat {@code vat} on request (not a fault): in a crank of its own, the promises it
     * decided are rejected with {@code code} and its vatstore deleted, and from then on messages
     * to its exports splat {@code OBJECT_DELETED} (its c-list entries are removed by later
     * cleanup cranks); then it is unregistered and its endpoint told. Kernel thread only, between cranks.
     *
     * @return false if the vat was not registered (already gone)
     */
    public boolean terminateVat(String vat, KernelErrorCode code) {
        Objects.requireNonNull(code, "code");
        if (!endpoints.containsKey(vat)) {
            return false;
        }
        terminateInCrank(vat, code);
        unregister(vat, code.tag() + ": terminated on request");
        return true;
    }

    /**
     * Terminates vat {@code vat}, which has kernel state but no running incarnation (its launch
     * was cut short by a crash, or its code could not be loaded again): as {@link #terminateVat}
     * with {@code VAT_TERMINATED}. Kernel thread only, between cranks.
     *
     * @return false if the vat is already terminated
     * @throws IllegalStateException if the vat is registered (terminate it instead)
     */
    public boolean discardVat(String vat) {
        if (endpoints.containsKey(vat)) {
            throw new IllegalStateException("vat " + vat + " is running: terminate it instead");
        }
        if (state.terminatedVats().contains(vat)) {
            return false;
        }
        terminateInCrank(vat, KernelErrorCode.VAT_TERMINATED);
        return true;
    }

    private void terminateInCrank(String vat, KernelErrorCode code) {
        store.beginCrank();
        try {
            terminator.terminate(vat, code);
        } catch (RuntimeException | Error e) {
            TurnGuard.rethrowIfAbandoned(e);
            abortAfter(e);
            afterEachCrank.run();
            throw e;
        }
        commit();
        afterEachCrank.run();
    }

    /**
     * Pings vat {@code vat}: a {@code bringOutYourDead} delivery, in a crank of its own, that the
     * vat must answer like any other (it runs its reap: harmless at any time). A vat that fails
     * it is terminated, as for any delivery. Kernel thread only, between cranks.
     *
     * @return {@link CrankOutcome.Reaped} if the vat answered, {@link CrankOutcome.VatTerminated}
     *     if it failed
     * @throws IllegalStateException if the vat is not registered
     */
    public CrankOutcome pingVat(String vat) {
        VatEndpoint endpoint = endpoints.get(vat);
        if (endpoint == null) {
            throw new IllegalStateException("vat " + vat + " is not running");
        }
        Handled handled = inVatCrank(() -> deliverToVat(vat, endpoint, new Delivery.BringOutYourDead(),
                new CrankOutcome.Reaped(vat, true)));
        return endVatCrank(handled, (finished, crank) -> finished.outcome(), (fault, termination) -> termination);
    }

    /**
     * Commits the current crank after letting the {@link GarbageCollector} turn the crank's
     * maybe-free marks into GC work. A collector failure (a kernel bug) is logged and its writes
     * undone, and the marks stay for a later crank: it must not cost the crank its work (a
     * failure that repeats leaves the marks forever, which the audit does not mind and the logs
     * show).
     */
    private long commit() {
        collect();
        return store.commitCrank();
    }

    /** Runs the collector in the current crank if it has work; says whether it ran and kept its writes. */
    private boolean collect() {
        if (!collector.hasWork()) {
            return false;
        }
        store.savepoint(COLLECT_SAVEPOINT);
        long start = System.nanoTime();
        try {
            collector.collect();
            store.release(COLLECT_SAVEPOINT);
            return true;
        } catch (RuntimeException e) {
            store.rollbackTo(COLLECT_SAVEPOINT);
            store.release(COLLECT_SAVEPOINT);
            LOG.log(System.Logger.Level.ERROR, "the garbage collector failed; its marks wait for a later crank", e);
            return false;
        } finally {
            collectorNanos += System.nanoTime() - start;
        }
    }

    /** Time spent in the garbage collector's passes since this runner was made, in nanoseconds. */
    public long collectorNanos() {
        return collectorNanos;
    }

    /** Drops the registration of {@code vat} and tells its endpoint. */
    private void unregister(String vat, String reason) {
        deliveriesSinceReap.remove(vat);
        VatEndpoint endpoint = endpoints.remove(vat);
        if (endpoint != null) {
            tell(endpoint, e -> e.terminated(reason));
        }
    }

    /** Tells {@code endpoint} something it must not fail the kernel with: what it throws is ignored. */
    private static void tell(VatEndpoint endpoint, Consumer<VatEndpoint> message) {
        try {
            message.accept(endpoint);
        } catch (RuntimeException e) {
            // The endpoint's own problem; the kernel has let go of it either way.
        }
    }

    /** Runs {@code body} in a new crank; a kernel failure rolls it back and propagates. */
    private Handled inVatCrank(Supplier<Handled> body) {
        store.beginCrank();
        try {
            return body.get();
        } catch (RuntimeException | Error e) {
            TurnGuard.rethrowIfAbandoned(e);
            abortAfter(e);
            afterEachCrank.run();
            throw e;
        }
    }

    /**
     * Ends the crank in progress as {@code handled} says: commits it (unregistering a vat that
     * exited in it, then running its after-commit action) and answers {@code committed}; or rolls
     * it back, terminates the faulty vat in a crank of its own and answers {@code faulted}.
     */
    private <R> R endVatCrank(Handled handled, java.util.function.BiFunction<Finished, Long, R> committed,
            java.util.function.BiFunction<VatFault, CrankOutcome, R> faulted) {
        return switch (handled) {
            case Finished finished -> {
                long crank = commit();
                if (finished.exited() != null) {
                    unregister(finished.exited(), "the vat exited");
                }
                afterEachCrank.run();
                finished.afterCommit().accept(crank);
                yield committed.apply(finished, crank);
            }
            case VatFault fault -> {
                store.abortCrank();
                afterEachCrank.run();
                yield faulted.apply(fault, terminateAfterFault(fault));
            }
        };
    }

    private CrankOutcome terminateAfterFault(VatFault fault) {
        // Unregister first: the vat is gone for good, whatever happens to the crank below.
        unregister(fault.vat(), fault.code().tag() + ": " + fault.reason());
        store.beginCrank();
        try {
            terminator.terminate(fault.vat(), fault.code());
        } catch (RuntimeException | Error e) {
            TurnGuard.rethrowIfAbandoned(e);
            abortAfter(e);
            afterEachCrank.run();
            return deadLetter(e, () -> "terminate " + fault.vat() + " (" + fault.code().tag() + ")");
        }
        commit();
        afterEachCrank.run();
        return new VatTerminated(fault.vat(), fault.code(), fault.reason());
    }

    /**
     * In a new crank, records a dead letter for {@code failure}; {@code item} says what failed,
     * and may take it off the run queue (a write in that crank).
     */
    private CrankOutcome deadLetter(Throwable failure, Supplier<String> item) {
        store.beginCrank();
        DeadLetter letter;
        try {
            letter = deadLetters.add(item.get(), describe(failure));
        } catch (RuntimeException | Error e) {
            TurnGuard.rethrowIfAbandoned(e);
            abortAfter(e);
            afterEachCrank.run();
            e.addSuppressed(failure);
            throw new IllegalStateException("the kernel cannot set aside a failed item; it must stop", e);
        }
        store.commitCrank();
        afterEachCrank.run();
        return new CrankOutcome.DeadLettered(letter);
    }

    /** Takes the head item off the run queue and returns its stored form, decodable or not. */
    private String takeHeadItem() {
        RunQueueItem item;
        try {
            item = state.runQueue().poll(); // releases its counts, if it has any we can know
        } catch (IllegalStateException corrupt) {
            String raw = state.runQueue().discardFront();
            return raw == null ? "(missing run-queue item)" : raw;
        }
        return item == null ? "(no run-queue item)" : QueueCodec.encode(item);
    }

    /** Rolls the current crank back, keeping {@code cause} first; rethrows fatal errors. */
    private void abortAfter(Throwable cause) {
        try {
            store.abortCrank();
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
        rethrowIfFatal(cause);
    }

    private static void rethrowIfFatal(Throwable t) {
        TurnGuard.rethrowIfAbandoned(t);
        // Out of memory and the like leave the JVM unreliable; a stack overflow is a vat's (or
        // an item's) own problem and is handled like any other failure.
        if (t instanceof VirtualMachineError fatal && !(t instanceof StackOverflowError)) {
            throw fatal;
        }
    }

    private static String describe(Throwable failure) {
        StringBuilder sb = new StringBuilder(failure.toString());
        for (Throwable cause = failure.getCause(); cause != null && cause != failure; cause = cause.getCause()) {
            sb.append("\ncaused by: ").append(cause);
        }
        return sb.toString();
    }
}
