package io.jocap.vat.runtime.dispatch;

import io.jocap.marshal.PassableError;
import io.jocap.marshal.PassablePromise;
import io.jocap.marshal.PassableSymbol;
import io.jocap.marshal.Remotable;
import io.jocap.marshal.Tagged;
import io.jocap.marshal.Undefined;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.math.BigInteger;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the {@link Conversion} from passables to a parameter's declared (generic) type, or
 * refuses a type no passable could ever convert to. The rules, all strict:
 *
 * <table class="striped">
 *   <caption>Parameter types and what they accept</caption>
 *   <tr><th>type</th><th>accepts</th></tr>
 *   <tr><td>{@code Object}</td><td>anything, as it is ({@code undefined} included)</td></tr>
 *   <tr><td>{@code String}</td><td>a string</td></tr>
 *   <tr><td>{@code boolean}, {@code Boolean}</td><td>a boolean</td></tr>
 *   <tr><td>{@code long}, {@code int}, {@code short}, {@code byte} and boxes</td><td>a whole
 *       number or bigint within the type's range (never a fraction, NaN or an infinity)</td></tr>
 *   <tr><td>{@code double}, {@code float} and boxes</td><td>a number, or a bigint, that the
 *       type holds exactly ({@code double} takes every number)</td></tr>
 *   <tr><td>{@code BigInteger}</td><td>a bigint or a whole number</td></tr>
 *   <tr><td>{@code char}, {@code Character}</td><td>a string of one UTF-16 unit</td></tr>
 *   <tr><td>{@code List}, {@code Collection}, {@code Iterable}, {@code SequencedCollection}</td>
 *       <td>a list; with a type argument ({@code List<Long>}) each element is converted to it</td></tr>
 *   <tr><td>{@code Map}</td><td>a record; with a value type argument each value is converted
 *       to it (the key type must admit strings)</td></tr>
 *   <tr><td>arrays</td><td>a list, element by element</td></tr>
 *   <tr><td>Java records</td><td>a record with exactly the record's components as keys, each
 *       converted to its component type (records nest)</td></tr>
 *   <tr><td>enums</td><td>the name of one of its constants</td></tr>
 *   <tr><td>any other type that some passable can be: {@code Far} classes and interfaces,
 *       {@code Remotable}, {@code Presence}, {@code PassablePromise}, {@code VatPromise}, {@code
 *       Tagged}, {@code PassableError}, {@code PassableSymbol}, {@code Number}, …</td>
 *       <td>a value that is an instance of it</td></tr>
 * </table>
 *
 * <p>{@code null} and {@code undefined} convert to {@code null} for every reference type (for
 * {@code Object} and the few other types {@code Undefined} is an instance of, undefined stays
 * itself), and are refused for primitives. What the vat itself passes when it sends to its own
 * object is accepted too: a value that already has the declared type (a Java record, an enum
 * constant, an array) as it is, and any boxed number by its exact value. Type variables and
 * wildcards convert as their bounds (a class's own type parameters are not resolved). Types that
 * no passable converts to ({@code Optional}, {@code Set}, {@code ArrayList}, {@code File}, …)
 * are refused with {@link IllegalArgumentException} when the table is built, so a vat writer
 * learns at export time, not when a call fails.
 *
 * <p>One instance builds the conversions of one class's methods and remembers them per type,
 * which also lets a record contain lists of itself.
 */
final class ArgumentConverter {
    private final Map<Type, Conversion> built = new HashMap<>();

    /** The conversion to {@code type}, sharing what this converter built already. */
    Conversion conversion(Type type) {
        Conversion known = built.get(type);
        if (known != null) {
            return known;
        }
        // A recursive type (record Node(List<Node> children)) meets this placeholder instead of looping.
        Deferred deferred = new Deferred();
        built.put(type, deferred);
        Conversion conversion = create(type);
        deferred.target = conversion;
        built.put(type, conversion);
        return conversion;
    }

    /** The class a type erases to, as the JVM sees the parameter. */
    static Class<?> erasure(Type type) {
        return switch (type) {
            case Class<?> c -> c;
            case ParameterizedType p -> (Class<?>) p.getRawType();
            case GenericArrayType g -> erasure(g.getGenericComponentType()).arrayType();
            case TypeVariable<?> v -> erasure(v.getBounds()[0]);
            case WildcardType w -> erasure(w.getUpperBounds()[0]);
            default -> throw new IllegalArgumentException("unknown kind of type: " + type);
        };
    }

    private Conversion create(Type type) {
        return switch (type) {
            case Class<?> c -> forClass(c);
            case ParameterizedType p -> forParameterized(p);
            case GenericArrayType g -> nullable(ContainerConversions.arrayOf(erasure(g.getGenericComponentType()),
                    conversion(g.getGenericComponentType())));
            // List<? super Long> may hold anything above Long: nothing to convert to.
            case WildcardType w -> w.getLowerBounds().length > 0
                    ? Conversion.IDENTITY
                    : conversion(w.getUpperBounds()[0]);
            case TypeVariable<?> v -> conversion(v.getBounds()[0]);
            default -> throw new IllegalArgumentException("unknown kind of type: " + type);
        };
    }

    private Conversion forParameterized(ParameterizedType type) {
        Class<?> raw = (Class<?>) type.getRawType();
        Type[] arguments = type.getActualTypeArguments();
        if (isListType(raw)) {
            return nullable(ContainerConversions.listOf(conversion(arguments[0])));
        }
        if (raw == Map.class) {
            if (!erasure(arguments[0]).isAssignableFrom(String.class)) {
                throw new IllegalArgumentException(type.getTypeName()
                        + " is not a type other vats can pass: record keys are strings");
            }
            return nullable(ContainerConversions.mapOf(conversion(arguments[1])));
        }
        return forClass(raw);
    }

    private Conversion forClass(Class<?> type) {
        Conversion number = NumberConversions.forType(type);
        if (number != null) {
            return type.isPrimitive() ? number : nullable(number);
        }
        if (type == boolean.class || type == Boolean.class) {
            Conversion bool = value -> {
                if (value instanceof Boolean) {
                    return value;
                }
                throw ArgumentMismatch.expected("a boolean", value);
            };
            return type.isPrimitive() ? bool : nullable(bool);
        }
        if (type == char.class || type == Character.class) {
            return type.isPrimitive() ? ArgumentConverter::toChar : nullable(ArgumentConverter::toChar);
        }
        if (type == String.class) {
            return nullable(value -> {
                if (value instanceof String) {
                    return value;
                }
                throw ArgumentMismatch.expected("a string", value);
            });
        }
        if (type == Object.class) {
            return Conversion.IDENTITY;
        }
        if (type.isArray()) {
            return nullable(ContainerConversions.arrayOf(type.getComponentType(), conversion(type.getComponentType())));
        }
        if (isListType(type)) {
            return nullable(ContainerConversions.listOf(Conversion.IDENTITY));
        }
        if (type == Map.class) {
            return nullable(ContainerConversions.mapOf(Conversion.IDENTITY));
        }
        // References and the marshaller's own value types come before records and enums:
        // a record can be Far, and Tagged or Undefined are records and enums themselves.
        if (isReferenceOrMarshalType(type)) {
            return instanceOf(type);
        }
        if (type.isRecord()) {
            return nullable(RecordConversion.of(type, this));
        }
        if (type.isEnum()) {
            return nullable(EnumConversion.of(type));
        }
        if (type.isPrimitive() || !canHoldPassable(type)) {
            throw new IllegalArgumentException(
                    type.getTypeName() + " is not a type other vats can pass" + hintFor(type));
        }
        return instanceOf(type);
    }

    private static boolean isListType(Class<?> type) {
        // Exactly the interfaces a decoded list (a List) is: List, SequencedCollection, Collection, Iterable.
        return type.isInterface() && type.isAssignableFrom(List.class);
    }

    private static boolean isReferenceOrMarshalType(Class<?> type) {
        return Remotable.class.isAssignableFrom(type) || PassablePromise.class.isAssignableFrom(type)
                || type == Tagged.class || type == PassableError.class || type == PassableSymbol.class
                || type == Undefined.class;
    }

    /**
     * Whether some passable could be an instance of {@code type}: an interface a {@code Far}
     * object might implement, or a supertype of one of the value classes ({@code Number},
     * {@code Comparable}, …). Collection and map types other than the ones converted above are
     * out: no decoded value is a {@code Set} or an {@code ArrayList}.
     */
    private static boolean canHoldPassable(Class<?> type) {
        if (Collection.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type)) {
            return false;
        }
        if (type.isInterface()) {
            return true;
        }
        for (Class<?> valueClass : List.of(String.class, Double.class, Boolean.class, BigInteger.class)) {
            if (type.isAssignableFrom(valueClass)) {
                return true;
            }
        }
        return false;
    }

    private static String hintFor(Class<?> type) {
        if (type == Optional.class) {
            return "; declare the value's own type: a missing value (null or undefined) arrives as null";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "; a list arrives as a List (declare List, Collection or Iterable), a set as a Tagged copySet";
        }
        if (Map.class.isAssignableFrom(type)) {
            return "; a record arrives as a Map (declare Map)";
        }
        if (Number.class.isAssignableFrom(type)) {
            return "; declare double, long, int, short, byte, float or BigInteger";
        }
        return "";
    }

    private static Object toChar(Object value) throws ArgumentMismatch {
        if (value instanceof String s && s.length() == 1) {
            return s.charAt(0);
        }
        if (value instanceof Character) {
            return value;
        }
        throw ArgumentMismatch.expected("a string of one character", value);
    }

    /** {@code inner}, except that null and undefined become null. */
    private static Conversion nullable(Conversion inner) {
        return value -> value == null || value == Undefined.UNDEFINED ? null : inner.convert(value);
    }

    private static Conversion instanceOf(Class<?> type) {
        boolean keepsUndefined = type.isInstance(Undefined.UNDEFINED);
        String expectation = expectationFor(type);
        return value -> {
            if (value == null || (value == Undefined.UNDEFINED && !keepsUndefined)) {
                return null;
            }
            if (type.isInstance(value)) {
                return value;
            }
            throw ArgumentMismatch.expected(expectation, value);
        };
    }

    private static String expectationFor(Class<?> type) {
        if (type == Remotable.class) {
            return "a remotable";
        }
        if (type == PassablePromise.class) {
            return "a promise";
        }
        if (type == Tagged.class) {
            return "a tagged value";
        }
        if (type == PassableError.class) {
            return "an error";
        }
        if (type == PassableSymbol.class) {
            return "a symbol";
        }
        return ValueText.withArticle(type.getSimpleName());
    }

    /** Stands for a conversion still being built; see {@link #conversion}. */
    private static final class Deferred implements Conversion {
        private Conversion target;

        @Override
        public Object convert(Object value) throws ArgumentMismatch {
            return target.convert(value);
        }
    }
}
