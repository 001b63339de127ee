package io.jocap.kernel.config;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.lang.model.SourceVersion;

/**
 * The rules a valid config follows, in one place for both users: the parser, which reports every
 * broken rule as a problem, and the records' constructors, which refuse values that break one, so
 * that any config that can be built can also be written and read back ({@link
 * ClusterConfig#toJson()}). The wording of the rules is shared too.
 */
final class ConfigRules {
    static final String VAT_NAME_RULE = "a letter, then up to 63 letters, digits, '_' or '-'";
    static final String CLASS_NAME_RULE =
            "dot-separated Java identifiers, such as \"com.example.BobVat\" or \"com.example.Outer$Inner\"";

    private static final Pattern VAT_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");

    private ConfigRules() {}

    /** Receives the problem with one element of a list. */
    @FunctionalInterface
    interface ElementProblem {
        void at(int index, String what);
    }

    static boolean isVatName(String name) {
        return name != null && VAT_NAME.matcher(name).matches();
    }

    static String vatNameProblem() {
        return "not a valid vat name (" + VAT_NAME_RULE + ")";
    }

    /** A binary name as {@link Class#forName} takes it; keywords are not identifiers. */
    static boolean isBinaryClassName(String name) {
        return name != null && SourceVersion.isName(name);
    }

    static String classNameProblem(String name) {
        return "not a valid Java binary class name (" + Quote.of(name) + "); expected " + CLASS_NAME_RULE;
    }

    /**
     * Checks a list of names (endowments, hosts, services): each a non-empty string, none twice.
     * Reports each bad element, so a caller can report them all.
     */
    static void checkNames(List<?> items, ElementProblem problem) {
        Map<String, Integer> firstIndex = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            Object item = items.get(i);
            if (!(item instanceof String name)) {
                problem.at(i, "expected a string, got " + Quote.typeOf(item));
            } else if (name.isEmpty()) {
                problem.at(i, "must not be empty");
            } else {
                Integer first = firstIndex.putIfAbsent(name, i);
                if (first != null) {
                    problem.at(i, Quote.of(name) + " is already listed at [" + first + "]");
                }
            }
        }
    }

    /**
     * The absolute, normalized path {@code written} names, relative paths taken from {@code baseDir}.
     *
     * @throws java.nio.file.InvalidPathException if {@code written} is no path on this file system
     */
    static Path resolve(Path baseDir, String written) {
        return baseDir.toAbsolutePath().resolve(written).normalize();
    }

    /** Whether the path's file name is longer than {@code extension} and ends with it. */
    static boolean hasExtension(Path path, String extension) {
        Path name = path.getFileName();
        return name != null && name.toString().length() > extension.length() && name.toString().endsWith(extension);
    }

    // What the constructors use: the first broken rule throws, with the field's name.

    static String requireVatName(String field, String name) {
        Objects.requireNonNull(name, field);
        if (!isVatName(name)) {
            throw new IllegalArgumentException(field + ": " + Quote.of(name) + " is " + vatNameProblem());
        }
        return name;
    }

    static String requireClassName(String field, String name) {
        Objects.requireNonNull(name, field);
        if (!isBinaryClassName(name)) {
            throw new IllegalArgumentException(field + ": " + classNameProblem(name));
        }
        return name;
    }

    /** An unmodifiable copy of {@code names}, which must pass {@link #checkNames}. */
    static List<String> requireNames(String field, List<String> names) {
        Objects.requireNonNull(names, field);
        checkNames(names, (index, what) -> {
            throw new IllegalArgumentException(field + "[" + index + "]: " + what);
        });
        return List.copyOf(names);
    }

    /** Whether {@code mb} is a heap limit a config may give: {@value VatConfig#MIN_HEAP_MB} to {@value VatConfig#MAX_HEAP_MB}. */
    static boolean isHeapMb(double mb) {
        return mb == Math.rint(mb) && mb >= VatConfig.MIN_HEAP_MB && mb <= VatConfig.MAX_HEAP_MB;
    }

    /** What a heap limit must be, for messages. */
    static String heapMbRule() {
        return "a whole number of MiB from " + VatConfig.MIN_HEAP_MB + " to " + VatConfig.MAX_HEAP_MB;
    }

    /** Why a heap limit may not be given with {@code worker}, or null if it may. */
    static String heapMbWorkerProblem(WorkerKind worker) {
        return worker == WorkerKind.PROCESS ? null
                : "only for \"worker\": \"process\" (a vat in the kernel's JVM shares the kernel's heap)";
    }

    static void requireHeapMb(String field, int mb, WorkerKind worker) {
        if (!isHeapMb(mb)) {
            throw new IllegalArgumentException(field + ": expected " + heapMbRule() + ", got " + mb);
        }
        String problem = heapMbWorkerProblem(worker);
        if (problem != null) {
            throw new IllegalArgumentException(field + ": " + problem);
        }
    }
}
