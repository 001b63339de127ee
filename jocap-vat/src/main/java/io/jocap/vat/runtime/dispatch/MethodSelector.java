package io.jocap.vat.runtime.dispatch;

import io.jocap.marshal.Remotable;
import io.jocap.vat.Far;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which methods of a class other vats may call: its public instance methods, declared or
 * inherited, minus those of {@code Object}, {@link Far} and {@link Remotable}.
 *
 * <p>The exclusion goes by signature, not by declaring class, so a class that overrides {@code
 * toString}, {@code equals} or {@code iface} does not make it callable: another vat must not be
 * able to probe an object's identity or description through them, and {@code wait}, {@code
 * notify} and {@code getClass} must never be reachable by a message. Bridge and synthetic methods
 * are compiler plumbing (a generic interface's erased twin of a method) and are left out too.
 */
final class MethodSelector {
    /** {@code name(parameter types)} of every method a message must not reach. */
    private static final Set<String> EXCLUDED = excludedSignatures();

    private MethodSelector() {}

    /** The callable methods of {@code type}, one per signature, in no particular order. */
    static List<Method> callableMethods(Class<?> type) {
        Map<String, Method> bySignature = new LinkedHashMap<>();
        for (Method method : type.getMethods()) {
            if (Modifier.isStatic(method.getModifiers()) || method.isBridge() || method.isSynthetic()) {
                continue;
            }
            String signature = signature(method);
            if (EXCLUDED.contains(signature)) {
                continue;
            }
            // getMethods can list one signature twice (an interface's abstract method next to a
            // class's covariant override); both run the same code, so keep the narrower return type.
            bySignature.merge(signature, method, (kept, other) ->
                    kept.getReturnType().isAssignableFrom(other.getReturnType()) ? other : kept);
        }
        return List.copyOf(bySignature.values());
    }

    private static Set<String> excludedSignatures() {
        Set<String> excluded = new HashSet<>();
        // Declared, not just public: a class may make clone() or finalize() public.
        for (Method method : Object.class.getDeclaredMethods()) {
            excluded.add(signature(method));
        }
        for (Class<?> marker : List.of(Far.class, Remotable.class)) {
            for (Method method : marker.getMethods()) {
                if (!Modifier.isStatic(method.getModifiers())) { // Remotable.isValidIface is no instance method
                    excluded.add(signature(method));
                }
            }
        }
        return Set.copyOf(excluded);
    }

    private static String signature(Method method) {
        return method.getName() + Arrays.toString(method.getParameterTypes());
    }
}
