package io.jocap.vat;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A vat's durable map: what it keeps here survives restarts of the vat and of the kernel. Keys
 * are strings; values are passables: data, {@link Presence}s (references to other vats' objects),
 * durable objects made by a {@link DurableKind}, and data containing those. An ephemeral
 * {@link Far} object or a promise cannot be stored (it would not exist after a restart): storing
 * one throws {@link VatException} saying which.
 *
 * <p>Writes are part of the vat's current delivery: if the delivery's crank rolls back, so do
 * they. Values are copied in and out (a {@code List} read back is a new, unmodifiable list).
 * Use only on the vat's event loop.
 */
public interface Baggage {
    /** Whether {@code key} is present. */
    boolean has(String key);

    /**
     * Stores {@code value} under a new key and returns it.
     *
     * @throws VatException if {@code key} is present already, or the value cannot be stored
     */
    <T> T init(String key, T value);

    /**
     * The value under {@code key}.
     *
     * @throws VatException if {@code key} is absent
     */
    Object get(String key);

    /**
     * Replaces the value under an existing key.
     *
     * @throws VatException if {@code key} is absent, or the value cannot be stored
     */
    void set(String key, Object value);

    /** Removes {@code key}; returns whether it was present. */
    boolean delete(String key);

    /** The keys, in sorted order. */
    List<String> keys();

    /**
     * Defines (or, after a restart, redefines) the durable kind {@code name}: objects whose
     * state is the record of {@code fields} (passable values kept in the vat's durable store) and
     * whose behaviour is the {@link Far} object {@code behaviour} builds around that state. A
     * restarted vat must redefine every kind it ever defined, with the same fields, before its
     * build step returns.
     *
     * @throws VatException if the name is defined twice in one incarnation, or redefined with
     *     other fields
     */
    <T extends Far> DurableKind<T> defineKind(String name, List<String> fields, Function<DurableState, T> behaviour);

    /** A durable kind, for making its objects. */
    interface DurableKind<T extends Far> {
        /** The kind's name. */
        String name();

        /**
         * A new durable object with {@code initialState} (exactly the kind's fields, passable
         * values that could be stored in baggage).
         */
        T make(Map<String, Object> initialState);
    }

    /** The durable state of one durable object: reads and writes go to the vat's durable store. */
    interface DurableState {
        /** The value of {@code field}. */
        Object get(String field);

        /** Sets {@code field} (a passable that could be stored in baggage). */
        void set(String field, Object value);

        /** The value of a numeric field as a long. */
        default long getLong(String field) {
            Object value = get(field);
            if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
                return n.longValue();
            }
            if (value instanceof java.math.BigInteger b) {
                return b.longValueExact();
            }
            throw new VatException("durable field " + field + " is not a whole number: " + value);
        }

        /** The value of a string field. */
        default String getString(String field) {
            Object value = get(field);
            if (value instanceof String s) {
                return s;
            }
            throw new VatException("durable field " + field + " is not a string: " + value);
        }
    }
}
