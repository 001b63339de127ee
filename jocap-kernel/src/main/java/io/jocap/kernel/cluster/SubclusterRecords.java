package io.jocap.kernel.cluster;

import io.jocap.marshal.Json;
import io.jocap.store.KVStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the kernel keeps about subclusters and the vats it launched from configs, so that after a
 * restart it can bring every vat back and find a subcluster by name.
 *
 * <p>Keys: {@code scn.<name>} = the subcluster's id; {@code sc.<id>} = its record (JSON: name,
 * the config's directory, the bootstrap vat's name, the service names, and its vats by name →
 * vat id, in launch order, and {@code "system": true} for a system subcluster); {@code vc.<vatId>} = the vat's record (JSON: subcluster id, vat name,
 * the config's directory, the vat's config as JSON). Writes must happen inside a crank.
 */
public final class SubclusterRecords {
    private final KVStore kv;

    public SubclusterRecords(KVStore kv) {
        this.kv = Objects.requireNonNull(kv, "kv");
    }

    /**
     * One subcluster.
     *
     * @param system whether it is a system subcluster (declared when the kernel starts; it may
     *     be given {@code systemOnly} services)
     */
    public record Subcluster(String id, String name, String baseDir, String bootstrap, List<String> services,
            Map<String, String> vats, boolean system) {
        public Subcluster {
            services = List.copyOf(services);
            vats = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(vats));
        }
    }

    /** One vat launched from a config. */
    public record VatRecord(String vatId, String subclusterId, String name, String baseDir, String configJson) {}

    /** Whether subcluster {@code id} has a record (a launch cut short by a crash has none). */
    public boolean exists(String id) {
        return kv.has("sc." + id);
    }

    public Optional<Subcluster> byName(String name) {
        String id = kv.get("scn." + name);
        return id == null ? Optional.empty() : Optional.of(read(id));
    }

    public void put(Subcluster subcluster) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", subcluster.name());
        json.put("baseDir", subcluster.baseDir());
        json.put("bootstrap", subcluster.bootstrap());
        json.put("services", subcluster.services());
        json.put("vats", subcluster.vats());
        if (subcluster.system()) {
            json.put("system", true);
        }
        kv.set("sc." + subcluster.id(), Json.write(json));
        kv.set("scn." + subcluster.name(), subcluster.id());
    }

    public void delete(Subcluster subcluster) {
        kv.delete("sc." + subcluster.id());
        kv.delete("scn." + subcluster.name());
    }

    public void putVat(VatRecord vat) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("subcluster", vat.subclusterId());
        json.put("name", vat.name());
        json.put("baseDir", vat.baseDir());
        json.put("config", vat.configJson());
        kv.set("vc." + vat.vatId(), Json.write(json));
    }

    public void deleteVat(String vatId) {
        kv.delete("vc." + vatId);
    }

    /** Every vat launched from a config and not terminated, in vat-id key order. */
    public List<VatRecord> vats() {
        List<VatRecord> out = new ArrayList<>();
        for (Map.Entry<String, String> e : kv.prefix("vc.")) {
            Map<?, ?> json = (Map<?, ?>) Json.parse(e.getValue());
            out.add(new VatRecord(e.getKey().substring(3), (String) json.get("subcluster"), (String) json.get("name"),
                    (String) json.get("baseDir"), (String) json.get("config")));
        }
        return out;
    }

    /** Every subcluster, in id key order. */
    public List<Subcluster> all() {
        List<Subcluster> out = new ArrayList<>();
        for (Map.Entry<String, String> e : kv.prefix("sc.")) {
            out.add(read(e.getKey().substring(3)));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private Subcluster read(String id) {
        String stored = kv.get("sc." + id);
        if (stored == null) {
            throw new IllegalStateException("subcluster record sc." + id + " is missing");
        }
        Map<String, Object> json = (Map<String, Object>) Json.parse(stored);
        return new Subcluster(id, (String) json.get("name"), (String) json.get("baseDir"), (String) json.get("bootstrap"),
                (List<String>) json.get("services"), (Map<String, String>) json.get("vats"),
                Boolean.TRUE.equals(json.get("system")));
    }
}
