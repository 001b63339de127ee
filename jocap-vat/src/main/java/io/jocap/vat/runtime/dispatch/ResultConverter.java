package io.jocap.vat.runtime.dispatch;

import io.jocap.marshal.DecodeLimits;
import io.jocap.marshal.PassableError;
import io.jocap.marshal.PassablePromise;
import io.jocap.marshal.PassableSymbol;
import io.jocap.marshal.Passables;
import io.jocap.marshal.Remotable;
import io.jocap.marshal.Tagged;
import io.jocap.marshal.Undefined;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Turns what a method returned into a passable the marshaller accepts, the reverse of {@link
 * ArgumentConverter}:
 *
 * <ul>
 *   <li>{@code null}, strings, booleans, {@code Double}, {@code Float}, {@code Integer},
 *       {@code Short}, {@code Byte}, {@code BigInteger} and the marshaller's own types
 *       ({@code Undefined}, {@code PassableSymbol}, {@code Tagged}, {@code PassableError}) stay
 *       as they are; so do remotables ({@code Far} objects, presences) and promises ({@code
 *       VatPromise}), whatever else they are;
 *   <li>a {@code Long} stays a number within ±2<sup>53</sup> (where JavaScript numbers are
 *       exact) and becomes a {@code BigInteger} (a bigint) beyond;
 *   <li>a {@code Character} becomes a one-character string;
 *   <li>a {@code List} or array becomes an unmodifiable list, and a {@code Map} with string keys
 *       an unmodifiable record (keeping its iteration order), their contents converted;
 *   <li>a Java record becomes a record of its components, in declaration order;
 *   <li>an enum constant becomes its name;
 *   <li>anything else ({@code Optional}, {@code Set}, {@code File}, …) is refused.
 * </ul>
 *
 * Lists, maps and arrays are copied, so the vat changing them later does not change what was
 * sent. Nesting deeper than the marshaller's default depth (128, as a list that
 * contains itself would) is refused rather than overflowing the stack.
 */
public final class ResultConverter {
    /** As deep as the marshaller would decode; deeper is almost surely a cycle. */
    static final int MAX_DEPTH = DecodeLimits.DEFAULT.maxDepth();

    private static final long MAX_EXACT_LONG = 1L << 53;
    private static final String ADVICE =
            "return data (numbers, strings, lists, records…), remotable objects or promises";

    /** Each record class's component names and accessors, found once. */
    private static final ClassValue<RecordShape> RECORD_SHAPES = new ClassValue<>() {
        @Override
        protected RecordShape computeValue(Class<?> type) {
            return RecordShape.of(type);
        }
    };

    private ResultConverter() {}

    /**
     * {@code value} as a passable.
     *
     * @param context how the message should start, such as {@code Alleged: Counter.read returned}
     * @throws DispatchException if {@code value} is not passable, for example {@code Alleged:
     *     Counter.read returned a java.io.File, which is not passable: return data (numbers,
     *     strings, lists, records…), remotable objects or promises}; a part of the value that is
     *     not passable is located by a path: {@code … returned a java.io.File at [2].owner, which …}
     */
    public static Object toPassable(Object value, String context) throws DispatchException {
        return toPassable(value, () -> context);
    }

    /** {@link #toPassable(Object, String)} with the context made only if the value is refused. */
    static Object toPassable(Object value, Supplier<String> context) throws DispatchException {
        try {
            return convert(value, 0);
        } catch (NotPassable e) {
            String where = e.path.isEmpty() ? "" : " at " + e.path;
            throw new DispatchException(context.get() + " " + e.what + where + e.rest, e.getCause());
        }
    }

    private static Object convert(Object value, int depth) throws NotPassable {
        if (depth > MAX_DEPTH) {
            throw new NotPassable("a value nested more than " + MAX_DEPTH + " levels deep",
                    " (a list or map that contains itself?), which is not passable");
        }
        return switch (value) {
            case null -> null;
            case String s -> s;
            case Boolean b -> b;
            case Double d -> d;
            case Long l -> l >= -MAX_EXACT_LONG && l <= MAX_EXACT_LONG ? l : BigInteger.valueOf(l);
            case Integer i -> i;
            case BigInteger b -> b;
            case Float f -> f;
            case Short s -> s;
            case Byte b -> b;
            case Character c -> String.valueOf(c);
            case Undefined u -> u;
            case PassableSymbol s -> s;
            case Tagged t -> t;
            case PassableError e -> e;
            // References before containers: an object that is both is the marshaller's to refuse.
            case Remotable r -> r;
            case PassablePromise p -> p;
            case List<?> list -> list(list, depth);
            case Map<?, ?> map -> copyRecord(map, depth);
            case Record r -> recordOf(r, depth);
            case Enum<?> e -> e.name();
            case Optional<?> o -> throw new NotPassable(ValueText.withArticle(value.getClass().getName()),
                    ", which is not passable: return the value itself, or null for none");
            case Set<?> s -> throw new NotPassable(ValueText.withArticle(value.getClass().getName()),
                    ", which is not passable: " + ADVICE + " (a set as Tagged.copySet(…) or a List)");
            default -> {
                if (value.getClass().isArray()) {
                    yield array(value, depth);
                }
                throw new NotPassable(ValueText.withArticle(value.getClass().getName()),
                        ", which is not passable: " + ADVICE);
            }
        };
    }

