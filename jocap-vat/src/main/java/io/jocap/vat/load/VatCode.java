package io.jocap.vat.load;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Set;

/**
 * The opened form of a {@link VatClassSource}: class bytes and resources by name. Names are as a
 * {@link ClassLoader} gets them: binary class names ({@code com.example.Counter$Facet}) and
 * resource paths relative to the code's root ({@code com/example/greeting.txt}). Implementations
 * must never return anything from outside the vat's own code, and must be usable from several
 * threads until {@link #close}.
 */
sealed interface VatCode extends AutoCloseable permits DirectoryCode, JarCode, CompiledCode {
    /** The class file of {@code className}, or null if the vat's code has none. */
    byte[] classBytes(String className) throws IOException;

    /**
     * The binary names of every class file in the code, each one {@link #classBytes} finds
     * ({@code module-info} is not a class and is left out). {@link VatClasses#load} reads them all
     * before any class is defined.
     */
    Set<String> classNames() throws IOException;

    /** A URL for the resource, or null if the vat's code has none (or no URL form for it). */
    URL resource(String name);

    /** The resource's content, or null if the vat's code has none. */
    InputStream openResource(String name) throws IOException;

    /** Where the code is, as the code source of the classes defined from it. */
    URL location();

    /** The binary name of the class to start when the config names none, or null if unknown. */
    default String defaultClassName() {
        return null;
    }

    /** Releases the underlying file, if any. Idempotent; the loader reads nothing afterwards. */
    @Override
    void close();
}
