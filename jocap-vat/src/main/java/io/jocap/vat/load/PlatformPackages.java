package io.jocap.vat.load;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * The packages of the JDK's platform: those of the modules the boot and platform class loaders
 * define, plus every {@code java.*} package (which the JVM reserves even where no module has it).
 * Vat code gets these classes from the platform class loader and may not define classes of its own
 * in these packages.
 */
final class PlatformPackages {
    private static final Set<String> PACKAGES = ModuleLayer.boot().modules().stream()
            .filter(module -> isPlatformLoader(module.getClassLoader()))
            .flatMap(module -> module.getPackages().stream())
            .collect(Collectors.toUnmodifiableSet());

    private PlatformPackages() {}

    static boolean contains(String packageName) {
        return packageName.equals("java") || packageName.startsWith("java.")
                || PACKAGES.contains(packageName);
    }

    static boolean isPlatformLoader(ClassLoader loader) {
        return loader == null || loader == ClassLoader.getPlatformClassLoader();
    }
}
