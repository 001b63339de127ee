package io.jocap.vat.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Loading a vat's code: the entry point of this package.
 *
 * <pre>{@code
 * VatClassSource source = VatClassSource.ofPath(configDir.resolve("vats/counter.java"));
 * try (VatClassLoader loader = VatClasses.load("counter", source, ClassCheck.NONE)) {
 *     String name = loader.defaultClassName(); // or the class the config names
 *     Class<?> vatClass = VatClasses.findVatClass(loader, name);
 *     ...
 * }
 * }</pre>
 */
public final class VatClasses {
    private VatClasses() {}

    /**
     * Opens {@code source} for the vat {@code vatName}: opens its jar, checks its directory
     * exists, or compiles its {@code .java} file (in memory; nothing is written). Compiling sees
     * only the JDK and the jocap vat API, with {@code --release 25} and no annotation processing.
     * Then it reads every class file of the code and runs {@code check} over all of them at once
     * ({@link ClassCheck#checkCode}), so that a rejection lists every problem of every class, not
     * just those of the first class vat code happens to use. No class is defined yet: the loader
     * defines the checked bytes lazily, as vat code needs them.
     *
     * @param vatName the vat's name, used in messages and as the loader's name
     * @param check run over the whole code before any class is defined; {@link ClassCheck#NONE}
     *     to accept all
     * @throws VatLoadException naming the vat if the source is missing or unreadable, if a {@code
     *     .java} file does not compile (the message then lists every error as {@code
     *     File.java:LINE: message}), if this Java runtime has no compiler, or if {@code check}
     *     rejects the code (with the check's message)
     */
    public static VatClassLoader load(String vatName, VatClassSource source, ClassCheck check)
            throws VatLoadException {
        return load(vatName, source, check, VatClassTransform.IDENTITY);
    }

    /**
     * As {@link #load(String, VatClassSource, ClassCheck)}, and the loader passes each class file
     * through {@code transform} when it defines the class: {@code check} sees the original class
     * files, the JVM the transformed ones (see {@link VatClassTransform} for the contract; jocap's
     * workers meter vat code this way, with {@link io.jocap.vat.meter.StepMetering}).
     */
    public static VatClassLoader load(String vatName, VatClassSource source, ClassCheck check,
            VatClassTransform transform) throws VatLoadException {
        Objects.requireNonNull(vatName, "vatName");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(transform, "transform");
        try {
            VatApi api = VatApi.get();
            VatCode code = open(source, api);
            try {
                VatClassFiles classes = VatClassFiles.read(vatName, source, code, api);
                runCheck(check, classes);
                return new VatClassLoader(vatName, source, code, classes, api, transform);
            } catch (VatLoadException | RuntimeException e) {
                code.close();
                throw e;
            }
        } catch (VatLoadException e) {
            throw new VatLoadException("vat " + vatName + ": " + e.getMessage(), e);
        }
    }

    /** Runs the check; a runtime exception from it (a bug in the check) rejects the code too. */
    private static void runCheck(ClassCheck check, VatClassFiles classes) throws VatLoadException {
        try {
            check.checkCode(classes);
        } catch (RuntimeException e) {
            throw new VatLoadException("the class check failed: " + e, e);
        }
    }

    private static VatCode open(VatClassSource source, VatApi api) throws VatLoadException {
        return switch (source) {
            case VatClassSource.Directory directory -> DirectoryCode.open(directory.root());
            case VatClassSource.Jar jar -> JarCode.open(jar.jar());
            case VatClassSource.JavaSource java -> JavaSourceCompiler.compile(java.file(), api);
        };
    }

    /**
     * The vat's own class {@code className} (a binary name, {@code com.example.Outer$Inner} for a
     * nested class), loaded and checked but not initialised: its static initialisers run when vat
     * code first uses it, which should be on the vat's own thread.
     *
     * @throws VatLoadException naming the vat and the class if the vat's code has no such class, if
     *     it or a class it extends is refused or cannot be read or defined, or if the name is that
     *     of a JDK or jocap API class
     */
    public static Class<?> findVatClass(VatClassLoader loader, String className)
            throws VatLoadException {
        Objects.requireNonNull(loader, "loader");
        Objects.requireNonNull(className, "className");
        Class<?> found;
        try {
            found = Class.forName(className, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw loadFailure(loader, className, e);
        }
        if (found.getClassLoader() != loader) {
            throw new VatLoadException("vat " + loader.vatName() + ": " + className
                    + " is not a class of the vat's own code but of the "
                    + (PlatformPackages.isPlatformLoader(found.getClassLoader())
                            ? "JDK" : "jocap vat API"));
        }
        return found;
    }

    /**
     * The reason the loader gave if there is one (a refused, rejected or unreadable class),
     * otherwise the whole chain of messages: a class whose superclass is refused fails with a
     * NoClassDefFoundError naming only the superclass, caused by the loader's explanation.
     */
    private static VatLoadException loadFailure(VatClassLoader loader, String className,
            Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof VatLoadException reason) {
                return new VatLoadException(reason.getMessage(), e);
            }
        }
        String prefix = "vat " + loader.vatName() + ": ";
        if (e instanceof ClassNotFoundException
                && String.valueOf(e.getMessage()).startsWith(prefix)) {
            return new VatLoadException(e.getMessage(), e); // the loader's own explanation
        }
        List<String> messages = new ArrayList<>();
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            String message = String.valueOf(cause.getMessage());
            // The loader's own explanations read as sentences; the JVM's errors need their type.
            messages.add(message.startsWith(prefix) ? message.substring(prefix.length())
                    : cause.getClass().getSimpleName() + ": " + message);
        }
        return new VatLoadException(prefix + "cannot load class " + className + ": "
                + String.join(": ", messages), e);
    }
}
