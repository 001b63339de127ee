package io.jocap.kernel.host;

import io.jocap.kernel.cluster.SubclusterRecords;
import io.jocap.kernel.cluster.SubclusterRecords.Subcluster;
import io.jocap.kernel.cluster.VatWorkers;
import io.jocap.kernel.config.ClusterConfig;
import io.jocap.kernel.config.ClusterConfigParser;
import io.jocap.kernel.config.VatConfig;
import io.jocap.kernel.run.CrankRunner;
import io.jocap.kernel.run.VatEndpoint;
import io.jocap.marshal.RemotableRef;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Subclusters: the vats of a cluster config, launched together, recorded in the store, brought
 * back after a kernel restart, and bootstrapped.
 *
 * <p><b>Launch</b> starts the vats in config order (a worker from {@link VatWorkers}, then
 * {@code startVat}), then records the subcluster. Any failure (code that does not load, a build
 * step that throws, an unknown service) undoes everything done so far: the vats already started
 * are terminated and no record stays. The error names the vat and the cause. Launching does not
 * send {@code bootstrap}: {@link #bootstrap} does, so that a host (such as {@code jocap run}) can
 * bootstrap again after a restart.
 *
 * <p><b>Restore</b> (kernel thread, before the run loop's first crank): every vat recorded is
 * started again from its config and its vatstore as a new incarnation ({@code restartVat}: its
 * old promises rejected with {@code VAT_RESTARTED}, its ephemeral objects gone). A vat whose
 * worker cannot be made (its code is missing) stays unregistered, so messages to it splat, and
 * the reason is logged; its state is kept for when its code is back.
 */
final class Subclusters {
    private static final System.Logger LOG = System.getLogger(Subclusters.class.getName());

    private final Kernel kernel;
    private final VatWorkers workers;
    private final ExecutorService pool;

    Subclusters(Kernel kernel, VatWorkers workers, ExecutorService pool) {
        this.kernel = kernel;
        this.workers = workers;
        this.pool = pool;
    }

    CompletableFuture<Subcluster> launch(String name, ClusterConfig config, Path baseDir, boolean system) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(baseDir, "baseDir");
        if (workers == null) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "this kernel was opened without vat workers: it cannot launch vats from configs"));
        }
        return CompletableFuture.supplyAsync(() -> launchNow(name, config, baseDir, system), pool);
    }

    private Subcluster launchNow(String name, ClusterConfig config, Path baseDir, boolean system) {
        if (await(kernel.query(s -> new SubclusterRecords(kernelKv(s)).byName(name))).isPresent()) {
            throw new IllegalStateException("subcluster " + name + " is launched already");
        }
        checkServices(name, config, system);
        String id = await(kernel.run(s -> s.ids().nextSubclusterId()));
        Map<String, String> launched = new LinkedHashMap<>();
        List<String> recorded = new ArrayList<>();
        try {
            for (VatConfig vat : config.vats().values()) {
                // The vat's record goes first, in the crank that names it: if the process dies
                // before the subcluster's record is written, restore finds the vat's record
                // without its subcluster and removes whatever the vat left.
                String configJson = vat.toJson();
                String vatId = await(kernel.run(s -> {
                    String newId = s.ids().nextVatId();
                    new SubclusterRecords(kernelKv(s)).putVat(
                            new SubclusterRecords.VatRecord(newId, id, vat.name(), baseDir.toString(), configJson));
                    return newId;
                }));
                recorded.add(vatId);
                VatEndpoint endpoint;
                try {
                    endpoint = workers.start(vatId, vat, kernel.externalTurnsOf(vatId));
                } catch (Exception e) {
                    throw new VatLaunchException(vat.name(), String.valueOf(e.getMessage()));
                }
                try {
                    await(kernel.launchVat(vatId, endpoint, vat.parameters()));
                } catch (VatLaunchException e) {
                    letGo(endpoint, "its launch failed");
                    throw new VatLaunchException(vat.name(), e.getMessage().replaceFirst(
                            "^vat " + java.util.regex.Pattern.quote(vatId) + " could not be started: ", ""));
                } catch (RuntimeException e) {
                    letGo(endpoint, "its launch failed"); // the kernel may have closed meanwhile
                    throw e;
                }
                launched.put(vat.name(), vatId);
            }
            Subcluster subcluster = new Subcluster(id, name, baseDir.toString(), config.bootstrap(),
                    config.services(), launched, system);
            await(kernel.run(s -> {
                new SubclusterRecords(kernelKv(s)).put(subcluster);
                return null;
            }));
            return subcluster;
        } catch (RuntimeException e) {
            undo(recorded);
            throw e;
        }
    }

    /**
     * Refuses a launch that asks for a service that is not registered, or for a {@code systemOnly}
     * one outside a system subcluster.
     */
    private void checkServices(String name, ClusterConfig config, boolean system) {
        List<String> unknown = new ArrayList<>();
        List<String> forbidden = new ArrayList<>();
        for (String service : config.services()) {
            Optional<Boolean> systemOnly = kernel.serviceIsSystemOnly(service);
            if (systemOnly.isEmpty()) {
                unknown.add(service);
            } else if (systemOnly.get() && !system) {
                forbidden.add(service);
            }
        }
        if (!unknown.isEmpty()) {
            throw new VatLaunchException(name, "unknown kernel service" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown) + " (registered: " + String.join(", ", kernel.serviceNames()) + ")");
        }
        if (!forbidden.isEmpty()) {
            throw new VatLaunchException(name, "the kernel service" + (forbidden.size() > 1 ? "s " : " ")
                    + String.join(", ", forbidden) + (forbidden.size() > 1 ? " are" : " is")
                    + " only for system subclusters (declared when the kernel starts)");
        }
    }

    /** Terminates the vats of a failed launch and drops their records. */
    private void undo(List<String> recorded) {
        for (String vatId : recorded) {
            try {
                await(kernel.terminateVat(vatId));
                await(kernel.run(s -> {
                    new SubclusterRecords(kernelKv(s)).deleteVat(vatId);
                    return null;
                }));
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "could not undo the launch of vat " + vatId, e);
            }
        }
    }

    /**
     * Terminates every vat of subcluster {@code name} (their decided promises rejected with
     * {@code VAT_TERMINATED}, their objects orphaned, their state deleted) and deletes its
     * records. Completes with false if there is no such subcluster.
     */
    CompletableFuture<Boolean> terminate(String name) {
        return CompletableFuture.supplyAsync(() -> {
            Optional<Subcluster> found = await(kernel.query(s -> new SubclusterRecords(kernelKv(s)).byName(name)));
            if (found.isEmpty()) {
                return false;
            }
            Subcluster subcluster = found.get();
            // Terminating a vat drops the pins its root had from the launch.
            for (String vatId : subcluster.vats().values()) {
                await(kernel.terminateVat(vatId));
            }
            await(kernel.run(s -> {
                SubclusterRecords records = new SubclusterRecords(kernelKv(s));
                subcluster.vats().values().forEach(records::deleteVat);
                records.delete(subcluster);
                return null;
            }));
            return true;
        }, pool);
    }

    /**
     * Restarts vat {@code vatId} of a subcluster with a new worker made from its recorded config:
     * the old incarnation's decided promises are rejected with {@code VAT_RESTARTED}, its
     * ephemeral objects are gone, and the new one starts from the vat's durable state.
     * Completes with the root's kref (unchanged).
     */
    CompletableFuture<String> restartVat(String vatId) {
        if (workers == null) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "this kernel was opened without vat workers: it cannot restart vats from configs"));
        }
        return CompletableFuture.supplyAsync(() -> {
            SubclusterRecords.VatRecord record = await(kernel.query(s -> new SubclusterRecords(kernelKv(s)).vats()))
                    .stream().filter(v -> v.vatId().equals(vatId)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no vat " + vatId + " launched from a config"));
            VatConfig config = ClusterConfigParser.parseVat(record.configJson(), record.name(), Path.of(record.baseDir()));
            VatEndpoint endpoint;
            try {
                endpoint = workers.start(vatId, config, kernel.externalTurnsOf(vatId));
            } catch (Exception e) {
                throw new VatLaunchException(record.name(), String.valueOf(e.getMessage()));
            }
            try {
                return await(kernel.restartVat(vatId, endpoint, config.parameters()));
            } catch (RuntimeException e) {
                letGo(endpoint, "its restart failed"); // the kernel may never have registered it
                throw e;
            }
        }, pool);
    }

    /**
     * Tells a worker the kernel will not use it (its launch or restart failed), in case the kernel
     * never registered it, so that its thread or process does not outlive the attempt; workers
     * take a second notice calmly.
     */
    private static void letGo(VatEndpoint endpoint, String reason) {
        try {
            endpoint.terminated(reason);
        } catch (RuntimeException ignored) {
            // the worker's own problem
        }
    }

    /**
     * Makes {@code declared} the kernel's system subclusters: each one recorded already is kept
     * (restored by name, not relaunched), each new one is launched as a system subcluster and
     * bootstrapped, and every system subcluster recorded but no longer declared is terminated.
     */
    CompletableFuture<SystemSubcluster.Declared> declareSystem(List<SystemSubcluster> declared) {
        Objects.requireNonNull(declared, "declared");
        java.util.Set<String> names = new java.util.HashSet<>();
        for (SystemSubcluster d : declared) {
            if (!names.add(d.name())) {
                return CompletableFuture.failedFuture(new IllegalArgumentException(
                        "the system subcluster " + d.name() + " is declared twice"));
            }
        }
        if (workers == null && !declared.isEmpty()) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "this kernel was opened without vat workers: it cannot launch vats from configs"));
        }
        return CompletableFuture.supplyAsync(() -> {
            List<Subcluster> recorded = await(kernel.query(s -> new SubclusterRecords(kernelKv(s)).all()));
            List<String> terminated = new ArrayList<>();
            for (Subcluster subcluster : recorded) {
                if (subcluster.system() && !names.contains(subcluster.name())) {
                    await(terminate(subcluster.name()));
                    terminated.add(subcluster.name());
                    LOG.log(System.Logger.Level.INFO, "system subcluster " + subcluster.name()
                            + " is no longer declared: terminated");
                }
            }
            List<String> restored = new ArrayList<>();
            Map<String, Object> launched = new LinkedHashMap<>();
            for (SystemSubcluster d : declared) {
                Optional<Subcluster> existing = recorded.stream().filter(sc -> sc.name().equals(d.name())).findFirst();
                if (existing.isPresent()) {
                    if (!existing.get().system()) {
                        throw new IllegalStateException("subcluster " + d.name() + " was launched as an ordinary"
                                + " subcluster; it cannot be declared a system subcluster (terminate it first)");
                    }
                    restored.add(d.name());
                    continue;
                }
                launchNow(d.name(), d.config(), d.baseDir(), true);
                launched.put(d.name(), d.config().bootstrap() == null ? null : await(bootstrap(d.name())));
            }
            return new SystemSubcluster.Declared(restored, launched, terminated);
        }, pool);
    }

    /** Sends {@code bootstrap(vats, services)} to the bootstrap vat's root; its answer. */
    CompletableFuture<Object> bootstrap(String name) {
        Subcluster subcluster = kernel.subcluster(name).orElseThrow(
                () -> new IllegalArgumentException("no subcluster named " + name));
        if (subcluster.bootstrap() == null) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "subcluster " + name + " names no bootstrap vat"));
        }
        Map<String, String> roots = kernel.rootsOf(subcluster); // a vat terminated since is left out
        if (roots.get(subcluster.bootstrap()) == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("the bootstrap vat "
                    + subcluster.bootstrap() + " of subcluster " + name + " is no longer running (terminated)"));
        }
        Map<String, Object> vats = new LinkedHashMap<>();
        roots.forEach((vatName, kref) -> vats.put(vatName, new RemotableRef(kref, "Alleged: " + vatName)));
        Map<String, Object> services = new LinkedHashMap<>();
        for (String service : subcluster.services()) {
            services.put(service, new RemotableRef(kernel.serviceKref(service), "Alleged: " + service));
        }
        return kernel.queueMessage(roots.get(subcluster.bootstrap()), "bootstrap", List.of(vats, services));
    }

    /** The vats {@link #restore} has taken up (kernel thread only). */
    private final java.util.Set<String> restoreTried = new java.util.HashSet<>();

    /**
     * Brings every recorded vat back (kernel thread, before the first crank). A vat whose launch
     * was cut short (its subcluster has no record) or that was terminated since (it has no root
     * any more) is not restarted: what it left is removed and its record dropped. Called again
     * after a take-over (see {@code Kernel}), it goes on after the vats it has taken up already.
     */
    void restore(CrankRunner runner, io.jocap.store.KernelStore store, io.jocap.kernel.state.KernelState state) {
        SubclusterRecords records = new SubclusterRecords(kernelKv(state));
        for (SubclusterRecords.VatRecord record : records.vats()) {
            if (!restoreTried.add(record.vatId())) {
                continue; // a thread that took the kernel over goes on after the vats tried already
            }
            String gone = !records.exists(record.subclusterId()) ? "its launch was cut short"
                    : state.clist(record.vatId()).krefFor("o+0") == null ? "it was terminated" : null;
            if (gone != null) {
                if (!state.terminatedVats().contains(record.vatId())) {
                    runner.discardVat(record.vatId());
                }
                store.inCrank(() -> records.deleteVat(record.vatId()));
                LOG.log(System.Logger.Level.INFO, "vat " + record.name() + " (" + record.vatId()
                        + ") was not restarted: " + gone);
                continue;
            }
            if (workers == null) {
                continue;
            }
            try {
                VatConfig config = ClusterConfigParser.parseVat(record.configJson(), record.name(), Path.of(record.baseDir()));
                VatEndpoint endpoint = workers.start(record.vatId(), config, kernel.externalTurnsOf(record.vatId()));
                runner.register(record.vatId(), endpoint);
                CrankRunner.VatStart start = runner.restartVat(record.vatId(), endpoint,
                        io.jocap.marshal.Smallcaps.standard().encode(new LinkedHashMap<>(config.parameters())));
                if (start instanceof CrankRunner.VatStart.Failed failed) {
                    LOG.log(System.Logger.Level.ERROR, "vat " + record.name() + " (" + record.vatId()
                            + ") could not be restarted and was terminated: " + failed.reason());
                }
            } catch (Exception e) {
                LOG.log(System.Logger.Level.ERROR, "vat " + record.name() + " (" + record.vatId()
                        + ") was not restarted: " + e.getMessage());
            }
        }
    }

    private static io.jocap.store.KVStore kernelKv(io.jocap.kernel.state.KernelState s) {
        return s.kv();
    }

    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(5, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the kernel did not answer within 5 minutes", e);
        }
    }
}
