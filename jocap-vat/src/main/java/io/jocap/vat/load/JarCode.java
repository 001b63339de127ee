package io.jocap.vat.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.zip.ZipFile;

/**
 * A vat's code as a jar, kept open until {@link #close}. Multi-release jars are read for the
 * running Java version. Signatures are not verified: in jocap, code gets authority only from the
 * references it is given, never from who signed it.
 */
final class JarCode implements VatCode {
    private final Path path;
    private final JarFile jar;

    private JarCode(Path path, JarFile jar) {
        this.path = path;
        this.jar = jar;
    }

    /** Opens the jar at {@code path}. */
    static JarCode open(Path path) throws VatLoadException {
        if (!Files.isRegularFile(path)) {
            throw new VatLoadException("jar " + path
                    + (Files.exists(path) ? " is not a file" : " does not exist"));
        }
        Path absolute = path.toAbsolutePath().normalize();
        try {
            JarFile jar = new JarFile(absolute.toFile(), false, ZipFile.OPEN_READ,
                    JarFile.runtimeVersion());
            return new JarCode(absolute, jar);
        } catch (IOException e) {
            throw new VatLoadException("jar " + path + " cannot be read: " + e.getMessage(), e);
        }
    }

    @Override
    public byte[] classBytes(String className) throws IOException {
        JarEntry entry = fileEntry(ClassNames.classFileName(className));
        if (entry == null) {
            return null;
        }
        try (InputStream in = read(entry)) {
            return in.readAllBytes();
        }
    }

    /** Every class file entry, as seen by this Java version (versioned entries of a multi-release jar). */
    @Override
    public Set<String> classNames() throws IOException {
        Set<String> names = new TreeSet<>();
        try {
            jar.versionedStream()
                    .filter(entry -> !entry.isDirectory() && ClassNames.isClassFile(entry.getName()))
                    .map(entry -> ClassNames.classNameOf(entry.getName()))
                    .forEach(names::add);
        } catch (IllegalStateException closed) {
            throw new IOException("jar " + path + " is closed", closed);
        }
        return names;
    }

    /**
     * A {@code jar:} URL for the entry. Reading through it opens the jar again through the JDK's
     * URL machinery; the loader's {@code getResourceAsStream} reads from this open jar instead.
     */
    @Override
    public URL resource(String name) {
        if (fileEntry(name) == null) {
            return null;
        }
        try {
            String entryPath = new URI(null, null, "/" + name, null).getRawPath();
            return URI.create("jar:" + path.toUri() + "!" + entryPath).toURL();
        } catch (URISyntaxException | IllegalArgumentException | MalformedURLException e) {
            return null; // an entry name no URL can carry: reachable by stream only
        }
    }

    @Override
    public InputStream openResource(String name) throws IOException {
        JarEntry entry = fileEntry(name);
        return entry == null ? null : read(entry);
    }

    @Override
    public URL location() {
        try {
            return path.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            jar.close();
        } catch (IOException e) {
            // Nothing was written; a failure to release a read-only file leaves nothing to repair.
        }
    }

    /** The entry if it is a file (not a directory); null otherwise, and once the jar is closed. */
    private JarEntry fileEntry(String name) {
        try {
            JarEntry entry = jar.getJarEntry(name);
            return entry == null || entry.isDirectory() ? null : entry;
        } catch (IllegalStateException closed) {
            return null;
        }
    }

    private InputStream read(JarEntry entry) throws IOException {
        try {
            return jar.getInputStream(entry);
        } catch (IllegalStateException closed) {
            throw new IOException("jar " + path + " is closed", closed);
        }
    }
}