    private static Object list(List<?> list, int depth) throws NotPassable {
        Object[] items = new Object[list.size()];
        int i = 0;
        for (Object item : list) {
            try {
                items[i] = convert(item, depth + 1);
            } catch (NotPassable e) {
                throw e.within("[" + i + "]");
            }
            i++;
        }
        return Passables.list(items);
    }

    private static Object array(Object array, int depth) throws NotPassable {
        int length = Array.getLength(array);
        Object[] items = new Object[length];
        for (int i = 0; i < length; i++) {
            try {
                items[i] = convert(Array.get(array, i), depth + 1); // boxes primitive elements
            } catch (NotPassable e) {
                throw e.within("[" + i + "]");
            }
        }
        return Passables.list(items);
    }

    private static Object copyRecord(Map<?, ?> map, int depth) throws NotPassable {
        Object[] pairs = new Object[map.size() * 2];
        int i = 0;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                throw new NotPassable(ValueText.withArticle(map.getClass().getName()) + " with the key "
                        + ValueText.describe(entry.getKey()), ", which is not passable: record keys must be strings");
            }
            pairs[i++] = key;
            try {
                pairs[i++] = convert(entry.getValue(), depth + 1);
            } catch (NotPassable e) {
                throw e.within(ValueText.fieldStep(key));
            }
        }
        return Passables.record(pairs);
    }

    private static Object recordOf(Record value, int depth) throws NotPassable {
        RecordShape shape = RECORD_SHAPES.get(value.getClass());
        Object[] pairs = new Object[shape.names.length * 2];
        for (int i = 0; i < shape.names.length; i++) {
            Object component;
            try {
                component = (Object) shape.accessors[i].invokeExact((Object) value);
            } catch (Error e) {
                throw e;
            } catch (Throwable e) {
                // A record may have a hand-written accessor; it is vat code and can fail.
                throw new NotPassable(ValueText.withArticle(value.getClass().getSimpleName()),
                        " whose " + shape.names[i] + "() threw " + e, e);
            }
            pairs[2 * i] = shape.names[i];
            try {
                pairs[2 * i + 1] = convert(component, depth + 1);
            } catch (NotPassable e) {
                throw e.within(ValueText.fieldStep(shape.names[i]));
            }
        }
        return Passables.record(pairs);
    }

    /** A record class's component names and accessors (as {@code (Object) -> Object} handles). */
    private record RecordShape(String[] names, MethodHandle[] accessors) {
        static RecordShape of(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            String[] names = new String[components.length];
            MethodHandle[] accessors = new MethodHandle[components.length];
            for (int i = 0; i < components.length; i++) {
                names[i] = components[i].getName();
                Method accessor = components[i].getAccessor();
                // Vat records are often private nested classes, in open unnamed modules.
                accessor.trySetAccessible();
                try {
                    MethodHandle handle = MethodHandles.lookup().unreflect(accessor);
                    accessors[i] = handle.asType(handle.type().generic());
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("cannot read record " + type.getName() + ": " + e.getMessage(), e);
                }
            }
            return new RecordShape(names, accessors);
        }
    }

    /** A part of the result that is not passable, where it is, and why. No stack trace: it is only a message. */
    private static final class NotPassable extends Exception {
        private static final long serialVersionUID = 1L;

        private final String what;
        private final String rest;
        private String path = "";

        NotPassable(String what, String rest) {
            this(what, rest, null);
        }

        NotPassable(String what, String rest, Throwable cause) {
            super(what + rest, cause, false, false);
            this.what = what;
            this.rest = rest;
        }

        NotPassable within(String step) {
            path = step + path;
            return this;
        }
    }
}
