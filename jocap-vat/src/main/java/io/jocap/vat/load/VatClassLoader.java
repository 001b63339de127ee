package io.jocap.vat.load;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.security.CodeSigner;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The class loader of one vat: it defines the vat's own classes, so each vat has its own copies
 * and its own static state, and it decides which other classes vat code can reach.
 *
 * <h2>What vat code sees</h2>
 *
 * <ul>
 *   <li>The JDK's platform classes ({@code java.*}, {@code javax.*}, ...), from the platform class
 *       loader.
 *   <li>The jocap vat API: every class of the packages {@code io.jocap.vat} and {@code
 *       io.jocap.marshal} (not their subpackages), and the types from other packages that the
 *       API's public signatures hand to vat code (such as the power interfaces {@code
 *       io.jocap.vat.VatPowers} returns). These are the host's own classes, the very ones the vat
 *       runtime uses, so a vat's {@code VatPromise} is the runtime's {@code VatPromise}.
 *   <li>The vat's own classes, from its {@link VatClassSource}, defined by this loader.
 * </ul>
 *
 * <p>Any other name, such as a class of the kernel, of the vat runtime or of a library on the
 * host's class path, fails with a {@link ClassNotFoundException} saying vat code may not use it,
 * even though the host has it: the vat's code behaves the same whatever the host's class path
 * holds. A vat cannot replace JDK or API classes (its own copies of them are ignored), nor add
 * classes to their packages (loading such a class fails saying so). The rule covers the names vat
 * code resolves itself; API classes resolve what they need through the host's loaders.
 *
 * <p>The loader defines the class files {@link VatClasses#load} read, and checked with its {@link
 * ClassCheck}, when the vat was loaded: every class file of the vat's code, read once and never
 * again, so what is defined is exactly what was checked. Each class gets a protection domain whose
 * code source is the vat's source. Classes are defined lazily, when vat code first needs them, so a
 * failure (a malformed class file, say) can show up as a {@link NoClassDefFoundError} while the
 * vat runs; {@link VatClasses#findVatClass} turns the failures of an explicit load into a {@link
 * VatLoadException}. A class's bytes are dropped once it is defined. If {@link VatClasses#load}
 * was given a {@link VatClassTransform}, each class file passes through it just before it is
 * defined (the check saw the original; the transform is jocap's own trusted code, such as the
 * step metering of {@link io.jocap.vat.meter.StepMetering}).
 *
 * <h2>Resources</h2>
 *
 * {@link #getResource}, {@link #getResources} and {@link #getResourceAsStream} find the JDK's
 * resources first (as every loader does), then the vat's own resources: files in its directory or
 * jar. Nothing from the host's class path. A {@code .java} source has no resources.
 *
 * <p>Make one with {@link VatClasses#load}; {@link #close} it when the vat is gone. It is safe to
 * use from several threads.
 */
public final class VatClassLoader extends ClassLoader implements AutoCloseable {
    static {
        // Two threads of one vat (its loop, the runtime) may load different classes at once.
        registerAsParallelCapable();
    }

    private final String vatName;
    private final VatClassSource source;
    private final VatCode code;
    /** The checked class files not defined yet, by binary name. */
    private final Map<String, byte[]> undefined;
    private final VatApi api;
    private final VatClassTransform transform;
    private final ProtectionDomain domain;
    private volatile boolean closed;

    VatClassLoader(String vatName, VatClassSource source, VatCode code, VatClassFiles classes,
            VatApi api, VatClassTransform transform) {
        // The parent is the platform loader, never the application loader: the default resource
        // lookup then finds JDK resources and no host ones. Class lookup is loadClass below.
        super("vat-" + vatName, ClassLoader.getPlatformClassLoader());
        this.vatName = Objects.requireNonNull(vatName, "vatName");
        this.source = Objects.requireNonNull(source, "source");
        this.code = Objects.requireNonNull(code, "code");
        this.undefined = new ConcurrentHashMap<>();
        for (String name : classes.classNames()) {
            undefined.put(name, classes.sharedBytes(name));
        }
        this.api = Objects.requireNonNull(api, "api");
        this.transform = Objects.requireNonNull(transform, "transform");
        this.domain = new ProtectionDomain(new CodeSource(code.location(), (CodeSigner[]) null),
                null, this, null);
    }

    /** The vat's name, as given to {@link VatClasses#load}. */
    public String vatName() {
        return vatName;
    }

    /** Where the vat's classes come from. */
    public VatClassSource source() {
        return source;
    }

    /**
     * For a {@link VatClassSource.JavaSource} that declares exactly one public top-level class,
     * that class's binary name (the class a config that names none means); null otherwise, and for
     * directories and jars.
     */
    public String defaultClassName() {
        return code.defaultClassName();
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                loaded = locate(name);
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }

    private Class<?> locate(String name) throws ClassNotFoundException {
        String packageName = ClassNames.packageOf(name);
        if (api.isApiClass(name)) {
            try {
                return api.hostClass(name);
            } catch (ClassNotFoundException e) {
                throw notDefinable(name, "the jocap vat API", e);
            }
        }
        if (PlatformPackages.contains(packageName)) {
            try {
                return getParent().loadClass(name);
            } catch (ClassNotFoundException e) {
                throw notDefinable(name, "the JDK", e);
            }
        }
        return defineVatClass(name);
    }

    /**
     * The failure for a name in a JDK or API package that the host lacks. Saying the vat has such
     * a class but may not define it there tells its author what to change.
     */
    private ClassNotFoundException notDefinable(String name, String owner, ClassNotFoundException e)
            throws ClassNotFoundException {
        if (vatClassBytes(name) == null) {
            String message = prefix() + "class " + name + " is not in " + owner;
            return new ClassNotFoundException(message, e);
        }
        return failure(name, "vat code may not define class " + name + " (in its "
                + source.describe() + "): package " + ClassNames.packageOf(name) + " belongs to "
                + owner, e);
    }

    private Class<?> defineVatClass(String name) throws ClassNotFoundException {
        byte[] bytes = vatClassBytes(name);
        if (bytes == null) {
            // The same message whether or not the host has the class: what a vat can load must
            // not depend on (nor reveal) the host's class path.
            throw new ClassNotFoundException(prefix() + "class " + name + " is not in the vat's "
                    + source.describe() + ", and vat code may not use any other class: it sees only"
                    + " the JDK's platform classes, the jocap vat API (packages "
                    + api.describePackages() + ") and its own classes");
        }
        byte[] transformed;
        try {
            transformed = Objects.requireNonNull(transform.transform(name, bytes),
                    "the class transform returned null");
        } catch (RuntimeException e) {
            throw failure(name, "cannot define class " + name + ": " + e.getMessage(), e);
        }
        // Under the class's loading lock: no other thread defines it meanwhile.
        Class<?> defined = defineClass(name, transformed, 0, transformed.length, domain);
        undefined.remove(name);
        return defined;
    }

    /** The vat's class file for {@code name} as it was checked, or null if it has none. */
    private byte[] vatClassBytes(String name) throws ClassNotFoundException {
        if (closed) {
            throw new ClassNotFoundException(prefix() + "the vat's class loader is closed;"
                    + " cannot load " + name);
        }
        return undefined.get(name);
    }

    /**
     * A load failure for the JVM (which only takes a ClassNotFoundException from loadClass) that
     * carries the {@link VatLoadException} {@link VatClasses#findVatClass} reports.
     */
    private ClassNotFoundException failure(String name, String message, Throwable cause) {
        VatLoadException reason = new VatLoadException(prefix() + message, cause);
        return new ClassNotFoundException(reason.getMessage(), reason);
    }

    private String prefix() {
        return "vat " + vatName + ": ";
    }

    @Override
    protected URL findResource(String name) {
        return closed ? null : code.resource(name);
    }

    @Override
    protected Enumeration<URL> findResources(String name) {
        URL url = findResource(name);
        return url == null ? Collections.emptyEnumeration() : Collections.enumeration(List.of(url));
    }

    /**
     * The JDK's resource of this name if there is one, else the vat's own, read from the vat's
     * open source (not through its URL, which for a jar would open the file a second time).
     */
    @Override
    public InputStream getResourceAsStream(String name) {
        Objects.requireNonNull(name, "name");
        InputStream jdk = getParent().getResourceAsStream(name);
        if (jdk != null || closed) {
            return jdk;
        }
        try {
            return code.openResource(name);
        } catch (IOException e) {
            return null; // as ClassLoader.getResourceAsStream does for an unreadable resource
        }
    }

    /**
     * Releases the vat's source (closes its jar). Classes already loaded keep working; loading
     * more, and finding the vat's resources, fail from now on. Idempotent.
     */
    @Override
    public void close() {
        closed = true;
        code.close();
    }

    @Override
    public String toString() {
        return "VatClassLoader[vat " + vatName + ", " + source.describe() + "]";
    }
}
