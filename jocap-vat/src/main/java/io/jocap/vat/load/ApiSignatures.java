package io.jocap.vat.load;

import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Finds the types an API lets its users name without belonging to it: a method of an API
 * interface that returns a type from another package hands vat code objects of that type, and vat
 * code calling their methods must resolve the type. The walk follows supertypes, the signatures of
 * public and protected members (generic type arguments and bounds included) and enclosing classes,
 * transitively through every type it adds.
 */
final class ApiSignatures {
    private ApiSignatures() {}

    /**
     * The classes mentioned, directly or through other such classes, by the public surface of
     * {@code roots}, except those {@code alreadyVisible} accepts (which are not walked further).
     */
    static Set<Class<?>> exposedBy(Collection<Class<?>> roots, Predicate<Class<?>> alreadyVisible) {
        Set<Class<?>> exposed = new LinkedHashSet<>();
        Set<Class<?>> walked = new HashSet<>();
        Deque<Class<?>> toWalk = new ArrayDeque<>(roots);
        while (!toWalk.isEmpty()) {
            Class<?> type = toWalk.pop();
            if (!walked.add(type)) {
                continue;
            }
            for (Class<?> mentioned : mentionedBy(type)) {
                if (!alreadyVisible.test(mentioned) && exposed.add(mentioned)) {
                    toWalk.push(mentioned);
                }
            }
        }
        return exposed;
    }

    private static Set<Class<?>> mentionedBy(Class<?> type) {
        RawClasses found = new RawClasses();
        found.add(type.getGenericSuperclass());
        found.addAll(type.getGenericInterfaces());
        found.addAll(type.getTypeParameters());
        found.add(type.getDeclaringClass());
        for (Field field : type.getDeclaredFields()) {
            if (isSurface(field.getModifiers())) {
                found.add(field.getGenericType());
            }
        }
        for (Method method : type.getDeclaredMethods()) {
            if (isSurface(method.getModifiers())) {
                found.add(method.getGenericReturnType());
                addSignature(found, method);
            }
        }
        for (Constructor<?> constructor : type.getDeclaredConstructors()) {
            if (isSurface(constructor.getModifiers())) {
                addSignature(found, constructor);
            }
        }
        for (Class<?> member : type.getDeclaredClasses()) {
            if (isSurface(member.getModifiers())) {
                found.add(member);
            }
        }
        return found.classes;
    }

    private static void addSignature(RawClasses found, Executable executable) {
        found.addAll(executable.getTypeParameters());
        found.addAll(executable.getGenericParameterTypes());
        found.addAll(executable.getGenericExceptionTypes());
    }

    private static boolean isSurface(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    /**
     * Collects the classes generic types are made of: {@code Map<K, List<? extends Foo>>} gives
     * Map, List, Foo and the classes in K's bounds.
     */
    private static final class RawClasses {
        final Set<Class<?>> classes = new LinkedHashSet<>();
        private final Set<TypeVariable<?>> seenVariables = new HashSet<>();

        void addAll(Type[] types) {
            for (Type type : types) {
                add(type);
            }
        }

        void add(Type type) {
            switch (type) {
                case null -> {}
                case Class<?> c when c.isArray() -> add(c.getComponentType());
                case Class<?> c -> {
                    if (!c.isPrimitive()) {
                        classes.add(c);
                    }
                }
                case ParameterizedType p -> {
                    add(p.getRawType());
                    add(p.getOwnerType());
                    addAll(p.getActualTypeArguments());
                }
                case WildcardType w -> {
                    addAll(w.getUpperBounds());
                    addAll(w.getLowerBounds());
                }
                case GenericArrayType a -> add(a.getGenericComponentType());
                // A bound may mention its own variable (T extends Comparable<T>): visit each once.
                case TypeVariable<?> v -> {
                    if (seenVariables.add(v)) {
                        addAll(v.getBounds());
                    }
                }
                default -> {}
            }
        }
    }
}
