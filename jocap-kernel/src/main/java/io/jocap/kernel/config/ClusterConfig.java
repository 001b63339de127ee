package io.jocap.kernel.config;

import io.jocap.marshal.Json;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.SequencedMap;

/**
 * A cluster config: the vats a kernel launches together as a subcluster, in launch order. Read one
 * with {@link ClusterConfigParser}; the format is described in {@code docs/cluster-config.md}.
 *
 * <p>Instances are immutable and always valid: the constructor refuses anything a config could
 * not say, so {@link #toJson()} always writes a config that reads back equal. Two configs are
 * equal when their bootstrap vats, services and vats are equal <em>and</em> their vats are in the
 * same order, since the order is the launch order.
 *
 * @param bootstrap the name of the vat whose root object is the subcluster's bootstrap object, or
 *     {@code null} for none; if given, one of the vats
 * @param services names of the kernel services the subcluster may use, distinct and non-empty
 * @param vats the vats by name, in launch order; not empty, each under its own name; unmodifiable
 * @throws IllegalArgumentException (or {@link NullPointerException} for a null) naming the first
 *     field that breaks a rule
 */
public record ClusterConfig(String bootstrap, List<String> services, SequencedMap<String, VatConfig> vats) {
    public ClusterConfig {
        services = ConfigRules.requireNames("services", services);
        Objects.requireNonNull(vats, "vats");
        if (vats.isEmpty()) {
            throw new IllegalArgumentException("vats: must name at least one vat");
        }
        SequencedMap<String, VatConfig> copy = new LinkedHashMap<>();
        vats.forEach((name, vat) -> {
            Objects.requireNonNull(vat, "vats." + name);
            if (!vat.name().equals(name)) {
                throw new IllegalArgumentException("vats: the vat named " + Quote.of(vat.name()) + " is under the key "
                        + (name == null ? "null" : Quote.of(name)));
            }
            copy.put(name, vat);
        });
        if (bootstrap != null && !copy.containsKey(bootstrap)) {
            throw new IllegalArgumentException("bootstrap: " + ClusterConfigReader.namesNoVat(bootstrap, copy.keySet()));
        }
        vats = Collections.unmodifiableSequencedMap(copy);
    }

    /**
     * A config of {@code vats}, in this order, each under its own name.
     *
     * @throws IllegalArgumentException also if two vats have the same name
     */
    public static ClusterConfig of(String bootstrap, List<String> services, List<VatConfig> vats) {
        SequencedMap<String, VatConfig> byName = new LinkedHashMap<>();
        for (VatConfig vat : vats) {
            if (byName.putIfAbsent(vat.name(), vat) != null) {
                throw new IllegalArgumentException("vats: two vats are named " + Quote.of(vat.name()));
            }
        }
        return new ClusterConfig(bootstrap, services, byName);
    }

    /**
     * This config as compact canonical JSON: paths as written, fields in a fixed order, defaults
     * left out, {@code endowments} never spelled {@code globals}. {@link ClusterConfigParser#parse(String,
     * java.nio.file.Path)} reads it back, with the same base directory, to a config equal to this
     * one; this is how the kernel keeps a subcluster's config in its store.
     */
    public String toJson() {
        return Json.write(ConfigJson.cluster(this));
    }

    /** Equal bootstrap, services and vats, with the vats in the same order. */
    @Override
    public boolean equals(Object other) {
        return other instanceof ClusterConfig that
                && Objects.equals(bootstrap, that.bootstrap)
                && services.equals(that.services)
                && vats.equals(that.vats)
                // Map equality ignores order, but the order is the launch order.
                && List.copyOf(vats.keySet()).equals(List.copyOf(that.vats.keySet()));
    }

    @Override
    public int hashCode() {
        return Objects.hash(bootstrap, services, vats);
    }
}
