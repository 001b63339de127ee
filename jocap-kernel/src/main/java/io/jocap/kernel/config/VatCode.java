package io.jocap.kernel.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a vat's code is: a Java source file, a jar or a directory of class files, and which class
 * implements the vat. Exactly one of these is given for each vat in a cluster config.
 *
 * <p>{@link #written()} is the path as the config gives it, which is what {@link
 * ClusterConfig#toJson()} writes back; {@link #path()} is that path resolved against the config
 * file's directory, absolute and normalized, which is what the launcher opens. Neither is checked
 * to exist: the launcher reports a missing file with the vat's name.
 */
public sealed interface VatCode {
    /** The path as written in the config; never empty. */
    String written();

    /** The absolute, normalized path: {@link #written()} resolved against the config's directory. */
    Path path();

    /**
     * The binary name ({@code a.b.C$D}) of the class implementing the vat; {@code null} only for a
     * {@link SourceFile}, where it means the file's one public top-level class.
     */
    String className();

    /** The config field that gives this kind of location: {@code "source"}, {@code "jar"} or {@code "directory"}. */
    String configField();

    /**
     * The source file {@code written}, resolved against {@code baseDir}.
     *
     * @throws java.nio.file.InvalidPathException if {@code written} is no path on this file system
     * @throws IllegalArgumentException if a rule of {@link SourceFile} is broken
     */
    static SourceFile source(Path baseDir, String written, String className) {
        return new SourceFile(written, ConfigRules.resolve(baseDir, nonEmpty(written)), className);
    }

    /** The jar {@code written}, resolved against {@code baseDir}; throws as {@link #source} does. */
    static Jar jar(Path baseDir, String written, String className) {
        return new Jar(written, ConfigRules.resolve(baseDir, nonEmpty(written)), className);
    }

    /** The class directory {@code written}, resolved against {@code baseDir}; throws as {@link #source} does. */
    static ClassDirectory directory(Path baseDir, String written, String className) {
        return new ClassDirectory(written, ConfigRules.resolve(baseDir, nonEmpty(written)), className);
    }

    /**
     * A {@code .java} file, run as the JDK's source launcher runs a program: compiled in memory when
     * the vat starts.
     *
     * @param written the path as written; non-empty
     * @param path the resolved path; absolute (it is normalized here), its file name ending in {@code .java}
     * @param className the vat class's binary name, or {@code null} for the file's one public
     *     top-level class
     */
    record SourceFile(String written, Path path, String className) implements VatCode {
        public SourceFile {
            path = checkedPath(written, path, ".java");
            if (className != null) {
                ConfigRules.requireClassName("class", className);
            }
        }

        @Override
        public String configField() {
            return "source";
        }
    }

    /**
     * A jar file holding the vat's classes.
     *
     * @param written the path as written; non-empty
     * @param path the resolved path; absolute (it is normalized here), its file name ending in {@code .jar}
     * @param className the vat class's binary name; required
     */
    record Jar(String written, Path path, String className) implements VatCode {
        public Jar {
            path = checkedPath(written, path, ".jar");
            ConfigRules.requireClassName("class", className);
        }

        @Override
        public String configField() {
            return "jar";
        }
    }

    /**
     * A directory of class files (a class path root), such as a build's output directory.
     *
     * @param written the path as written; non-empty
     * @param path the resolved path; absolute (it is normalized here)
     * @param className the vat class's binary name; required
     */
    record ClassDirectory(String written, Path path, String className) implements VatCode {
        public ClassDirectory {
            path = checkedPath(written, path, null);
            ConfigRules.requireClassName("class", className);
        }

        @Override
        public String configField() {
            return "directory";
        }
    }

    private static String nonEmpty(String written) {
        Objects.requireNonNull(written, "written");
        if (written.isEmpty()) {
            // Resolving "" would quietly name the config's own directory.
            throw new IllegalArgumentException("written: an empty path names nothing");
        }
        return written;
    }

    private static Path checkedPath(String written, Path path, String extension) {
        nonEmpty(written);
        Objects.requireNonNull(path, "path");
        if (!path.isAbsolute()) {
            throw new IllegalArgumentException("path: must be absolute (resolved against the config's directory), got "
                    + Quote.of(path.toString()));
        }
        Path normalized = path.normalize();
        if (extension != null && !ConfigRules.hasExtension(normalized, extension)) {
            throw new IllegalArgumentException("path: must name a file ending in \"" + extension + "\", got "
                    + Quote.of(normalized.toString()));
        }
        return normalized;
    }
}
