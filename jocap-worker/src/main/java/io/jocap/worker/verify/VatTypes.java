package io.jocap.worker.verify;

import io.jocap.vat.load.VatClassFiles;
import io.jocap.vat.load.VatClassFiles.Origin;
import java.lang.classfile.Attributes;
import java.lang.classfile.ClassModel;
import java.lang.classfile.FieldModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.attribute.PermittedSubclassesAttribute;
import java.lang.classfile.constantpool.ClassEntry;
import java.lang.constant.ClassDesc;
import java.lang.reflect.AccessFlag;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The vat's own classes as one verification sees them (each class file parsed once): which JDK
 * class a reference through a vat class reaches, and which types are immutable. Used by one
 * verification on one thread.
 */
final class VatTypes {
    private static final Set<String> PLAIN_ROOTS = Set.of("java.lang.Object", "java.lang.Record", "java.lang.Enum");

    private final VatClassFiles files;
    private final Map<String, ClassModel> models;
    private final JdkPolicy policy;
    private final Map<String, Optional<String>> reached = new HashMap<>();
    private final Map<String, Boolean> immutable = new HashMap<>();
    private final Set<String> assumedImmutable = new HashSet<>();
    private Map<String, List<String>> subclasses;

    VatTypes(VatClassFiles files, Map<String, ClassModel> models, JdkPolicy policy) {
        this.files = files;
        this.models = models;
        this.policy = policy;
    }

    Origin origin(String className) {
        return files.origin(className);
    }

    /**
     * The JDK class whose member {@code name} (a method with this descriptor, or a field if it is
     * null) a reference naming {@code owner} (a binary name) reaches, so that the allow-list can
     * judge it; null if the member belongs to the vat or the API, or the name leads nowhere (the
     * loader refuses it, or linking fails). For a JDK owner, the owner itself; for a vat class,
     * the first JDK class up its hierarchy that has the member (its superclasses, then its
     * interfaces); for an API class, the JDK class that declares the member, if one does.
     */
    String jdkClassReached(String owner, String name, String descriptor) {
        String key = owner + '#' + name + (descriptor == null ? "" : descriptor);
        Optional<String> known = reached.get(key);
        if (known == null) {
            known = Optional.ofNullable(findJdkClassReached(owner, name, descriptor));
            reached.put(key, known);
        }
        return known.orElse(null);
    }

    private String findJdkClassReached(String owner, String name, String descriptor) {
        switch (files.origin(owner)) {
            case JDK -> {
                return owner;
            }
            case API -> {
                return throughApi(owner, name, descriptor);
            }
            case NONE -> {
                return null;
            }
            case VAT -> {
                // below
            }
        }
        if (name.equals("<init>") || name.equals("<clinit>")) {
            return null; // not inherited: the vat class's own
        }
        Set<String> seen = new HashSet<>();
        List<ClassModel> chain = new ArrayList<>();
        String current = owner;
        while (current != null && files.origin(current) == Origin.VAT && seen.add(current)) {
            ClassModel model = models.get(current);
            if (model == null || declares(model, name, descriptor)) {
                return null; // the vat's own member (or an unreadable class, reported as such)
            }
            chain.add(model);
            current = superclass(model);
        }
        String firstHostClass = current != null && files.origin(current) != Origin.VAT ? current : null;
        if (firstHostClass != null) {
            switch (files.origin(firstHostClass)) {
                case JDK -> {
                    Class<?> type = JdkTypes.find(firstHostClass);
                    if (type == null || JdkTypes.declaringClass(type, name, descriptor) != null) {
                        return firstHostClass;
                    }
                }
                case API -> {
                    Class<?> api = files.apiClass(firstHostClass);
                    if (api != null && JdkTypes.declaringClass(api, name, descriptor) != null) {
                        return throughApi(firstHostClass, name, descriptor);
                    }
                }
                default -> {
                    return null;
                }
            }
        }
        // Not in the superclasses: a default method or a constant of an interface.
        Deque<String> interfaces = new ArrayDeque<>();
        chain.forEach(model -> model.interfaces().forEach(i -> interfaces.add(binaryName(i))));
        while (!interfaces.isEmpty()) {
            String candidate = interfaces.pop();
            if (!seen.add(candidate)) {
                continue;
            }
            switch (files.origin(candidate)) {
                case VAT -> {
                    ClassModel model = models.get(candidate);
                    if (model == null || declares(model, name, descriptor)) {
                        return null;
                    }
                    model.interfaces().forEach(i -> interfaces.add(binaryName(i)));
                }
                case JDK -> {
                    Class<?> type = JdkTypes.find(candidate);
                    if (type != null && JdkTypes.declaringClass(type, name, descriptor) != null) {
                        return candidate;
                    }
                }
                case API -> {
                    Class<?> api = files.apiClass(candidate);
                    if (api != null && JdkTypes.declaringClass(api, name, descriptor) != null) {
                        return throughApi(candidate, name, descriptor);
                    }
                }
                case NONE -> {}
            }
        }
        // Nowhere: linking will fail. Judge it as a member of the JDK superclass, to be safe.
        return firstHostClass != null && files.origin(firstHostClass) == Origin.JDK ? firstHostClass : null;
    }

