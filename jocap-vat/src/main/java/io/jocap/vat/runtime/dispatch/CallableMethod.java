package io.jocap.vat.runtime.dispatch;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Array;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * One method other vats may call: its argument conversions, built once, and a method handle
 * that takes the receiver and an {@code Object[]} of converted arguments and returns the result
 * boxed ({@code null} for {@code void}).
 */
final class CallableMethod {
    private final MethodHandle invoker; // (Object receiver, Object[] arguments) -> Object
    private final Conversion[] conversions; // one per parameter; a varargs parameter's is its elements'
    private final String[] parameterNames; // null entries unless compiled with -parameters
    private final Class<?> varargsElementType; // null unless varargs

    private CallableMethod(Method method, MethodHandle invoker, Conversion[] conversions, String[] parameterNames) {
        this.invoker = invoker;
        this.conversions = conversions;
        this.parameterNames = parameterNames;
        this.varargsElementType = method.isVarArgs()
                ? method.getParameterTypes()[method.getParameterCount() - 1].getComponentType() : null;
    }

    /**
     * The callable form of {@code method}, with conversions made by {@code converter}.
     *
     * @throws IllegalArgumentException naming the parameter, if a parameter's type is not one
     *     other vats can pass; or if the method cannot be reached
     */
    static CallableMethod of(Method method, ArgumentConverter converter) {
        Parameter[] parameters = method.getParameters();
        Type[] types = method.getGenericParameterTypes();
        if (types.length != parameters.length) {
            // A generic signature can disagree with the descriptor (javac's synthetic parameters);
            // the erased types are then the safe choice.
            types = method.getParameterTypes();
        }
        Conversion[] conversions = new Conversion[parameters.length];
        String[] names = new String[parameters.length];
        for (int i = 0; i < parameters.length; i++) {
            Type type = types[i];
            if (method.isVarArgs() && i == parameters.length - 1) {
                type = elementType(type);
            }
            try {
                conversions[i] = converter.conversion(type);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("parameter " + (i + 1) + " of " + signature(method) + ": "
                        + e.getMessage(), e);
            }
            names[i] = parameters[i].isNamePresent() ? parameters[i].getName() : null;
        }
        return new CallableMethod(method, invoker(method), conversions, names);
    }

    private static Type elementType(Type arrayType) {
        if (arrayType instanceof Class<?> c) {
            return c.getComponentType();
        }
        return ((GenericArrayType) arrayType).getGenericComponentType();
    }

    private static MethodHandle invoker(Method method) {
        // Vat classes are often package-private or nested, in unnamed (hence open) modules, so
        // their public methods need the accessible flag to be called from here. A JDK interface
        // method (Runnable.run) cannot take the flag but is public in an exported package anyway.
        method.trySetAccessible();
        MethodHandle handle;
        try {
            handle = MethodHandles.lookup().unreflect(method);
        } catch (IllegalAccessException e) {
            throw new IllegalArgumentException(signature(method) + " cannot be called from the vat runtime: "
                    + e.getMessage(), e);
        }
        if (handle.isVarargsCollector()) {
            handle = handle.asFixedArity(); // the varargs array is built by convertArguments
        }
        return handle.asType(handle.type().generic()).asSpreader(Object[].class, method.getParameterCount());
    }

    /** How many parameters the method declares (a varargs parameter counts as one). */
    int parameterCount() {
        return conversions.length;
    }

    boolean isVarargs() {
        return varargsElementType != null;
    }

    /** The fewest arguments a call may have: all parameters, or all but a varargs one. */
    int minimumArguments() {
        return isVarargs() ? conversions.length - 1 : conversions.length;
    }

    /** {@code name(long, String...)}, with simple type names, for messages to vat writers. */
    static String signature(Method method) {
        List<String> types = new ArrayList<>();
        for (Class<?> type : method.getParameterTypes()) {
            types.add(type.getSimpleName());
        }
        if (method.isVarArgs()) {
            String last = types.removeLast();
            types.add(last.substring(0, last.length() - 2) + "...");
        }
        return method.getName() + "(" + String.join(", ", types) + ")";
    }

    /**
     * The Java arguments for a call with {@code args}, whose count {@link Overloads} has already
     * matched to this method.
     *
     * @param callee makes {@code Alleged: Counter.increment}, to start a message with (only when
     *     one is needed: it runs the target's {@code iface()})
     * @throws DispatchException naming the argument that does not fit, and where inside it
     */
    Object[] convertArguments(List<Object> args, Supplier<String> callee) throws DispatchException {
        int fixed = minimumArguments();
        Object[] converted = new Object[conversions.length];
        for (int i = 0; i < fixed; i++) {
            converted[i] = convert(conversions[i], args.get(i), callee, i, -1);
        }
        if (isVarargs()) {
            Object rest = Array.newInstance(varargsElementType, args.size() - fixed);
            for (int k = 0; k < args.size() - fixed; k++) {
                Array.set(rest, k, convert(conversions[fixed], args.get(fixed + k), callee, fixed, k));
            }
            converted[fixed] = rest;
        }
        return converted;
    }

    private Object convert(Conversion conversion, Object value, Supplier<String> callee, int parameter,
            int varargsIndex) throws DispatchException {
        try {
            return conversion.convert(value);
        } catch (ArgumentMismatch m) {
            int position = parameter + Math.max(varargsIndex, 0) + 1;
            String name = parameterNames[parameter];
            String label = "argument " + position;
            if (name != null) {
                label += varargsIndex < 0 ? " (" + name + ")" : " (" + name + "[" + varargsIndex + "])";
            }
            throw new DispatchException(callee.get() + " " + label + " " + m.getMessage(), m.getCause());
        }
    }

    /**
     * Calls the method on {@code receiver} with arguments from {@link #convertArguments}.
     *
     * @return what the method returned, boxed; null for a {@code void} method
     * @throws Throwable exactly what the method threw
     */
    Object invoke(Object receiver, Object[] arguments) throws Throwable {
        return (Object) invoker.invokeExact(receiver, arguments);
    }
}
