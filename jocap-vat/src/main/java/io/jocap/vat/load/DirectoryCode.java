package io.jocap.vat.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/** A vat's code as a directory of class files and resources. Nothing to close. */
final class DirectoryCode implements VatCode {
    private final Path root;

    private DirectoryCode(Path root) {
        this.root = root;
    }

    /** Opens {@code root}, which must be an existing directory. */
    static DirectoryCode open(Path root) throws VatLoadException {
        if (!Files.isDirectory(root)) {
            throw new VatLoadException("class directory " + root
                    + (Files.exists(root) ? " is not a directory" : " does not exist"));
        }
        return new DirectoryCode(root.toAbsolutePath().normalize());
    }

    @Override
    public byte[] classBytes(String className) throws IOException {
        Path file = fileInside(ClassNames.classFileName(className));
        return file == null ? null : Files.readAllBytes(file);
    }

    /** Every class file under the root, following symbolic links as {@link #classBytes} does. */
    @Override
    public Set<String> classNames() throws IOException {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.walk(root, FileVisitOption.FOLLOW_LINKS)) {
            files.filter(Files::isRegularFile)
                    .map(file -> root.relativize(file).toString().replace(root.getFileSystem().getSeparator(), "/"))
                    .filter(ClassNames::isClassFile)
                    .map(ClassNames::classNameOf)
                    .forEach(names::add);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return names;
    }

    @Override
    public URL resource(String name) {
        Path file = fileInside(name);
        return file == null ? null : toUrl(file);
    }

    @Override
    public InputStream openResource(String name) throws IOException {
        Path file = fileInside(name);
        return file == null ? null : Files.newInputStream(file);
    }

    @Override
    public URL location() {
        return toUrl(root);
    }

    @Override
    public void close() {}

    /**
     * The regular file {@code name} names under the root, or null. A name with {@code ..} that
     * would climb out of the root finds nothing, so vat code cannot read the host's files through
     * its own resources. (Symbolic links inside the directory are followed: whoever wrote the
     * directory chose them.)
     */
    private Path fileInside(String name) {
        if (name.isEmpty() || name.startsWith("/")) {
            return null;
        }
        Path file;
        try {
            file = root.resolve(name).normalize();
        } catch (InvalidPathException e) {
            return null;
        }
        return file.startsWith(root) && Files.isRegularFile(file) ? file : null;
    }

    private static URL toUrl(Path path) {
        try {
            return path.toUri().toURL();
        } catch (MalformedURLException e) {
            // A file URI of the default file system always converts.
            throw new UncheckedIOException(e);
        }
    }
}
