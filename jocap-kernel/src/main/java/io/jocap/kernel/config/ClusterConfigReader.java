package io.jocap.kernel.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;

/** Reads a cluster config from its JSON tree, reporting every problem in it. */
final class ClusterConfigReader {
    static final List<String> FIELDS = List.of("bootstrap", "services", "vats");
    /** A message lists at most this many vat names, so a config of thousands of vats stays readable. */
    private static final int MAX_NAMES_SHOWN = 20;

    private ClusterConfigReader() {}

    /** @throws ConfigException listing every problem, if there is one */
    static ClusterConfig read(Object tree, Path baseDir) {
        Problems problems = new Problems();
        if (!(tree instanceof Map<?, ?>)) {
            problems.add(ConfigPath.ROOT, "a cluster config is a JSON object, got " + Quote.typeOf(tree));
            problems.throwIfAny();
        }
        ObjectFields fields = ObjectFields.of(tree, ConfigPath.ROOT, problems, "an object", FIELDS);
        String bootstrap = fields.string("bootstrap", "a string (a vat name)");
        List<String> services = fields.names("services");
        Map<?, ?> vatTrees = vatTrees(fields, problems);
        if (bootstrap != null && vatTrees != null && !vatTrees.containsKey(bootstrap)) {
            List<String> names = new ArrayList<>();
            vatTrees.keySet().forEach(name -> names.add((String) name));
            problems.add(fields.at("bootstrap"), namesNoVat(bootstrap, names));
        }
        SequencedMap<String, VatConfig> vats = new LinkedHashMap<>();
        if (vatTrees != null) {
            VatConfigReader vatReader = new VatConfigReader(baseDir, problems);
            vatTrees.forEach((key, vatTree) -> {
                String name = (String) key;
                VatConfig vat = vatReader.read(name, vatTree, fields.at("vats").field(name));
                if (vat != null) {
                    vats.put(name, vat);
                }
            });
        }
        problems.throwIfAny();
        return new ClusterConfig(bootstrap, services == null ? List.of() : services, vats);
    }

    /** The {@code vats} object, if it is a non-empty one. */
    private static Map<?, ?> vatTrees(ObjectFields fields, Problems problems) {
        if (!fields.has("vats")) {
            problems.add(fields.at("vats"), "required");
            return null;
        }
        Map<?, ?> vats = fields.anyObject("vats");
        if (vats != null && vats.isEmpty()) {
            problems.add(fields.at("vats"), "must name at least one vat");
            return null;
        }
        return vats;
    }

    /** What is wrong with a {@code bootstrap} that is not among the vats {@code names} (never empty). */
    static String namesNoVat(String bootstrap, Collection<String> names) {
        StringBuilder out = new StringBuilder("names no vat (").append(Quote.of(bootstrap)).append("); the vats are ");
        int shown = 0;
        for (String name : names) {
            if (shown == MAX_NAMES_SHOWN) {
                out.append(" and ").append(names.size() - shown).append(" more");
                break;
            }
            out.append(shown > 0 ? ", " : "").append(ConfigPath.member(name));
            shown++;
        }
        return out.toString();
    }
}
