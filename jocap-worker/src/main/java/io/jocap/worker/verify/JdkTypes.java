package io.jocap.worker.verify;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the verifier needs to know about host classes (the JDK's, and the jocap API's) by looking
 * at them: their supertypes and where a member is declared. Classes are looked up without being
 * initialised. Callers cache the answers.
 */
final class JdkTypes {
    private JdkTypes() {}

    /** The JDK class of this binary name, not initialised, or null if this JDK has none. */
    static Class<?> find(String className) {
        try {
            return Class.forName(className, false, ClassLoader.getPlatformClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    /**
     * {@code type}'s proper supertypes, nearest first: its superclasses up to {@code Object}, then
     * every interface it or they implement, breadth first.
     */
    static List<Class<?>> supertypes(Class<?> type) {
        Set<Class<?>> found = new LinkedHashSet<>();
        for (Class<?> c = type.getSuperclass(); c != null; c = c.getSuperclass()) {
            found.add(c);
        }
        Deque<Class<?>> toVisit = new ArrayDeque<>();
        toVisit.add(type);
        toVisit.addAll(found);
        Set<Class<?>> interfaces = new LinkedHashSet<>();
        while (!toVisit.isEmpty()) {
            for (Class<?> i : toVisit.pop().getInterfaces()) {
                if (interfaces.add(i)) {
                    toVisit.add(i);
                }
            }
        }
        found.addAll(interfaces);
        if (type.isInterface()) {
            found.add(Object.class); // interfaces see Object's public methods
        }
        return Collections.unmodifiableList(new ArrayList<>(found));
    }

    /**
     * The class that declares the member a reference to {@code owner.name} (with this method
     * descriptor, or null for a field) reaches: {@code owner} itself, a superclass, or an
     * interface (for a default method or a constant); null if none does.
     */
    static Class<?> declaringClass(Class<?> owner, String name, String descriptor) {
        if (declares(owner, name, descriptor)) {
            return owner;
        }
        if (name.equals("<init>") || name.equals("<clinit>")) {
            return null;
        }
        for (Class<?> supertype : supertypes(owner)) {
            if (declares(supertype, name, descriptor)) {
                return supertype;
            }
        }
        return null;
    }

    private static boolean declares(Class<?> type, String name, String descriptor) {
        if (descriptor == null) {
            for (Field field : type.getDeclaredFields()) {
                if (field.getName().equals(name)) {
                    return true;
                }
            }
            return false;
        }
        if (name.equals("<init>")) {
            for (Constructor<?> constructor : type.getDeclaredConstructors()) {
                if (descriptor.equals(descriptor(constructor.getParameterTypes(), void.class))) {
                    return true;
                }
            }
            return false;
        }
        for (Method method : type.getDeclaredMethods()) {
            if (method.getName().equals(name)
                    && descriptor.equals(descriptor(method.getParameterTypes(), method.getReturnType()))) {
                return true;
            }
        }
        return false;
    }

    private static String descriptor(Class<?>[] parameters, Class<?> result) {
        StringBuilder descriptor = new StringBuilder("(");
        for (Class<?> parameter : parameters) {
            descriptor.append(parameter.descriptorString());
        }
        return descriptor.append(')').append(result.descriptorString()).toString();
    }

    /** Whether the class comes from the JDK (the boot or platform class loader). */
    static boolean isJdk(Class<?> type) {
        ClassLoader loader = type.getClassLoader();
        return loader == null || loader == ClassLoader.getPlatformClassLoader();
    }
}
