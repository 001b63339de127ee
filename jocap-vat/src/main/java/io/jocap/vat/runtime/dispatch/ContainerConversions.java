package io.jocap.vat.runtime.dispatch;

import io.jocap.marshal.Passables;
import java.lang.reflect.Array;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Conversions of passable lists and records to lists, maps and arrays whose elements or values
 * are converted in turn. A failing element adds its place ({@code [2]}, {@code .memo}) to the
 * mismatch's path. Converted lists and maps are unmodifiable, like decoded ones.
 */
final class ContainerConversions {
    private ContainerConversions() {}

    /** A list, each element converted by {@code element} (a list as it is, for {@link Conversion#IDENTITY}). */
    static Conversion listOf(Conversion element) {
        return value -> {
            if (!(value instanceof List<?> list)) {
                throw ArgumentMismatch.expected("a list", value);
            }
            if (element == Conversion.IDENTITY) {
                return list; // decoded lists are unmodifiable already
            }
            Object[] converted = new Object[list.size()];
            int i = 0;
            for (Object item : list) {
                try {
                    converted[i] = element.convert(item);
                } catch (ArgumentMismatch m) {
                    throw m.within("[" + i + "]");
                }
                i++;
            }
            return Passables.list(converted);
        };
    }

    /** A record, each value converted by {@code valueConversion} (as it is, for {@link Conversion#IDENTITY}). */
    static Conversion mapOf(Conversion valueConversion) {
        return value -> {
            if (!(value instanceof Map<?, ?> map) || !hasStringKeys(map)) {
                throw ArgumentMismatch.expected("a record", value);
            }
            if (valueConversion == Conversion.IDENTITY) {
                return map; // decoded records are unmodifiable already
            }
            Map<String, Object> converted = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String key = (String) entry.getKey();
                try {
                    converted.put(key, valueConversion.convert(entry.getValue()));
                } catch (ArgumentMismatch m) {
                    throw m.within(ValueText.fieldStep(key));
                }
            }
            return Collections.unmodifiableMap(converted);
        };
    }

    private static boolean hasStringKeys(Map<?, ?> map) {
        for (Object key : map.keySet()) {
            if (!(key instanceof String)) {
                return false; // only a local caller's own map can have such keys
            }
        }
        return true;
    }

    /** A list, as an array of {@code componentType} whose elements {@code element} converts. */
    static Conversion arrayOf(Class<?> componentType, Conversion element) {
        Class<?> arrayType = componentType.arrayType();
        return value -> {
            if (arrayType.isInstance(value)) {
                return value; // a local caller's own array
            }
            if (!(value instanceof List<?> list)) {
                throw ArgumentMismatch.expected("a list", value);
            }
            Object array = Array.newInstance(componentType, list.size());
            int i = 0;
            for (Object item : list) {
                try {
                    Array.set(array, i, element.convert(item)); // unboxes for primitive arrays
                } catch (ArgumentMismatch m) {
                    throw m.within("[" + i + "]");
                }
                i++;
            }
            return array;
        };
    }
}
