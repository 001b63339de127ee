package io.jocap.vat.runtime.dispatch;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.Map;
import java.util.Set;

/**
 * The conversion from a passable record ({@code Map<String, Object>}) to a Java record: the keys
 * must be exactly the record's component names, each value is converted to its component's
 * declared type, and the canonical constructor builds the record (so a compact constructor's
 * checks apply; what it throws rejects the call as a bad argument, with its message).
 */
final class RecordConversion implements Conversion {
    private final Class<?> type;
    private final String[] names;
    private final Set<String> nameSet;
    private final Conversion[] components;
    private final MethodHandle constructor; // (Object[]) -> Object
    private final String fields; // "sku, qty", for messages

    private RecordConversion(Class<?> type, String[] names, Conversion[] components, MethodHandle constructor) {
        this.type = type;
        this.names = names;
        this.nameSet = Set.of(names);
        this.components = components;
        this.constructor = constructor;
        this.fields = String.join(", ", names);
    }

    /**
     * The conversion to record class {@code type}, its components' conversions made by {@code converter}.
     *
     * @throws IllegalArgumentException if a component's type is not one other vats can pass, or
     *     the canonical constructor cannot be reached
     */
    static RecordConversion of(Class<?> type, ArgumentConverter converter) {
        RecordComponent[] recordComponents = type.getRecordComponents();
        String[] names = new String[recordComponents.length];
        Class<?>[] types = new Class<?>[recordComponents.length];
        Conversion[] conversions = new Conversion[recordComponents.length];
        for (int i = 0; i < recordComponents.length; i++) {
            names[i] = recordComponents[i].getName();
            types[i] = recordComponents[i].getType();
            try {
                conversions[i] = converter.conversion(recordComponents[i].getGenericType());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("in component " + names[i] + " of record " + type.getSimpleName()
                        + ": " + e.getMessage(), e);
            }
        }
        return new RecordConversion(type, names, conversions, canonicalConstructor(type, types));
    }

    private static MethodHandle canonicalConstructor(Class<?> type, Class<?>[] componentTypes) {
        try {
            Constructor<?> constructor = type.getDeclaredConstructor(componentTypes);
            // Vat records are often private nested classes; vat code lives in open, unnamed modules.
            constructor.setAccessible(true);
            MethodHandle handle = MethodHandles.lookup().unreflectConstructor(constructor);
            return handle.asType(handle.type().generic()).asSpreader(Object[].class, componentTypes.length);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalArgumentException("cannot construct record " + type.getName() + ": " + e, e);
        }
    }

    @Override
    public Object convert(Object value) throws ArgumentMismatch {
        if (type.isInstance(value)) {
            return value; // a local caller's own record
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw ArgumentMismatch.expected(names.length == 0 ? "an empty record (for " + type.getSimpleName() + ")"
                    : "a record with fields " + fields + " (for " + type.getSimpleName() + ")", value);
        }
        checkKeys(map);
        Object[] arguments = new Object[names.length];
        for (int i = 0; i < names.length; i++) {
            try {
                arguments[i] = components[i].convert(map.get(names[i]));
            } catch (ArgumentMismatch m) {
                throw m.within(ValueText.fieldStep(names[i]));
            }
        }
        return construct(arguments);
    }

    private void checkKeys(Map<?, ?> map) throws ArgumentMismatch {
        for (String name : names) {
            if (!map.containsKey(name)) {
                throw new ArgumentMismatch("is missing field " + ValueText.quoted(name) + " (" + hasFields() + ")");
            }
        }
        if (map.size() != names.length) {
            for (Object key : map.keySet()) {
                if (!(key instanceof String s) || !nameSet.contains(s)) {
                    throw new ArgumentMismatch("has an unexpected field " + ValueText.quoted(String.valueOf(key))
                            + " (" + hasFields() + ")");
                }
            }
        }
    }

    private String hasFields() {
        return type.getSimpleName() + (names.length == 0 ? " has no fields" : " has fields " + fields);
    }

    private Object construct(Object[] arguments) throws ArgumentMismatch {
        try {
            return (Object) constructor.invokeExact(arguments);
        } catch (Error e) {
            throw e; // not the argument's fault
        } catch (Throwable e) {
            // The record's own checks refused the values: tell the caller what they said.
            String message = e.getMessage();
            String reason = message == null || message.isEmpty() ? e.getClass().getName() : message;
            throw new ArgumentMismatch("is not a valid " + type.getSimpleName() + ": " + reason, e);
        }
    }
}
