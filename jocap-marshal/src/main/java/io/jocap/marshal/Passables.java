package io.jocap.marshal;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Conveniences for building passable values: immutable lists and records that, unlike {@code
 * List.of} and {@code Map.of}, allow null elements and values and keep insertion order.
 */
public final class Passables {
    private Passables() {}

    /** An unmodifiable list of the given items; nulls allowed. */
    public static List<Object> list(Object... items) {
        return FrozenList.of(items.clone());
    }

    /**
     * An unmodifiable, insertion-ordered record from alternating keys and values, such as {@code
     * record("memo", "rent", "amount", null)}; null values allowed.
     *
     * @throws MarshalException if the arguments are odd in number, a key is not a string, or a key repeats
     */
    public static Map<String, Object> record(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new MarshalException("record(...) takes alternating keys and values, but got "
                    + keysAndValues.length + " arguments");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (!(keysAndValues[i] instanceof String key)) {
                throw new MarshalException("record key " + (i / 2) + " must be a string, got " + keysAndValues[i]);
            }
            if (!seen.add(key)) {
                throw new MarshalException("record key " + JsonText.quote(key) + " given twice");
            }
        }
        return FrozenMap.fromPairs(keysAndValues.clone(), 0, keysAndValues.length / 2);
    }
}