    /** The JDK class declaring a member reached through an API class, or null if the API declares it. */
    private String throughApi(String apiClassName, String name, String descriptor) {
        Class<?> api = files.apiClass(apiClassName);
        if (api == null) {
            return null;
        }
        Class<?> declaring = JdkTypes.declaringClass(api, name, descriptor);
        return declaring != null && JdkTypes.isJdk(declaring) ? declaring.getName() : null;
    }

    private static boolean declares(ClassModel model, String name, String descriptor) {
        if (descriptor == null) {
            for (FieldModel field : model.fields()) {
                if (field.fieldName().equalsString(name)) {
                    return true;
                }
            }
            return false;
        }
        for (MethodModel method : model.methods()) {
            if (method.methodName().equalsString(name) && method.methodType().equalsString(descriptor)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a static final field of this type can only ever hold an immutable value: a
     * primitive; a JDK class the allow-list names {@code immutable}; or a vat class whose
     * instances cannot change (see {@link #isImmutableVatClass}). Arrays, interfaces such as
     * {@code List}, API types and anything else are not.
     */
    boolean isImmutableType(ClassDesc type) {
        if (type.isPrimitive()) {
            return true;
        }
        if (type.isArray()) {
            return false;
        }
        String className = Names.typeName(type);
        return switch (files.origin(className)) {
            case JDK -> policy.list().isImmutable(className);
            case VAT -> isImmutableVatClass(className);
            case API, NONE -> false;
        };
    }

    /**
     * Whether the vat class's instances cannot change: it is final (records are), an enum, or a
     * sealed class or interface whose permitted subclasses all are; and its instance fields, those
     * of its vat superclasses and, for an enum, those of its constants' bodies, are all final and
     * of immutable types. A type that refers to itself is assumed immutable while it is examined.
     */
    boolean isImmutableVatClass(String className) {
        Boolean known = immutable.get(className);
        if (known != null) {
            return known;
        }
        if (!assumedImmutable.add(className)) {
            return true;
        }
        boolean result;
        try {
            result = examine(className);
        } finally {
            assumedImmutable.remove(className);
        }
        if (assumedImmutable.isEmpty()) {
            // Only a conclusion that rested on no assumption is kept.
            immutable.put(className, result);
        }
        return result;
    }

    private boolean examine(String className) {
        ClassModel model = models.get(className);
        if (model == null) {
            return false;
        }
        List<String> permitted = model.findAttribute(Attributes.permittedSubclasses())
                .map(PermittedSubclassesAttribute::permittedSubclasses)
                .map(entries -> entries.stream().map(VatTypes::binaryName).toList())
                .orElse(null);
        if (model.flags().has(AccessFlag.INTERFACE)) {
            return permitted != null && permitted.stream().allMatch(this::isImmutableVatClass);
        }
        if (!fieldsImmutable(model)) {
            return false;
        }
        if (model.flags().has(AccessFlag.FINAL)) {
            return true;
        }
        if (model.flags().has(AccessFlag.ENUM)) {
            // Its constants' bodies are its only subclasses (the JVM lets no other class extend
            // an enum); all of them are in the vat's code.
            return subclassesOf(className).stream()
                    .allMatch(sub -> models.containsKey(sub) && fieldsImmutable(models.get(sub)));
        }
        return permitted != null && permitted.stream().allMatch(this::isImmutableVatClass);
    }

    /** Whether every instance field of the class and its vat superclasses is final and immutable. */
    private boolean fieldsImmutable(ClassModel model) {
        Set<String> seen = new HashSet<>();
        for (ClassModel current = model; current != null; ) {
            for (FieldModel field : current.fields()) {
                if (!field.flags().has(AccessFlag.STATIC)
                        && (!field.flags().has(AccessFlag.FINAL) || !isImmutableType(field.fieldTypeSymbol()))) {
                    return false;
                }
            }
            String superclass = superclass(current);
            if (superclass == null || PLAIN_ROOTS.contains(superclass)) {
                return true;
            }
            if (files.origin(superclass) != Origin.VAT || !seen.add(superclass)) {
                return false;
            }
            current = models.get(superclass);
        }
        return false;
    }

    private List<String> subclassesOf(String className) {
        if (subclasses == null) {
            subclasses = new HashMap<>();
            models.forEach((name, model) -> {
                String superclass = superclass(model);
                if (superclass != null) {
                    subclasses.computeIfAbsent(superclass, k -> new ArrayList<>()).add(name);
                }
            });
        }
        return subclasses.getOrDefault(className, List.of());
    }

    private static String superclass(ClassModel model) {
        return model.superclass().map(VatTypes::binaryName).orElse(null);
    }

    private static String binaryName(ClassEntry entry) {
        return Names.binaryName(entry.asInternalName());
    }
}
