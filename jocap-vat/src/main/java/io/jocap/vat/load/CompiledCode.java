package io.jocap.vat.load;

import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * A vat's code compiled from one {@code .java} file: class files in memory, no resources.
 *
 * @param classes class file bytes by binary name
 * @param defaultClassName the file's single public top-level class, or null
 */
record CompiledCode(Path file, Map<String, byte[]> classes, String defaultClassName)
        implements VatCode {
    CompiledCode {
        classes = Map.copyOf(classes);
    }

    @Override
    public byte[] classBytes(String className) {
        return classes.get(className);
    }

    @Override
    public Set<String> classNames() {
        return classes.keySet();
    }

    @Override
    public URL resource(String name) {
        return null;
    }

    @Override
    public InputStream openResource(String name) {
        return null;
    }

    @Override
    public URL location() {
        try {
            return file.toAbsolutePath().toUri().toURL();
        } catch (MalformedURLException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {}
}
