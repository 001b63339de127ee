package io.jocap.vat.load;

import io.jocap.marshal.CapData;
import io.jocap.vat.VatException;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The host classes vat code may use: every class of the API packages {@code io.jocap.vat} and
 * {@code io.jocap.marshal} (exactly these packages, not their subpackages), and the <em>exposed
 * types</em>: the classes from other packages that the public signatures of the API's public
 * classes mention, transitively (for example {@code VatPowers.logger()} returns a logger type
 * from {@code io.jocap.vat.powers}; vat code that calls the logger must resolve that type). All of
 * them come from the class loaders that loaded the API itself, so a vat and the runtime share them.
 *
 * <p>Computed once per JVM, on first use: it lists the API packages in the jars or directories the
 * API classes were loaded from (those are also the compile class path for {@code .java} vat
 * sources), loads their classes without initialising them and walks their signatures.
 */
final class VatApi {
    /** One class of each API package; it gives the package's name, loader and location. */
    private static final List<Class<?>> ANCHORS = List.of(VatException.class, CapData.class);

    private static VatApi instance;

    private final Map<String, ClassLoader> loaderByPackage;
    private final List<Path> locations;
    private final Map<String, Class<?>> exposedTypes;
    private final Set<String> exposedPackages;

    private VatApi(Map<String, ClassLoader> loaderByPackage, List<Path> locations,
            Map<String, Class<?>> exposedTypes) {
        this.loaderByPackage = loaderByPackage;
        this.locations = locations;
        this.exposedTypes = exposedTypes;
        this.exposedPackages = exposedTypes.keySet().stream()
                .map(ClassNames::packageOf)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The API of this JVM. */
    static synchronized VatApi get() throws VatLoadException {
        if (instance == null) {
            instance = compute();
        }
        return instance;
    }

    /** The API packages, for messages: {@code io.jocap.vat and io.jocap.marshal}. */
    String describePackages() {
        return String.join(" and ", loaderByPackage.keySet());
    }

    boolean isApiPackage(String packageName) {
        return loaderByPackage.containsKey(packageName);
    }

    /** Whether vat code may use the host class of this name (if it exists). */
    boolean isApiClass(String className) {
        return exposedTypes.containsKey(className)
                || isApiPackage(ClassNames.packageOf(className));
    }

    /** Whether some class of this package is an API class; if not, the whole package is hidden. */
    boolean hasApiClasses(String packageName) {
        return isApiPackage(packageName) || exposedPackages.contains(packageName);
    }

    /**
     * The host's class of this name, for vat code.
     *
     * @throws ClassNotFoundException if it is not an {@linkplain #isApiClass API class}, or the
     *     host has no such class
     */
    Class<?> hostClass(String className) throws ClassNotFoundException {
        Class<?> exposed = exposedTypes.get(className);
        if (exposed != null) {
            return exposed;
        }
        ClassLoader loader = loaderByPackage.get(ClassNames.packageOf(className));
        if (loader == null) {
            throw new ClassNotFoundException(className + " is not a class of the jocap vat API");
        }
        return Class.forName(className, false, loader);
    }

    /** The jars or directories holding the API classes (and maybe more), for compiling against. */
    List<Path> locations() {
        return locations;
    }

    /** The exposed types' names, for tests and diagnostics. */
    Set<String> exposedTypeNames() {
        return exposedTypes.keySet();
    }

    private static VatApi compute() throws VatLoadException {
        Map<String, ClassLoader> loaderByPackage = new LinkedHashMap<>();
        Set<Path> locations = new LinkedHashSet<>();
        List<Class<?>> roots = new ArrayList<>();
        for (Class<?> anchor : ANCHORS) {
            String packageName = anchor.getPackageName();
            Path location = locationOf(anchor);
            loaderByPackage.put(packageName, anchor.getClassLoader());
            locations.add(location);
            for (String className : classesIn(location, packageName)) {
                Class<?> apiClass = load(className, anchor.getClassLoader());
                if (Modifier.isPublic(apiClass.getModifiers())) {
                    roots.add(apiClass);
                }
            }
        }
        Map<String, Class<?>> exposed = new LinkedHashMap<>();
        for (Class<?> type : exposedTypes(roots, loaderByPackage)) {
            exposed.put(type.getName(), type);
            // javac must see an exposed type to compile vat code that names it.
            locations.add(locationOf(type));
        }
        return new VatApi(Collections.unmodifiableMap(loaderByPackage), List.copyOf(locations),
                Map.copyOf(exposed));
    }

    private static Set<Class<?>> exposedTypes(List<Class<?>> roots,
            Map<String, ClassLoader> loaderByPackage) throws VatLoadException {
        try {
            return ApiSignatures.exposedBy(roots, type -> isVisibleAnyway(type, loaderByPackage));
        } catch (LinkageError | TypeNotPresentException e) {
            throw new VatLoadException("the jocap vat API's signatures mention a class the host"
                    + " lacks: " + e, e);
        }
    }

    private static boolean isVisibleAnyway(Class<?> type,
            Map<String, ClassLoader> loaderByPackage) {
        return PlatformPackages.isPlatformLoader(type.getClassLoader())
                || loaderByPackage.containsKey(type.getPackageName());
    }

    private static Path locationOf(Class<?> hostClass) throws VatLoadException {
        CodeSource source = hostClass.getProtectionDomain().getCodeSource();
        URL url = source == null ? null : source.getLocation();
        try {
            if (url != null) {
                return Path.of(url.toURI());
            }
        } catch (URISyntaxException | IllegalArgumentException | FileSystemNotFoundException e) {
            // Not a plain file or directory (e.g. a jar nested in a jar): reported below.
        }
        throw new VatLoadException("the jocap vat API (" + hostClass.getName()
                + ") was loaded from "
                + (url == null ? "an unknown place" : url)
                + ", not from a jar or directory, so vats cannot be loaded in this deployment");
    }

    /** The binary names of the classes directly in {@code packageName} at {@code location}. */
    private static List<String> classesIn(Path location, String packageName)
            throws VatLoadException {
        String prefix = packageName.replace('.', '/') + "/";
        try {
            if (Files.isDirectory(location)) {
                Path dir = location.resolve(prefix);
                try (Stream<Path> files = Files.list(dir)) {
                    return classNames(files.map(file -> prefix + file.getFileName()));
                }
            }
            try (JarFile jar = new JarFile(location.toFile())) {
                return classNames(jar.stream()
                        .map(entry -> entry.getName())
                        .filter(name -> name.startsWith(prefix)
                                && name.indexOf('/', prefix.length()) < 0));
            }
        } catch (IOException e) {
            throw new VatLoadException("cannot list the jocap vat API package " + packageName
                    + " in " + location + ": " + e.getMessage(), e);
        }
    }

    private static List<String> classNames(Stream<String> paths) {
        return paths.filter(path -> path.endsWith(".class")
                        && !path.endsWith("/package-info.class")
                        && !path.endsWith("/module-info.class"))
                .map(ClassNames::classNameOf)
                .sorted()
                .toList();
    }

    private static Class<?> load(String className, ClassLoader loader) throws VatLoadException {
        try {
            return Class.forName(className, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new VatLoadException("the jocap vat API class " + className
                    + " cannot be loaded: " + e, e);
        }
    }
}
