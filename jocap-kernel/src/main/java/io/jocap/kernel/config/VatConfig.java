package io.jocap.kernel.config;

import io.jocap.marshal.Json;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One vat of a cluster config: its name, where its code is, and what it is given. Instances are
 * immutable and always valid by the rules of {@code docs/cluster-config.md}: the constructor
 * refuses anything a config could not say.
 *
 * @param name the vat's name: a letter, then up to 63 letters, digits, {@code _} or {@code -}
 * @param code where the vat's code is and which class implements it
 * @param parameters the vat's {@code parameters}, any JSON object as {@link Json#parse} reads it
 *     (numbers as {@link Double}); copied deeply and unmodifiable. {@link Integer}s and {@link
 *     Long}s are accepted and become doubles, {@code -0.0} becomes {@code 0.0}.
 * @param endowments the names of the powers the vat is granted, distinct and non-empty; whether
 *     they name real powers is checked by the vat runtime when the vat is launched
 * @param allowedHosts the hosts the vat's {@code http} endowment may reach ({@code
 *     network.allowedHosts}), distinct and non-empty; checked by the vat runtime too
 * @param worker where the vat runs
 * @param maxHeapMb the heap limit of the vat's own JVM in MiB ({@code "maxHeapMb"}), from
 *     {@value #MIN_HEAP_MB} to {@value #MAX_HEAP_MB}; only with {@link WorkerKind#PROCESS}, and
 *     {@code null} when the config leaves it to the worker's default
 * @throws IllegalArgumentException (or {@link NullPointerException} for a null) naming the first
 *     field that breaks a rule
 */
public record VatConfig(
        String name,
        VatCode code,
        Map<String, Object> parameters,
        List<String> endowments,
        List<String> allowedHosts,
        WorkerKind worker,
        Integer maxHeapMb) {
    /** The smallest {@code maxHeapMb} a config may give. */
    public static final int MIN_HEAP_MB = 16;
    /** The largest {@code maxHeapMb} a config may give (64 GiB). */
    public static final int MAX_HEAP_MB = 65_536;

    public VatConfig {
        ConfigRules.requireVatName("name", name);
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(parameters, "parameters");
        parameters = Parameters.copy(parameters, ConfigPath.ROOT.field("parameters"));
        endowments = ConfigRules.requireNames("endowments", endowments);
        allowedHosts = ConfigRules.requireNames("allowedHosts", allowedHosts);
        Objects.requireNonNull(worker, "worker");
        if (maxHeapMb != null) {
            ConfigRules.requireHeapMb("maxHeapMb", maxHeapMb, worker);
        }
    }

    /** A vat whose heap limit, if it runs in a JVM of its own, is the worker's default. */
    public VatConfig(String name, VatCode code, Map<String, Object> parameters, List<String> endowments,
            List<String> allowedHosts, WorkerKind worker) {
        this(name, code, parameters, endowments, allowedHosts, worker, null);
    }

    /** A vat with no parameters, endowments or hosts, running in the kernel's process. */
    public VatConfig(String name, VatCode code) {
        this(name, code, Map.of(), List.of(), List.of(), WorkerKind.IN_PROCESS, null);
    }

    /**
     * This vat's config as compact canonical JSON (no name: that is its key in {@code vats}):
     * paths as written, fields in a fixed order, defaults left out, {@code endowments} never
     * spelled {@code globals}. {@link ClusterConfigParser#parseVat} reads it back, with the same
     * name and base directory, to a config equal to this one.
     */
    public String toJson() {
        return Json.write(ConfigJson.vat(this));
    }
}
