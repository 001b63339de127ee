package io.jocap.kernel.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The canonical JSON trees of configs, for {@link ClusterConfig#toJson()} and {@link
 * VatConfig#toJson()}: fields in the order the documentation lists them, and a field left out
 * when it holds its default, so that equal configs always give the same text.
 */
final class ConfigJson {
    private ConfigJson() {}

    static Map<String, Object> cluster(ClusterConfig config) {
        Map<String, Object> tree = new LinkedHashMap<>();
        if (config.bootstrap() != null) {
            tree.put("bootstrap", config.bootstrap());
        }
        if (!config.services().isEmpty()) {
            tree.put("services", config.services());
        }
        Map<String, Object> vats = new LinkedHashMap<>();
        config.vats().forEach((name, vat) -> vats.put(name, vat(vat)));
        tree.put("vats", vats);
        return tree;
    }

    static Map<String, Object> vat(VatConfig vat) {
        Map<String, Object> tree = new LinkedHashMap<>();
        VatCode code = vat.code();
        tree.put(code.configField(), code.written());
        if (code.className() != null) {
            tree.put("class", code.className());
        }
        if (!vat.parameters().isEmpty()) {
            tree.put("parameters", vat.parameters());
        }
        if (!vat.endowments().isEmpty()) {
            tree.put("endowments", vat.endowments());
        }
        if (!vat.allowedHosts().isEmpty()) {
            tree.put("network", Map.of("allowedHosts", vat.allowedHosts()));
        }
        if (vat.worker() != WorkerKind.IN_PROCESS) {
            tree.put("worker", vat.worker().configName());
        }
        if (vat.maxHeapMb() != null) {
            tree.put("maxHeapMb", vat.maxHeapMb());
        }
        return tree;
    }
}
