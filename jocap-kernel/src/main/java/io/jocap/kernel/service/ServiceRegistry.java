package io.jocap.kernel.service;

import io.jocap.kernel.state.EndpointId;
import io.jocap.kernel.state.KernelState;
import io.jocap.store.KVStore;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The kernel services registered in this process: host Java objects, each standing behind one
 * kernel object owned by the {@value EndpointId#KERNEL} pseudo-endpoint.
 *
 * <p><b>Contract.</b> {@link #register} writes in the caller's crank: the service's kernel object
 * (owner {@code kernel}, pinned so it is never collected) and the name's record {@code ks.<name>}
 * = kref, which makes the kref stable across restarts (a service registered again under the same
 * name after a restart gets its old object back, so references vats kept still work). The
 * in-memory entry is added last, just before the caller commits: the only way that crank can
 * still fail is a store failure, after which the kernel stops. Registrations themselves are in
 * memory and die with the process. {@code systemOnly} is recorded for the subcluster launcher
 * (enforcement comes with subclusters). Kernel thread only.
 */
public final class ServiceRegistry {
    static final String PREFIX = "ks.";

    /** One registered service. */
    public record Service(String name, String kref, Object object, boolean systemOnly) {
        public Service {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(kref, "kref");
            Objects.requireNonNull(object, "object");
        }
    }

    private final Map<String, Service> byName = new HashMap<>();
    private final Map<String, Service> byKref = new HashMap<>();

    /**
     * Registers {@code object} as service {@code name} and returns its kref.
     *
     * @throws IllegalArgumentException if the name is blank or taken in this process
     */
    public String register(KernelState state, KVStore kv, String name, Object object, boolean systemOnly) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(object, "object");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a kernel service needs a non-blank name");
        }
        if (byName.containsKey(name)) {
            throw new IllegalArgumentException("a kernel service named \"" + name + "\" is registered already");
        }
        String kref = kv.get(PREFIX + name);
        if (kref == null || !state.objects().exists(kref)) {
            kref = state.objects().create(EndpointId.KERNEL);
            state.pins().pin(kref);
            kv.set(PREFIX + name, kref);
        }
        Service service = new Service(name, kref, object, systemOnly);
        byName.put(name, service);
        byKref.put(kref, service);
        return kref;
    }

    /** The service behind kernel object {@code kref}, if one is registered. */
    public Optional<Service> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Optional<Service> byKref(String kref) {
        return Optional.ofNullable(byKref.get(kref));
    }

    /** The names of the registered services, sorted. */
    public Set<String> names() {
        return new TreeSet<>(byName.keySet());
    }
}
