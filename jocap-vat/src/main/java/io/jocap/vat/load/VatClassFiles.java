package io.jocap.vat.load;

import java.io.IOException;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every class file of a vat's code, read once when the vat is loaded: what a {@link ClassCheck}
 * sees of the whole code before any of it is defined, and the bytes the vat's loader later defines
 * (so what runs is exactly what was checked). It also tells a check how the vat's loader will
 * resolve any class name ({@link #origin}), so that a check agrees with the loader on which names
 * are the vat's own, the JDK's or the jocap vat API's.
 *
 * <p>Immutable and safe to share between threads; {@link #bytes} hands out copies.
 */
public final class VatClassFiles {
    /** Where the vat's loader gets a class of some name from. */
    public enum Origin {
        /** The vat's own code: the loader defines it from these class files. */
        VAT,
        /** The jocap vat API, shared with the host (see the package documentation). */
        API,
        /** The JDK's platform classes (a name in a JDK package, whether or not the JDK has it). */
        JDK,
        /** Nowhere: the loader refuses the name (a host class vat code may not use, or no class). */
        NONE
    }

    private final String vatName;
    private final String description;
    private final Map<String, byte[]> classes;
    private final VatApi api;

    private VatClassFiles(String vatName, String description, Map<String, byte[]> classes, VatApi api) {
        this.vatName = vatName;
        this.description = description;
        this.classes = classes;
        this.api = api;
    }

    /** Reads every class file of {@code code}. */
    static VatClassFiles read(String vatName, VatClassSource source, VatCode code, VatApi api)
            throws VatLoadException {
        Map<String, byte[]> classes = new TreeMap<>();
        String current = null;
        try {
            for (String name : code.classNames()) {
                current = name;
                byte[] bytes = code.classBytes(name);
                if (bytes != null) {
                    classes.put(name, bytes);
                }
            }
        } catch (IOException e) {
            throw new VatLoadException("cannot read " + (current == null ? "the class files"
                    : "class " + current) + " from the vat's " + source.describe() + ": "
                    + e.getMessage(), e);
        }
        return new VatClassFiles(vatName, source.describe(), Collections.unmodifiableMap(classes), api);
    }

    /**
     * Class files given in memory, for checking code without loading it (tests and tools): names
     * resolve as they would for a vat whose code is exactly these classes.
     *
     * @param classes class-file bytes by binary name; copied
     * @throws VatLoadException if the jocap vat API cannot be determined in this JVM
     */
    public static VatClassFiles of(String vatName, Map<String, byte[]> classes) throws VatLoadException {
        Objects.requireNonNull(vatName, "vatName");
        Map<String, byte[]> copy = new TreeMap<>();
        classes.forEach((name, bytes) -> copy.put(Objects.requireNonNull(name), bytes.clone()));
        return new VatClassFiles(vatName, "classes in memory", Collections.unmodifiableMap(copy),
                VatApi.get());
    }

    /** The vat's name, as given to {@link VatClasses#load}. */
    public String vatName() {
        return vatName;
    }

    /** Where the classes come from, for messages: {@code Java source /path/Greeter.java}. */
    public String description() {
        return description;
    }

    /** The binary names of all the class files, in order. */
    public SortedSet<String> classNames() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(classes.keySet()));
    }

    /** A copy of the class file of {@code className}, or null if the code has none. */
    public byte[] bytes(String className) {
        byte[] bytes = classes.get(className);
        return bytes == null ? null : bytes.clone();
    }

    /**
     * Where the vat's loader gets the class {@code className} (a binary name) from. The API comes
     * first, then JDK packages, then the vat's own class files, as in the loader: a class file of
     * the vat's code in a JDK or API package is never defined, so its name resolves to the JDK or
     * the API.
     */
    public Origin origin(String className) {
        if (api.isApiClass(className)) {
            return Origin.API;
        }
        if (PlatformPackages.contains(ClassNames.packageOf(className))) {
            return Origin.JDK;
        }
        return classes.containsKey(className) ? Origin.VAT : Origin.NONE;
    }

    /**
     * The host's class for an {@linkplain Origin#API API} name, not initialised, so that a check
     * can see which members it inherits; null if the name is not that of an API class the host has.
     */
    public Class<?> apiClass(String className) {
        if (!api.isApiClass(className)) {
            return null;
        }
        try {
            return api.hostClass(className);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    /** The bytes without a copy, for the loader. */
    byte[] sharedBytes(String className) {
        return classes.get(className);
    }

    boolean contains(String className) {
        return classes.containsKey(className);
    }
}
