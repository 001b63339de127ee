package io.jocap.vat.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Where a vat's own classes come from, as its config names it: a directory of class files, a jar,
 * or one {@code .java} file compiled when the vat is loaded. A source only names the place; {@link
 * VatClasses#load} reads it.
 */
public sealed interface VatClassSource {
    /** The directory or file this source names. */
    Path path();

    /** A short description for messages, e.g. {@code jar /srv/vats/alice.jar}. */
    String describe();

    /**
     * A directory of {@code .class} files laid out by package ({@code com/example/Counter.class}),
     * as {@code javac -d} writes them; other files in it are the vat's resources.
     */
    record Directory(Path root) implements VatClassSource {
        public Directory {
            Objects.requireNonNull(root, "root");
        }

        @Override
        public Path path() {
            return root;
        }

        @Override
        public String describe() {
            return "class directory " + root;
        }
    }

    /**
     * A jar of the vat's classes and resources. Its manifest's {@code Class-Path} is ignored: a
     * vat's code is exactly what the jar holds.
     */
    record Jar(Path jar) implements VatClassSource {
        public Jar {
            Objects.requireNonNull(jar, "jar");
        }

        @Override
        public Path path() {
            return jar;
        }

        @Override
        public String describe() {
            return "jar " + jar;
        }
    }

    /**
     * One {@code .java} file, compiled in memory when the vat is loaded, against the jocap vat API
     * only. It may declare several top-level and nested classes, but it cannot use other source
     * files and has no resources.
     */
    record JavaSource(Path file) implements VatClassSource {
        public JavaSource {
            Objects.requireNonNull(file, "file");
        }

        @Override
        public Path path() {
            return file;
        }

        @Override
        public String describe() {
            return "Java source " + file;
        }
    }

    /**
     * The source a config path names, decided by what is there: a directory is a {@link
     * Directory}, a file whose name ends with {@code .jar} a {@link Jar}, one ending with {@code
     * .java} a {@link JavaSource} (case-insensitively). Relative paths are taken as they are:
     * resolve them against the config's directory first.
     *
     * @throws VatLoadException if nothing exists at {@code path}, or it is a file of another kind
     */
    static VatClassSource ofPath(Path path) throws VatLoadException {
        Objects.requireNonNull(path, "path");
        if (!Files.exists(path)) {
            throw new VatLoadException("vat code " + path + " does not exist");
        }
        if (Files.isDirectory(path)) {
            return new Directory(path);
        }
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".jar")) {
            return new Jar(path);
        }
        if (name.endsWith(".java")) {
            return new JavaSource(path);
        }
        throw new VatLoadException("vat code " + path + " is neither a directory of .class files,"
                + " a .jar file nor a .java source file");
    }
}
