package io.jocap.worker.verify;

import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.util.StringJoiner;

/** Names as the verifier writes them: binary class names, Java-like parameter lists. */
final class Names {
    private Names() {}

    /** {@code java/util/Map$Entry} → {@code java.util.Map$Entry}. */
    static String binaryName(String internalName) {
        return internalName.replace('/', '.');
    }

    /** The package of a binary name; empty for the unnamed package. */
    static String packageOf(String className) {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? "" : className.substring(0, dot);
    }

    /** {@code java.lang.System} → {@code System}; {@code java.util.Map$Entry} → {@code Map.Entry}. */
    static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1).replace('$', '.');
    }

    /**
     * The class an internal name or array descriptor of a reference type names, as a binary name
     * ({@code [[Ljava/lang/String;} → {@code java.lang.String}), or null for an array of primitives.
     */
    static String elementClass(String internalNameOrArray) {
        if (!internalNameOrArray.startsWith("[")) {
            return binaryName(internalNameOrArray);
        }
        String element = internalNameOrArray.replaceFirst("^\\[+", "");
        if (element.startsWith("L") && element.endsWith(";")) {
            return binaryName(element.substring(1, element.length() - 1));
        }
        return null;
    }

    /** A type as Java writes it, with binary names: {@code int}, {@code java.util.Map$Entry[]}. */
    static String typeName(ClassDesc type) {
        if (type.isArray()) {
            return typeName(type.componentType()) + "[]";
        }
        if (type.isPrimitive()) {
            return type.displayName();
        }
        String descriptor = type.descriptorString();
        return binaryName(descriptor.substring(1, descriptor.length() - 1));
    }

    /** {@code (ILjava/util/List;)V} → {@code int,java.util.List}: how the allow-list writes parameters. */
    static String parameters(MethodTypeDesc type) {
        StringJoiner joined = new StringJoiner(",");
        for (ClassDesc parameter : type.parameterList()) {
            joined.add(typeName(parameter));
        }
        return joined.toString();
    }

    /** A member as a rejection shows it: {@code java.lang.System.exit(int)}, {@code new java.util.Random()}, {@code java.lang.System.out}. */
    static String member(String className, String name, MethodTypeDesc type) {
        if (type == null) {
            return className + "." + name;
        }
        String parameters = "(" + parameters(type).replace(",", ", ") + ")";
        return name.equals("<init>") ? "new " + className + parameters : className + "." + name + parameters;
    }
}
