package io.jocap.kernel.host;

import io.jocap.kernel.cluster.SubclusterRecords;
import io.jocap.kernel.cluster.VatWorkers;
import io.jocap.kernel.config.ClusterConfig;
import io.jocap.kernel.errors.KernelErrorCode;
import io.jocap.kernel.run.CrankOutcome;
import io.jocap.kernel.run.CrankRunner;
import io.jocap.kernel.run.ExternalTurn;
import io.jocap.kernel.run.TurnAbandoned;
import io.jocap.kernel.run.TurnGuard;
import io.jocap.kernel.run.VatEndpoint;
import io.jocap.kernel.service.ServiceDispatcher;
import io.jocap.kernel.service.ServiceRegistry;
import io.jocap.kernel.state.KernelState;
import io.jocap.kernel.state.Kref;
import io.jocap.marshal.CapData;
import io.jocap.marshal.Smallcaps;
import io.jocap.store.KernelStore;
import io.jocap.store.StoreOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongConsumer;

/**
 * A running kernel: its store, its kernel thread and the host API.
 *
 * <p><b>Threading contract.</b> One platform thread, {@code jocap-kernel} (not a daemon: an open
 * kernel keeps the JVM alive until {@link #close()}), owns all kernel state (design invariant 2).
 * If a vat turn it runs itself (see {@link VatEndpoint#inlineTurnDeadline()}) passes its
 * deadline, the kernel's watchdog gives that thread up and a new one ({@code jocap-kernel-1},
 * ...) owns the state from then on; the old one can no longer touch it (see {@link TurnGuard}).
 * It loops: apply every item waiting in the {@link Inbox}, each in a crank of its own; then run
 * one step of the {@link CrankRunner}; and when neither had work, ask the store to flush what is
 * not durable yet and sleep until an item is offered (no busy wait, no polling interval). Every
 * public method may be called from any thread; they only offer inbox items, so actions of the
 * caller before the call happen-before the kernel thread applies it. Methods returning a
 * {@link CompletableFuture} never block; the others ({@link #registerVat}, {@link #registerService},
 * {@link #status()}) wait for the kernel thread and must not be called from it (they throw
 * {@link IllegalStateException} there). Futures are completed on a helper executor, never on the
 * kernel thread, and results derived from a crank only once that crank is durable (invariant 3).
 *
 * <p><b>Closing.</b> {@link #close()} stops the kernel thread after the crank in progress, fails
 * items still in the inbox and host futures still waiting with {@link KernelClosedException}
 * (their messages stay on the persistent run queue), tells every registered vat endpoint it is let
 * go of ({@link VatEndpoint#terminated}: workers stop their threads and child processes), flushes
 * and closes the store; it is idempotent. If the store fails, the kernel thread stops the same way by itself.
 */
public final class Kernel implements AutoCloseable {
    /*
     * Implementation overview. Kernel owns the thread and the API; InboxProcessor applies items;
     * CrankRunner runs cranks and calls back into ServiceDispatcher (messages for kernel objects)
     * and HostSubscriptions (settlements the kernel subscribed to on the host's behalf, via the
     * run queue's Notify for the "kernel" endpoint, so nothing about them lives outside the store
     * until the notify crank has committed). Completions is the single place that releases
     * outputs after durability, on the helper executor (virtual threads), which also runs service
     * calls: a slow service blocks nothing but itself.
     */
    private static final System.Logger LOG = System.getLogger(Kernel.class.getName());

    private final KernelStore store;
    private final CrankRunner runner;
    private final KernelState state;
    private final Inbox inbox = new Inbox();
    private final ExecutorService pool;
    private final ServiceRegistry services = new ServiceRegistry();
    private final HostSubscriptions subscriptions;
    private final InboxProcessor processor;
    /** The thread that runs the kernel: a new one after the watchdog gave up on the last. */
    private volatile Thread thread;
    private final TurnWatchdog watchdog;
    private int generation; // watchdog thread only: how many threads the kernel has had
    /** The inbox item being applied, if any; kernel thread only (a take-over reads it after the guard's hand-over). */
    private InboxItem applying;
    /** Whether the vats of earlier runs were restored; as {@link #applying}. */
    private boolean restored;
    private final Subclusters subclusters;
    private final KernelFacet facet; // null without vat workers: it could launch nothing
    private long cranksRun; // kernel thread only
    private long crankNanos; // kernel thread only
    private long gcNanos; // kernel thread only
    private volatile Throwable stoppedBy;

