package io.jocap.vat.load;

/** Conversions between binary class names and the names of their packages and class files. */
final class ClassNames {
    private ClassNames() {}

    /** The package of a binary class name; empty for the unnamed package. */
    static String packageOf(String className) {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? "" : className.substring(0, dot);
    }

    /** The class file path of a binary name, e.g. {@code com/example/Counter$Facet.class}. */
    static String classFileName(String className) {
        return className.replace('.', '/') + ".class";
    }

    /**
     * Whether a path relative to the code's root ({@code /}-separated) is a class file a loader
     * could be asked for: it ends with {@code .class}, is not a {@code module-info} and is not under
     * {@code META-INF/} (a multi-release jar's versioned entries are read through their plain names).
     */
    static boolean isClassFile(String path) {
        return path.endsWith(".class") && !path.startsWith("META-INF/")
                && !path.equals("module-info.class") && !path.endsWith("/module-info.class");
    }

    /** The binary name of a class file path, e.g. {@code com.example.Counter$Facet}. */
    static String classNameOf(String classFileName) {
        int end = classFileName.length() - ".class".length();
        return classFileName.substring(0, end).replace('/', '.');
    }
}
