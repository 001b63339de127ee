package io.jocap.marshal;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * The pass styles of {@code @endo/pass-style}, with the Java representation of each.
 *
 * <table class="striped">
 *   <caption>Java representations</caption>
 *   <tr><th>style</th><th>Java value</th></tr>
 *   <tr><td>{@link #NULL}</td><td>{@code null}</td></tr>
 *   <tr><td>{@link #UNDEFINED}</td><td>{@link Undefined#UNDEFINED}</td></tr>
 *   <tr><td>{@link #BOOLEAN}</td><td>{@link Boolean}</td></tr>
 *   <tr><td>{@link #NUMBER}</td><td>{@link Double}; decoding always yields a {@code Double}.
 *       Encoding also accepts {@link Float} (widened to double), {@link Integer}, {@link Short},
 *       {@link Byte}, and {@link Long} within ±2<sup>53</sup></td></tr>
 *   <tr><td>{@link #BIGINT}</td><td>{@link BigInteger}</td></tr>
 *   <tr><td>{@link #STRING}</td><td>{@link String} (any UTF-16, lone surrogates included)</td></tr>
 *   <tr><td>{@link #SYMBOL}</td><td>{@link PassableSymbol}</td></tr>
 *   <tr><td>{@link #COPY_ARRAY}</td><td>{@link List}</td></tr>
 *   <tr><td>{@link #COPY_RECORD}</td><td>{@link Map} with {@code String} keys</td></tr>
 *   <tr><td>{@link #TAGGED}</td><td>{@link Tagged}</td></tr>
 *   <tr><td>{@link #ERROR}</td><td>{@link PassableError}</td></tr>
 *   <tr><td>{@link #REMOTABLE}</td><td>{@link Remotable}, such as {@link RemotableRef}</td></tr>
 *   <tr><td>{@link #PROMISE}</td><td>{@link PassablePromise}, such as {@link PromiseRef}</td></tr>
 * </table>
 */
public enum PassStyle {
    /** {@code null}. */
    NULL,
    /** {@code undefined}: {@link Undefined#UNDEFINED}. */
    UNDEFINED,
    /** A boolean. */
    BOOLEAN,
    /** A JavaScript number (an IEEE-754 double). */
    NUMBER,
    /** A JavaScript bigint: {@link BigInteger}. */
    BIGINT,
    /** A string of UTF-16 code units. */
    STRING,
    /** A registered or well-known symbol: {@link PassableSymbol}. */
    SYMBOL,
    /** A list of passables. */
    COPY_ARRAY,
    /** A record of string-named passables. */
    COPY_RECORD,
    /** A tagged value: {@link Tagged}. */
    TAGGED,
    /** An error: {@link PassableError}. */
    ERROR,
    /** A reference to an object: {@link Remotable}. */
    REMOTABLE,
    /** A reference to a promise: {@link PassablePromise}. */
    PROMISE;

    /** Largest magnitude of a {@code Long} that passes as a number: 2<sup>53</sup>. */
    static final long MAX_EXACT_LONG = 1L << 53;

    /**
     * The pass style of {@code value} itself. Checks what belongs to the value alone (the range of
     * a {@code Long}, the iface of a remotable, that an object is not both a list and a remotable),
     * but not the contents of lists, maps, tagged payloads or errors: the encoder checks those.
     *
     * @throws MarshalException naming the Java class if {@code value} is not passable
     */
    public static PassStyle of(Object value) {
        return switch (value) {
            case null -> NULL;
            case String s -> STRING;
            case Double d -> NUMBER;
            case Boolean b -> BOOLEAN;
            case BigInteger b -> BIGINT;
            case Integer i -> NUMBER;
            case Long l -> {
                checkLongRange(l);
                yield NUMBER;
            }
            case Undefined u -> UNDEFINED;
            case PassableSymbol s -> SYMBOL;
            case Tagged t -> TAGGED;
            case PassableError e -> ERROR;
            case Float f -> NUMBER;
            case Short s -> NUMBER;
            case Byte b -> NUMBER;
            default -> ofObject(value);
        };
    }

    /** {@link #of} for a value that is none of the value classes (String, Double, Tagged, …). */
    static PassStyle ofObject(Object value) {
        boolean remotable = value instanceof Remotable;
        boolean promise = value instanceof PassablePromise;
        boolean list = value instanceof List;
        boolean map = value instanceof Map;
        int kinds = (remotable ? 1 : 0) + (promise ? 1 : 0) + (list ? 1 : 0) + (map ? 1 : 0);
        if (kinds > 1) {
            throw new MarshalException(value.getClass().getName()
                    + " is not passable: it is more than one of Remotable, PassablePromise, List and Map");
        }
        if (remotable) {
            String iface = ((Remotable) value).iface();
            if (!Remotable.isValidIface(iface)) {
                throw new MarshalException("remotable " + value.getClass().getName() + " has iface "
                        + JsonText.quote(iface)
                        + "; an iface is \"Remotable\" or starts with \"Alleged: \" or \"DebugName: \"");
            }
            return REMOTABLE;
        }
        if (promise) {
            return PROMISE;
        }
        if (list) {
            return COPY_ARRAY;
        }
        if (map) {
            return COPY_RECORD;
        }
        throw new MarshalException(notPassable(value));
    }

    static void checkLongRange(long l) {
        if (l > MAX_EXACT_LONG || l < -MAX_EXACT_LONG) {
            throw new MarshalException("the Long " + l + " is outside ±2^53, so it has no exact JavaScript number;"
                    + " use a BigInteger for a bigint, or a Double for a rounded number");
        }
    }

    /** The message for a value that is not passable at all, with a hint where one helps. */
    static String notPassable(Object value) {
        String name = value.getClass().getName();
        String hint;
        if (value instanceof java.util.Set<?>) {
            hint = "; use Tagged.copySet(...) for a set, or a List";
        } else if (value instanceof java.util.Collection<?> || value.getClass().isArray()) {
            hint = "; use a List";
        } else if (value instanceof Character) {
            hint = "; use a String";
        } else if (value instanceof Number) {
            hint = "; use Double (or Integer, Long) for a number, BigInteger for a bigint";
        } else if (value instanceof Throwable) {
            hint = "; use PassableError";
        } else {
            hint = "";
        }
        return name + " is not passable" + hint;
    }

    /** A short description of a value's kind, for messages. */
    static String describe(Object value) {
        return switch (value) {
            case null -> "null";
            case String s -> "a string";
            case Double d -> "a number";
            case Boolean b -> "a boolean";
            case BigInteger b -> "a bigint";
            case Undefined u -> "undefined";
            case PassableSymbol s -> "a symbol";
            case Tagged t -> "a tagged value";
            case PassableError e -> "an error";
            case Remotable r -> "a remotable";
            case PassablePromise p -> "a promise";
            case List<?> l -> "an array";
            case Map<?, ?> m -> "a record";
            default -> "a " + value.getClass().getName();
        };
    }
}