    private Kernel(KernelStore store, Map<String, ? extends VatEndpoint> vats) {
        this(store, vats, null);
    }

    private Kernel(KernelStore store, Map<String, ? extends VatEndpoint> vats, VatWorkers workers) {
        this.store = store;
        this.runner = new CrankRunner(store);
        // Before the first crank: a queued message for a vat not registered yet would splat.
        vats.forEach(runner::register);
        this.state = runner.state();
        this.pool = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("jocap-kernel-async-", 0).factory());
        this.subclusters = new Subclusters(this, workers, pool);
        this.facet = workers == null ? null : new KernelFacet(this, Path.of("").toAbsolutePath());
        Completions completions = new Completions(store, this::execute);
        this.subscriptions = new HostSubscriptions(store, state, completions, this::release);
        this.processor = new InboxProcessor(store, runner, subscriptions, completions);
        runner.kernelSubscriber(subscriptions);
        runner.services(new ServiceDispatcher(store, state, services, this::execute,
                (kp, value, rejected) -> inbox.offer(new InboxItem.ServiceResult(kp, value, rejected))));
        runner.guardTurns(new TurnGuard()); // the runner holds the guard of the thread that runs the kernel
        this.watchdog = new TurnWatchdog(runner::turnGuard, this::takeOver);
        Thread first = Thread.ofPlatform().name("jocap-kernel").daemon(false).unstarted(this::loop);
        this.thread = first;
        inbox.bind(first);
        watchdog.start("jocap-kernel-watchdog");
        first.start();
    }

    /** Opens (or creates) the kernel stored in {@code db} and starts its thread. */
    public static Kernel open(Path db, StoreOptions options) {
        return open(db, options, Map.of());
    }

    /**
     * Opens (or creates) the kernel stored in {@code db} with {@code vats} registered before its
     * first crank, and starts its thread. A reopened kernel resumes its run queue at once, and a
     * message for a vat that is not registered yet splats {@code ENDPOINT_UNREACHABLE}, so the
     * vats of a restarted kernel belong here rather than in {@link #registerVat} (a stand-in
     * until the vat lifecycle restores them itself).
     */
    public static Kernel open(Path db, StoreOptions options, Map<String, ? extends VatEndpoint> vats) {
        Objects.requireNonNull(vats, "vats");
        KernelStore store = KernelStore.open(db, options);
        try {
            return new Kernel(store, vats);
        } catch (RuntimeException | Error e) {
            store.close();
            throw e;
        }
    }

    /**
     * Opens (or creates) the kernel stored in {@code db} and starts its thread; before the first
     * crank, every vat launched from a config in an earlier run is started again by
     * {@code workers} from its config and its vatstore (see {@link #launchSubcluster}).
     */
    public static Kernel open(Path db, StoreOptions options, VatWorkers workers) {
        Objects.requireNonNull(workers, "workers");
        KernelStore store = KernelStore.open(db, options);
        try {
            return new Kernel(store, Map.of(), workers);
        } catch (RuntimeException | Error e) {
            store.close();
            throw e;
        }
    }

    /** A kernel on a new temporary store (deleted on close) that launches vats with {@code workers}. */
    public static Kernel openTemporary(VatWorkers workers) {
        return new Kernel(KernelStore.openTemporary(), Map.of(), Objects.requireNonNull(workers, "workers"));
    }

    /** A kernel on a new temporary store (deleted on close), with the default options. */
    public static Kernel openTemporary() {
        return new Kernel(KernelStore.openTemporary(), Map.of());
    }

    /** A kernel on a new temporary store (deleted on close) with {@code options}. */
    public static Kernel openTemporary(StoreOptions options) {
        return new Kernel(KernelStore.openTemporary(options), Map.of());
    }

    /** The inbox: vat runtimes offer the syscalls they make between deliveries here. */
    public Inbox inbox() {
        return inbox;
    }

    /**
     * Registers {@code endpoint} as vat {@code vatId} (a stand-in until the vat lifecycle exists).
     *
     * @throws IllegalArgumentException if {@code vatId} is not a vat id
     * @throws IllegalStateException if it is registered already
     */
    public void registerVat(String vatId, VatEndpoint endpoint) {
        Objects.requireNonNull(endpoint, "endpoint");
        await(query(s -> {
            runner.register(vatId, endpoint);
            return null;
        }));
    }

    /**
     * Registers {@code endpoint} as vat {@code vatId} and starts it: the vat receives
     * {@code startVat(parameters)} and builds its root object. The future completes with the
     * root's kref (pinned for the caller) once the start is durable, or fails with
     * {@link VatLaunchException} (the vat is terminated, nothing of it stays registered) or
     * {@link IllegalStateException} if the id is taken.
     *
     * @param parameters passable data for the vat's build step (a record)
     */
    public CompletableFuture<String> launchVat(String vatId, VatEndpoint endpoint, Map<String, ?> parameters) {
        return launch(vatId, endpoint, parameters, false);
    }

    private CompletableFuture<String> launch(String vatId, VatEndpoint endpoint, Map<String, ?> parameters,
            boolean restart) {
        Objects.requireNonNull(endpoint, "endpoint");
        CapData encoded = Smallcaps.standard().encode(new java.util.LinkedHashMap<String, Object>(parameters));
        InboxItem.VatLaunch launch = new InboxItem.VatLaunch(vatId, endpoint, encoded, restart, new CompletableFuture<>());
        inbox.offer(launch);
        return launch.root();
    }

    /**
     * Restarts vat {@code vatId} with a new incarnation {@code endpoint} (the old one's worker is
     * the caller's to close): promises the old incarnation decided are rejected with
     * {@code [KERNEL:VAT_RESTARTED]}, messages to its ephemeral objects splat
     * {@code [KERNEL:OBJECT_DELETED]}, and the new incarnation starts from the same vatstore
     * (its baggage and durable objects). The future completes with the root's kref (unchanged),
     * or fails with {@link VatLaunchException} (the vat is then terminated).
     */
    public CompletableFuture<String> restartVat(String vatId, VatEndpoint endpoint, Map<String, ?> parameters) {
        return launch(vatId, endpoint, parameters, true);
    }

    /**
     * Registers {@code service} as the kernel service {@code name}: a kernel object owned by the
     * kernel, pinned, whose messages become calls of {@code service}'s public methods (by name and
     * arity), made off the kernel thread. Returns its kref.
     *
     * @param systemOnly whether only system subclusters may be given it (recorded; enforced once
     *     subclusters exist)
     * @throws IllegalArgumentException if the name is blank or taken
     */
    public String registerService(String name, Object service, boolean systemOnly) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(service, "service");
        return await(run(s -> services.register(s, store.kv(), name, service, systemOnly)));
    }

    /**
     * Sends {@code method(args)} to {@code targetKref}, as the host: the message gets a new result
     * promise, which the kernel subscribes to on the host's behalf. The future completes with the
     * decoded fulfilment, or fails with {@link io.jocap.kernel.errors.KernelException} (a kernel
     * error, e.g. {@code OBJECT_REVOKED}) or {@link io.jocap.kernel.errors.VatRejectionException}
     * (a vat's rejection), only once the settlement is durable; it fails with
     * {@link io.jocap.kernel.errors.KernelException} {@code OBJECT_DELETED} if the target existed
     * once but is gone (its vat was terminated, or it was collected), and
     * {@link IllegalArgumentException} if it never existed. Objects in the answer are kept for
     * the host until it releases them ({@link #releaseHostRef}) or the kernel closes.
     *
     * @param args passables (see {@code io.jocap.marshal.PassStyle}); nulls allowed
     * @throws IllegalArgumentException if {@code targetKref} is not a kref
     * @throws io.jocap.marshal.MarshalException if an argument is not passable
     */
    public CompletableFuture<Object> queueMessage(String targetKref, String method, List<?> args) {
        Kref.require(targetKref);
        Objects.requireNonNull(method, "method");
        CapData methargs = Smallcaps.standard().encode(List.of(method, new ArrayList<Object>(args)));
        InboxItem.HostSend send = new InboxItem.HostSend(targetKref, methargs, new CompletableFuture<>());
        inbox.offer(send);
        return send.answer();
    }

    /** Runs {@code action} on the kernel thread in a crank that commits; the result comes once it is durable. */
    public <T> CompletableFuture<T> run(KernelAction<T> action) {
        InboxItem.Task<T> task = new InboxItem.Task<>(action, false);
        inbox.offer(task);
        return task.result();
    }

    /** Runs {@code action} on the kernel thread in a crank that is always rolled back (a read). */
    public <T> CompletableFuture<T> query(KernelAction<T> action) {
        InboxItem.Task<T> task = new InboxItem.Task<>(action, true);
        inbox.offer(task);
        return task.result();
    }

    /**
     * Revokes the object {@code kref} for good: messages to it splat {@code OBJECT_REVOKED}.
     * Revoking twice is allowed. The future completes with whether this call revoked it, and
     * fails with {@link IllegalArgumentException} for a promise or an unknown object.
     */
    public CompletableFuture<Boolean> revoke(String kref) {
        return objectTask(kref, false, ko -> state.objects().revoke(ko));
    }

    /**
     * Lets go of an object the host was handed in an answer: every object in an answer to
     * {@link #queueMessage} is kept for the host (a <em>host pin</em>) until the host releases it
     * here or the kernel closes, so that the host can send to it meanwhile; once released, and
     * held by nothing else, it is collected. The future completes with false if the host held no
     * pin on it.
     */
    public CompletableFuture<Boolean> releaseHostRef(String kref) {
        if (!Kref.isValid(kref) || !Kref.isObject(kref)) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("not a kernel object reference: " + kref));
        }
        return run(s -> s.objects().exists(kref) && s.pins().unpinForHost(kref) >= 0);
    }

    /** Whether the object {@code kref} has been revoked (failures as for {@link #revoke}). */
    public CompletableFuture<Boolean> isRevoked(String kref) {
        return objectTask(kref, true, ko -> state.objects().isRevoked(ko));
    }

    private CompletableFuture<Boolean> objectTask(String kref, boolean readOnly,
            Function<String, Boolean> body) {
        if (!Kref.isValid(kref) || !Kref.isObject(kref)) {
            String why = Kref.isValid(kref) ? "cannot revoke a promise: only objects can be revoked"
                    : "not a kernel reference: " + kref;
            return CompletableFuture.failedFuture(new IllegalArgumentException(why));
        }
        KernelAction<Boolean> action = s -> {
            if (!s.objects().exists(kref)) {
                throw new IllegalArgumentException("unknown object " + kref);
            }
            return body.apply(kref);
        };
        return readOnly ? query(action) : run(action);
    }

    /**
     * Schedules a reap ({@code bringOutYourDead}) of every registered vat; they run after any GC
     * actions and before the run queue. The future completes with the number of vats newly
     * scheduled (a vat already waiting is not scheduled twice) once that is durable.
     */
    public CompletableFuture<Integer> reapVats() {
        return run(s -> {
            int scheduled = 0;
            for (String vat : runner.registeredVats()) {
                if (s.reapQueue().schedule(vat)) {
                    scheduled++;
                }
            }
            return scheduled;
        });
    }

    /**
     * Collects garbage across vats now, as an operator would ask: asks the JVM to collect (vats
     * running in this process then see every presence they no longer hold), reaps every vat
     * ({@code bringOutYourDead}: each reports the imports it no longer uses), and waits until
     * the GC work that follows (drops and retirements told to exporters and importers, objects
     * and promises deleted) is done; again, until a round frees nothing. The future completes
     * with the number of vats reaped.
     */
    public CompletableFuture<Integer> collectGarbage() {
        return CompletableFuture.supplyAsync(() -> {
            // The JVM hands cleared references to the vats' queues a little after a collection,
            // and a drop can free more (a promise's value, an orphan's importers): go round
            // until a round frees nothing.
            int reaped = 0;
            long before = storedRefs();
            for (int round = 0; round < 8; round++) {
                System.gc();
                reaped = await(reapVats());
                awaitGcIdle();
                long after = storedRefs();
                if (after == before && round > 0) {
                    break;
                }
                before = after;
            }
            return reaped;
        }, pool);
    }

    /** Objects and promises in the store (a scan). */
    private long storedRefs() {
        return await(query(s -> s.objects().count() + s.promises().count()));
    }

    /** Waits until no GC action, reap, maybe-free mark or cleanup is waiting. */
    private void awaitGcIdle() {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(5);
        while (await(query(s -> !s.gcActions().isEmpty() || !s.reapQueue().isEmpty()
                || !s.maybeFree().isEmpty() || !s.terminatedVats().isEmpty()))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("garbage collection did not finish within 5 minutes");
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    /**
     * Sets after how many messages and notifications a vat is reaped (default
     * {@value CrankRunner#DEFAULT_REAP_INTERVAL}); see {@link #collectGarbage}.
     */
    public void reapInterval(int deliveries) {
        if (deliveries < 1) {
            throw new IllegalArgumentException("the reap interval must be at least 1 delivery, got " + deliveries);
        }
        await(query(s -> {
            runner.reapInterval(deliveries);
            return null;
        }));
    }

    /**
     * Launches the vats of {@code config} as subcluster {@code name} (config order; relative paths
     * resolved against {@code baseDir}) and records it, so that it survives kernel restarts. The
     * future completes with the subcluster (its vats' ids by name) once everything is durable; it
     * fails with {@link VatLaunchException} naming the vat and the cause, after undoing the
     * launch completely (no vat left running, no record left), or {@link IllegalStateException}
     * if the name is taken or the kernel has no {@link VatWorkers}.
     */
    public CompletableFuture<SubclusterRecords.Subcluster> launchSubcluster(String name, ClusterConfig config, Path baseDir) {
        return subclusters.launch(name, config, baseDir, false);
    }

    /**
     * Declares this run's system subclusters; call it once after opening the kernel and
     * registering its services. Each declared subcluster recorded from an earlier run is kept as
     * it is (its vats were restored when the kernel opened: it is not relaunched, and its config
     * is not read again); each new one is launched as a system subcluster (it may be given
     * {@code systemOnly} services, such as the {@linkplain KernelFacet kernel facet}) and sent
     * {@code bootstrap(vats, services)}; and every system subcluster recorded but not declared
     * now is terminated. The future fails with {@link VatLaunchException} if a launch fails (that
     * launch is undone; the work before it stays), or {@link IllegalStateException} if a declared
     * name belongs to an ordinary subcluster.
     */
    public CompletableFuture<SystemSubcluster.Declared> declareSystemSubclusters(List<SystemSubcluster> declared) {
        return subclusters.declareSystem(List.copyOf(declared));
    }

    /**
     * Pings vat {@code vatId}: a {@code bringOutYourDead} delivery in a crank of its own, which
     * the vat must answer as it answers any delivery. The future completes with that crank's
     * number once it is durable; it fails with {@link IllegalArgumentException} if the vat is not
     * running, or {@link IllegalStateException} if the vat failed to answer (it is then
     * terminated, as for any failed delivery).
     */
    public CompletableFuture<Long> pingVat(String vatId) {
        Objects.requireNonNull(vatId, "vatId");
        InboxItem.VatPing ping = new InboxItem.VatPing(vatId, new CompletableFuture<>());
        inbox.offer(ping);
        return ping.done();
    }

    /**
     * Terminates subcluster {@code name}: every vat of it, then its records. Completes with false
     * if there is no such subcluster.
     */
    public CompletableFuture<Boolean> terminateSubcluster(String name) {
        return subclusters.terminate(name);
    }

    /**
     * Restarts vat {@code vatId}, launched from a config, with a new worker from that config (see
     * {@link #restartVat(String, VatEndpoint, Map)} for what a restart does).
     */
    public CompletableFuture<String> restartVat(String vatId) {
        return subclusters.restartVat(vatId);
    }

    /** The subcluster called {@code name}, if launched. */
    public Optional<SubclusterRecords.Subcluster> subcluster(String name) {
        return await(query(s -> new SubclusterRecords(s.kv()).byName(name)));
    }

    /**
     * Sends {@code bootstrap(vats, services)} to the root of subcluster {@code name}'s bootstrap
     * vat ({@code vats}: a record of every vat's root by name; {@code services}: the services the
     * config names); the future settles with its answer.
     */
    public CompletableFuture<Object> bootstrap(String name) {
        return subclusters.bootstrap(name);
    }

    /**
     * Terminates vat {@code vatId}: its decided promises are rejected with
     * {@code [KERNEL:VAT_TERMINATED]}, its objects orphaned, its state deleted, its worker told.
     * Completes with false if the vat was not running.
     */
    public CompletableFuture<Boolean> terminateVat(String vatId) {
        InboxItem.VatTermination termination = new InboxItem.VatTermination(vatId, KernelErrorCode.VAT_TERMINATED);
        inbox.offer(termination);
        return termination.done();
    }

    /** Whether service {@code name} is {@code systemOnly}; empty if no such service is registered. */
    Optional<Boolean> serviceIsSystemOnly(String name) {
        return await(query(s -> services.byName(name).map(ServiceRegistry.Service::systemOnly)));
    }

    /** The roots of {@code subcluster}'s vats by name (a vat terminated since is left out). */
    Map<String, String> rootsOf(SubclusterRecords.Subcluster subcluster) {
        return await(query(s -> {
            Map<String, String> out = new java.util.LinkedHashMap<>();
            subcluster.vats().forEach((name, vatId) -> {
                String root = s.clist(vatId).krefFor("o+0");
                if (root != null) {
                    out.put(name, root);
                }
            });
            return out;
        }));
    }

    /** The names of the registered kernel services. */
    Set<String> serviceNames() {
        return await(query(s -> services.names()));
    }

    /** The kref of service {@code name}. */
    String serviceKref(String name) {
        return await(query(s -> services.byName(name).orElseThrow(
                () -> new IllegalArgumentException("no kernel service named " + name)).kref()));
    }

    /** Where vat {@code vatId}'s worker asks for external turns: this kernel's inbox. */
    Consumer<ExternalTurn> externalTurnsOf(String vatId) {
        return turn -> inbox.offer(new InboxItem.VatTurn(vatId, turn));
    }

    /** The dead letters: items set aside because handling them failed, oldest first. */
    public List<io.jocap.kernel.run.DeadLetter> deadLetters() {
        return await(query(s -> runner.deadLetters().list()));
    }

    /** Every subcluster launched from a config, in id order. */
    public List<SubclusterRecords.Subcluster> subclusters() {
        return await(query(s -> new SubclusterRecords(s.kv()).all()));
    }

    /** A snapshot of the kernel, taken on the kernel thread; waits for it. */
    public KernelStatus status() {
        return await(query(s -> new KernelStatus(s.runQueue().size(), s.gcActions().size(),
                s.reapQueue().list().size(), cranksRun, runner.deadLetters().size(),
                runner.registeredVats(), s.terminatedVats().list(), services.names(), subscriptions.size(),
                crankNanos, gcNanos, store.stats())));
    }

    /** Test hook: {@code observer} learns the notify crank of each host answer, before it is released. */
    void observeHostSettlements(LongConsumer observer) {
        subscriptions.observeSettlements(observer);
    }

    /** The kernel thread (for tests). */
    Thread kernelThread() {
        return thread;
    }

    /** The store (for tests of output validity: its durable crank is readable from any thread). */
    KernelStore store() {
        return store;
    }

    /** Stops the kernel thread after the crank in progress, then flushes and closes the store. Idempotent. */
    @Override
    public void close() {
        if (Thread.currentThread() == thread) {
            throw new IllegalStateException("close() cannot be called on the kernel thread");
        }
        inbox.close();
        boolean interrupted = false;
        // The kernel may change threads meanwhile (a turn past its deadline): wait for whichever
        // runs it, never for one that was given up on and may never end.
        for (Thread t = thread; t.isAlive() || t != thread; t = thread) {
            try {
                t.join(TimeUnit.NANOSECONDS.toMillis(TurnWatchdog.IDLE_PERIOD_NANOS));
            } catch (InterruptedException e) {
                interrupted = true; // finish closing first: a half-closed store helps nobody
            }
        }
        pool.shutdown();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void loop() {
        runKernel(() -> {
            RestartRecovery.Report recovered = RestartRecovery.recover(store, state);
            if (facet != null) {
                store.inCrank(() -> services.register(state, store.kv(), KernelFacet.NAME, facet, true));
            }
            subclusters.restore(runner, store, state);
            restored = true;
            if (!recovered.isEmpty()) {
                // Released pins are routine (a host that closed right after its answer); an
                // interrupted service call is worth an operator's attention.
                LOG.log(recovered.interruptedServiceCalls() > 0 ? System.Logger.Level.INFO : System.Logger.Level.DEBUG, "recovered from the previous run: {0} interrupted service"
                        + " call(s) rejected, {1} pin(s) of lost host answers released",
                        recovered.interruptedServiceCalls(), recovered.releasedPromisePins());
            }
            runLoop();
        });
    }

    /**
     * Runs {@code body} as the kernel's thread: if it stops (closed, or a failure), the kernel
     * shuts down; if the watchdog gave up on this thread, it just ends, since the kernel runs on
     * another thread now.
     */
    private void runKernel(Runnable body) {
        boolean handedOver = false;
        try {
            body.run();
        } catch (TurnAbandoned e) {
            handedOver = true;
            LOG.log(System.Logger.Level.INFO, "{0} ended: the vat code it ran came back after the kernel had gone on without it",
                    Thread.currentThread().getName());
        } catch (RuntimeException | Error e) {
            stoppedBy = e;
            LOG.log(System.Logger.Level.ERROR, "the kernel stopped", e);
        } finally {
            if (!handedOver) {
                shutDown();
            }
        }
    }

    private void runLoop() {
        while (!inbox.isClosed()) {
            boolean worked = false;
            // Check before taking an item, never after: a taken item must be applied.
            while (!inbox.isClosed()) {
                InboxItem item = inbox.poll();
                if (item == null) {
                    break;
                }
                applying = item;
                processor.apply(item);
                applying = null;
                worked = true;
            }
            if (inbox.isClosed()) {
                break;
            }
            long start = System.nanoTime();
            long collectorBefore = runner.collectorNanos();
            CrankOutcome outcome = runner.runCrank();
            if (!(outcome instanceof CrankOutcome.Idle)) {
                long spent = System.nanoTime() - start;
                cranksRun++;
                crankNanos += spent;
                if (outcome instanceof CrankOutcome.GcDelivered || outcome instanceof CrankOutcome.Reaped
                        || outcome instanceof CrankOutcome.CleanedUp || outcome instanceof CrankOutcome.Collected) {
                    gcNanos += spent;
                } else {
                    gcNanos += runner.collectorNanos() - collectorBefore; // the collector's pass in its commit
                }
                worked = true;
            }
            if (!worked) {
                // Idle: the batch so far is all there will be for now, so make it durable
                // rather than let outputs wait for the policy's timer.
                if (store.lastCommittedCrank() > store.durableCrank()) {
                    store.requestFlush();
                }
                inbox.awaitItems();
            }
        }
    }

    /**
     * The watchdog gave up on the kernel's thread, stuck in a vat's code past the turn's deadline
     * (on the watchdog's thread): a new thread, with a new guard, takes the kernel over. It ends
     * the abandoned crank as a failed delivery (rolled back, the vat terminated), answers the
     * inbox item that was being applied, finishes restoring vats if that was under way, and goes
     * on with the loop. The old thread is left to the vat's code; see {@link TurnGuard}.
     */
    private void takeOver(TurnGuard abandoned) {
        String vat = abandoned.vat();
        String reason = "vat " + vat + " did not finish its turn within " + abandoned.deadline().toMillis()
                + " ms (a runaway loop or a blocked thread?); the kernel gave up on the thread that ran it";
        Thread old = thread;
        runner.guardTurns(new TurnGuard());
        Thread next = Thread.ofPlatform().name("jocap-kernel-" + ++generation).daemon(false)
                .unstarted(() -> runKernel(() -> resume(vat, reason)));
        thread = next;
        inbox.bind(next);
        LOG.log(System.Logger.Level.WARNING, "{0}; {1} goes on instead of {2}, which is left to the vat''s code"
                + " (its CPU is lost until it returns or the process ends)", reason, next.getName(), old.getName());
        next.start();
    }

    /** The new thread's first steps after a take-over; see {@link #takeOver}. */
    private void resume(String vat, String reason) {
        runner.abandonTurn(vat, reason);
        InboxItem item = applying;
        applying = null;
        if (item != null) {
            processor.abandoned(item, vat, reason);
        }
        if (!restored) {
            subclusters.restore(runner, store, state); // goes on after the vats it has done
            restored = true;
        }
        runLoop();
    }

    /** On the kernel thread, as it ends: refuse and fail what is left, then flush and close the store. */
    private void shutDown() {
        inbox.close();
        watchdog.stop();
        // Workers hold threads and child processes; the vats' state is in the store.
        runner.releaseAll();
        Throwable cause = stoppedBy;
        KernelClosedException closed = cause == null ? new KernelClosedException("the kernel is closed")
                : new KernelClosedException("the kernel stopped: " + cause, cause);
        inbox.failRemaining(item -> execute(() -> item.outcome().completeExceptionally(closed)));
        subscriptions.failAll(cause == null
                ? new KernelClosedException("the kernel closed before the answer came; the message stays queued")
                : closed);
        try {
            if (cause == null) {
                store.flush();
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "the kernel could not flush its store on close", e);
        } finally {
            try {
                store.close();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "the kernel could not close its store", e);
            }
        }
    }

    /**
     * Drops the kernel's pin on {@code kp} once the host has been told (a task, like any input);
     * first, every object in its value gets a host pin, since the host holds it now and may send
     * to it (see {@link #releaseHostRef}).
     */
    private void release(String kp) {
        inbox.offer(new InboxItem.Task<>(s -> {
            if (s.pins().pinCount(kp) > 0) {
                CapData value = s.promises().exists(kp) ? s.promises().value(kp) : null;
                if (value != null) {
                    for (String slot : value.slots()) {
                        if (Kref.isObject(slot) && s.objects().exists(slot)) {
                            s.pins().pinForHost(slot);
                        }
                    }
                }
                s.pins().unpin(kp);
            }
            return null;
        }, false));
    }

    /** Runs {@code r} on the helper executor, or right here once it has been shut down (never lost). */
    private void execute(Runnable r) {
        try {
            pool.execute(r);
        } catch (RejectedExecutionException e) {
            r.run();
        }
    }

    private <T> T await(CompletableFuture<T> future) {
        if (Thread.currentThread() == thread) {
            throw new IllegalStateException("this call waits for the kernel thread and cannot be made on it");
        }
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        }
    }
}
