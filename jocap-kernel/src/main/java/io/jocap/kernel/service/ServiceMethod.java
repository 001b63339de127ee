package io.jocap.kernel.service;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A public instance method of a kernel service object, chosen by name and arity, with the call's
 * arguments already adapted to its parameter types.
 *
 * <p>Only methods a service declares itself (or inherits from anything but {@code Object}) are
 * callable: {@code wait}, {@code notify}, {@code getClass} and friends must never be reachable by
 * a message. Numbers arrive as {@code Double} (the wire has no integers), so an integral
 * {@code Double} is narrowed to an {@code int}/{@code long}/{@code short}/{@code byte} parameter
 * and any {@code Double} to a {@code float} one; everything else must be assignable as is. With
 * overloads of the same arity, the first (in {@link Class#getMethods()} order) that accepts the
 * arguments wins. Stateless apart from the chosen method; any thread.
 */
record ServiceMethod(Method method, Object[] arguments) {
    ServiceMethod {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(arguments, "arguments");
    }

    /**
     * The method of {@code service} called {@code name} taking {@code args}, or empty if there is
     * none with that name and arity.
     *
     * @throws IllegalArgumentException if there are such methods but none accepts {@code args}
     */
    static Optional<ServiceMethod> find(Object service, String name, List<?> args) {
        List<Method> candidates = new ArrayList<>();
        for (Method m : service.getClass().getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == args.size()
                    && m.getDeclaringClass() != Object.class && !Modifier.isStatic(m.getModifiers())) {
                candidates.add(m);
            }
        }
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        for (Method m : candidates) {
            Object[] adapted = adapt(m.getParameterTypes(), args);
            if (adapted != null) {
                // Public methods of a non-public class (a lambda, a nested test class) need this.
                m.trySetAccessible();
                return Optional.of(new ServiceMethod(m, adapted));
            }
        }
        throw new IllegalArgumentException("bad arguments for " + name + ": " + describe(args));
    }

    /**
     * Calls the method on {@code service} and returns what it returned.
     *
     * @throws Throwable whatever the method threw (unwrapped), or why it could not be called
     */
    Object invoke(Object service) throws Throwable {
        try {
            return method.invoke(service, arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** The arguments adapted to {@code types}, or null if one does not fit. */
    private static Object[] adapt(Class<?>[] types, List<?> args) {
        Object[] out = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            Object arg = args.get(i);
            Object adapted = adapt(types[i], arg);
            if (adapted == NO_FIT) {
                return null;
            }
            out[i] = adapted;
        }
        return out;
    }

    private static final Object NO_FIT = new Object();

    private static Object adapt(Class<?> type, Object arg) {
        if (arg == null) {
            return type.isPrimitive() ? NO_FIT : null;
        }
        if (arg instanceof Double d) {
            boolean integral = d == Math.rint(d) && !Double.isInfinite(d);
            if ((type == int.class || type == Integer.class) && integral && d == (int) d.doubleValue()) {
                return (int) d.doubleValue();
            }
            if ((type == long.class || type == Long.class) && integral && Math.abs(d) <= 0x1p53) {
                return (long) d.doubleValue();
            }
            if ((type == short.class || type == Short.class) && integral && d == (short) d.doubleValue()) {
                return (short) d.doubleValue();
            }
            if ((type == byte.class || type == Byte.class) && integral && d == (byte) d.doubleValue()) {
                return (byte) d.doubleValue();
            }
            if (type == float.class || type == Float.class) {
                return (float) d.doubleValue();
            }
            if (type == double.class) {
                return d;
            }
        }
        if (type == boolean.class && arg instanceof Boolean) {
            return arg;
        }
        return type.isInstance(arg) ? arg : NO_FIT;
    }

    private static String describe(List<?> args) {
        List<String> types = new ArrayList<>(args.size());
        for (Object a : args) {
            types.add(a == null ? "null" : a.getClass().getSimpleName());
        }
        return "(" + String.join(", ", types) + ")";
    }
}
