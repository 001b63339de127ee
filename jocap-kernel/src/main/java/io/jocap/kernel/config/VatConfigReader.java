package io.jocap.kernel.config;

import io.jocap.marshal.Json;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Reads one vat's config from its JSON tree, reporting every problem in it; the vat's path
 * ({@code vats.alice}) prefixes them.
 */
final class VatConfigReader {
    static final List<String> FIELDS = List.of(
            "source", "jar", "directory", "class", "parameters", "endowments", "globals", "network", "worker", "maxHeapMb");
    private static final List<String> LOCATIONS = List.of("source", "jar", "directory");
    private static final List<String> NETWORK_FIELDS = List.of("allowedHosts");
    private static final List<String> WORKER_NAMES =
            List.of(WorkerKind.IN_PROCESS.configName(), WorkerKind.PROCESS.configName(),
                    WorkerKind.VAT_THREAD.configName());

    private final Path baseDir;
    private final Problems problems;

    VatConfigReader(Path baseDir, Problems problems) {
        this.baseDir = baseDir;
        this.problems = problems;
    }

    /** The vat {@code name} at {@code at}, or {@code null} if it has a problem (then reported). */
    VatConfig read(String name, Object tree, ConfigPath at) {
        int before = problems.count();
        if (!ConfigRules.isVatName(name)) {
            problems.add(at, ConfigRules.vatNameProblem());
        }
        ObjectFields fields = ObjectFields.of(tree, at, problems, "an object (the vat's config)", FIELDS);
        if (fields == null) {
            return null;
        }
        VatCode code = code(fields);
        Map<String, Object> parameters = parameters(fields);
        List<String> endowments = endowments(fields);
        List<String> allowedHosts = allowedHosts(fields);
        WorkerKind worker = worker(fields);
        Integer maxHeapMb = maxHeapMb(fields, worker);
        if (problems.count() > before) {
            return null;
        }
        return new VatConfig(name, code, parameters, endowments, allowedHosts, worker, maxHeapMb);
    }

    private VatCode code(ObjectFields fields) {
        String className = fields.string("class", "a string (a binary class name)");
        if (className != null && !ConfigRules.isBinaryClassName(className)) {
            problems.add(fields.at("class"), ConfigRules.classNameProblem(className));
            className = null;
        }
        List<String> given = fields.present(LOCATIONS);
        // Every location given is checked, even when there are too many: the user may keep either.
        String source = location(fields, "source", ".java");
        String jar = location(fields, "jar", ".jar");
        String directory = location(fields, "directory", null);
        if (given.size() != 1) {
            problems.add(fields.at(), "give exactly one of " + Quote.joined(LOCATIONS, "or") + " (it has "
                    + (given.isEmpty() ? "none" : Quote.joined(given, "and")) + ")");
            return null;
        }
        String field = given.getFirst();
        if (!field.equals("source") && !fields.has("class")) {
            problems.add(fields.at("class"), "required with " + Quote.of(field));
            return null;
        }
        String written = switch (field) {
            case "source" -> source;
            case "jar" -> jar;
            default -> directory;
        };
        if (written == null || fields.has("class") && className == null) {
            return null; // the path or the class is wrong, and that is reported
        }
        return switch (field) {
            case "source" -> VatCode.source(baseDir, written, className);
            case "jar" -> VatCode.jar(baseDir, written, className);
            default -> VatCode.directory(baseDir, written, className);
        };
    }

    /**
     * The path written in {@code field}, if it is there and is a valid path; {@code extension}, if
     * not null, is how the file's name must end.
     */
    private String location(ObjectFields fields, String field, String extension) {
        String written = fields.string(field, "a string (a path)");
        if (written == null) {
            return null;
        }
        ConfigPath at = fields.at(field);
        if (written.isEmpty()) {
            problems.add(at, "must not be empty");
            return null;
        }
        Path resolved;
        try {
            resolved = ConfigRules.resolve(baseDir, written);
        } catch (InvalidPathException e) {
            problems.add(at, "not a valid path (" + Quote.of(written) + "): " + e.getReason());
            return null;
        }
        if (extension != null && !ConfigRules.hasExtension(resolved, extension)) {
            problems.add(at, "expected a file name ending in " + Quote.of(extension) + ", got " + Quote.of(written));
            return null;
        }
        return written;
    }

    private Map<String, Object> parameters(ObjectFields fields) {
        Map<?, ?> tree = fields.anyObject("parameters");
        if (tree == null) {
            return Map.of();
        }
        try {
            return Parameters.copy(tree, fields.at("parameters"));
        } catch (Parameters.BadValue e) {
            // Only nesting can be wrong in a tree read from JSON, and only when a vat is read alone.
            problems.add(e.at(), e.what());
            return null;
        }
    }

    private List<String> endowments(ObjectFields fields) {
        if (fields.has("endowments") && fields.has("globals")) {
            problems.add(fields.at(), "give \"endowments\" or its synonym \"globals\", not both");
        }
        List<String> endowments = fields.names("endowments");
        List<String> globals = fields.names("globals");
        return endowments != null ? endowments : globals != null ? globals : List.of();
    }

    private List<String> allowedHosts(ObjectFields fields) {
        ObjectFields network = fields.object("network", "an object", NETWORK_FIELDS);
        List<String> hosts = network == null ? null : network.names("allowedHosts");
        return hosts == null ? List.of() : hosts;
    }

    private WorkerKind worker(ObjectFields fields) {
        String expected = Quote.joined(WORKER_NAMES, "or");
        String name = fields.string("worker", expected);
        if (name == null) {
            return WorkerKind.IN_PROCESS;
        }
        return WorkerKind.byConfigName(name).orElseGet(() -> {
            problems.add(fields.at("worker"), "expected " + expected + ", got " + Quote.of(name)
                    + (name.equals("kernelThread")
                            ? "; turns on the kernel's thread are what \"inProcess\" (the default) does now"
                            : Suggestion.didYouMean(name, WORKER_NAMES)));
            return null;
        });
    }

    /** The heap limit, if given: a whole number in range, and only for a vat in a process of its own. */
    private Integer maxHeapMb(ObjectFields fields, WorkerKind worker) {
        if (!fields.has("maxHeapMb")) {
            return null;
        }
        ConfigPath at = fields.at("maxHeapMb");
        Object value = fields.any("maxHeapMb");
        if (!(value instanceof Double mb) || !ConfigRules.isHeapMb(mb)) {
            problems.add(at, "expected " + ConfigRules.heapMbRule() + ", got "
                    + (value instanceof Double d ? Json.write(d) : Quote.typeOf(value)));
            return null;
        }
        String problem = worker == null ? null : ConfigRules.heapMbWorkerProblem(worker);
        if (problem != null) {
            problems.add(at, problem);
            return null;
        }
        return (int) mb.doubleValue();
    }
}
