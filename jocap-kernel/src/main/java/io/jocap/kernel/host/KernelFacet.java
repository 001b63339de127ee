package io.jocap.kernel.host;

import io.jocap.kernel.cluster.SubclusterRecords;
import io.jocap.kernel.config.ClusterConfig;
import io.jocap.kernel.config.ClusterConfigParser;
import io.jocap.kernel.state.Kref;
import io.jocap.marshal.Json;
import io.jocap.marshal.RemotableRef;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The kernel facet: the kernel service {@value #NAME}, {@code systemOnly}, through which a vat of
 * a system subcluster manages the kernel it runs on. Every kernel opened with vat workers
 * registers it. A vat calls it like any remote object, {@code E.send(kernelFacet, "getStatus")},
 * and gets a promise for the answer; a failure rejects that promise with
 * {@code [KERNEL:DELIVERY_FAILED] <reason>}.
 *
 * <p>References: a method taking a {@code target} accepts a presence (an object reference the vat
 * holds) or a kref string ({@code "ko12"}), as an operator would copy it from {@code jocap status}.
 *
 * <p>Its public methods are its protocol (they are called by name and arity, off the kernel
 * thread); they use only the kernel's public host API.
 */
public final class KernelFacet {
    /** The name the kernel facet is registered under. */
    public static final String NAME = "kernelFacet";

    private final Kernel kernel;
    private final Path baseDir;

    /**
     * A facet on {@code kernel}; relative paths in configs given to {@link #launchSubcluster} are
     * taken from {@code baseDir}.
     */
    KernelFacet(Kernel kernel, Path baseDir) {
        this.kernel = Objects.requireNonNull(kernel, "kernel");
        this.baseDir = Objects.requireNonNull(baseDir, "baseDir");
    }

    /**
     * The kernel's status: {@code runQueue}, {@code gcActions}, {@code reaps}, {@code cranks},
     * {@code deadLetters}, {@code vats} (running vat ids), {@code vatsBeingCleanedUp},
     * {@code services} and {@code subclusters} (names).
     */
    public Map<String, Object> getStatus() {
        KernelStatus status = kernel.status();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("runQueue", status.runQueueLength());
        out.put("gcActions", status.gcActionsWaiting());
        out.put("reaps", status.reapsWaiting());
        out.put("cranks", status.cranksRun());
        out.put("deadLetters", status.deadLetters());
        out.put("vats", List.copyOf(new java.util.TreeSet<>(status.vats())));
        out.put("vatsBeingCleanedUp", status.vatsBeingCleanedUp());
        out.put("services", List.copyOf(new java.util.TreeSet<>(status.services())));
        out.put("subclusters", kernel.subclusters().stream().map(SubclusterRecords.Subcluster::name).toList());
        return out;
    }

    /**
     * Every subcluster: {@code name}, {@code id}, {@code system}, {@code bootstrap} (a vat name,
     * or null) and {@code vats} (vat name to vat id), in launch order.
     */
    public List<Map<String, Object>> getSubclusters() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (SubclusterRecords.Subcluster sc : kernel.subclusters()) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("name", sc.name());
            one.put("id", sc.id());
            one.put("system", sc.system());
            one.put("bootstrap", sc.bootstrap());
            one.put("vats", new LinkedHashMap<String, Object>(sc.vats()));
            out.add(one);
        }
        return out;
    }

    /**
     * Launches an ordinary subcluster called {@code name} from {@code config}, a record in the
     * cluster-config format (docs/cluster-config.md), then sends its bootstrap vat
     * {@code bootstrap(vats, services)} if it names one. Answers {@code {name, id, vats: {vat
     * name: root}, bootstrapResult}}. A launch that fails is undone completely, and the promise
     * is rejected with the reason.
     */
    public CompletableFuture<Map<String, Object>> launchSubcluster(String name, Map<String, Object> config) {
        ClusterConfig parsed = ClusterConfigParser.parse(Json.write(config), baseDir);
        return kernel.launchSubcluster(name, parsed, baseDir).thenCompose(sc -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("name", sc.name());
            out.put("id", sc.id());
            Map<String, String> roots = kernel.rootsOf(sc);
            Map<String, Object> vats = new LinkedHashMap<>();
            roots.forEach((vat, kref) -> vats.put(vat, new RemotableRef(kref, "Alleged: " + vat)));
            out.put("vats", vats);
            if (sc.bootstrap() == null) {
                out.put("bootstrapResult", null);
                return CompletableFuture.completedFuture(out);
            }
            return kernel.bootstrap(name).thenApply(result -> {
                out.put("bootstrapResult", result);
                return out;
            });
        });
    }

    /** Terminates subcluster {@code name} and all its vats; false if there is none. */
    public CompletableFuture<Boolean> terminateSubcluster(String name) {
        return kernel.terminateSubcluster(name);
    }

    /** Sends {@code method(args)} to {@code target} and answers with the result. */
    public CompletableFuture<Object> queueMessage(Object target, String method, List<Object> args) {
        return kernel.queueMessage(kref(target), method, args);
    }

    /**
     * Pings vat {@code vatId} (a {@code bringOutYourDead} delivery it must answer); answers
     * {@code "pong"}, or rejects if the vat is not running or failed to answer.
     */
    public CompletableFuture<String> pingVat(String vatId) {
        return kernel.pingVat(vatId).thenApply(crank -> "pong");
    }

    /** Restarts vat {@code vatId} from its config and durable state; answers its root. */
    public CompletableFuture<RemotableRef> restartVat(String vatId) {
        return kernel.restartVat(vatId).thenApply(root -> new RemotableRef(root, "Alleged: root of " + vatId));
    }

    /** Terminates vat {@code vatId}; false if it was not running. */
    public CompletableFuture<Boolean> terminateVat(String vatId) {
        return kernel.terminateVat(vatId);
    }

    /** Revokes the object {@code target} for good; false if it was revoked already. */
    public CompletableFuture<Boolean> revoke(Object target) {
        return kernel.revoke(kref(target));
    }

    private static String kref(Object target) {
        String kref = switch (target) {
            case RemotableRef ref -> ref.slot();
            case String s -> s;
            case null -> throw new IllegalArgumentException("the target is missing (null)");
            default -> throw new IllegalArgumentException("the target must be an object reference or a kref"
                    + " string such as \"ko12\", got " + target.getClass().getSimpleName());
        };
        if (!Kref.isValid(kref)) {
            throw new IllegalArgumentException("not a kernel reference: \"" + kref + "\"");
        }
        return kref;
    }
}
