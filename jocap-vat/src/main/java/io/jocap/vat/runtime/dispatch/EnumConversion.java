package io.jocap.vat.runtime.dispatch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The conversion from a constant's name (exactly, case included) to an enum constant. */
final class EnumConversion {
    private EnumConversion() {}

    /** The conversion to enum class {@code type}. */
    static Conversion of(Class<?> type) {
        Map<String, Object> byName = new LinkedHashMap<>();
        for (Object constant : type.getEnumConstants()) {
            byName.put(((Enum<?>) constant).name(), constant);
        }
        String expectation = expectation(type, new ArrayList<>(byName.keySet()));
        return value -> {
            if (type.isInstance(value)) {
                return value;
            }
            Object constant = value instanceof String name ? byName.get(name) : null;
            if (constant == null) {
                throw ArgumentMismatch.expected(expectation, value);
            }
            return constant;
        };
    }

    /** {@code one of "RED", "GREEN", "BLUE"}, the list cut short for big enums. */
    private static String expectation(Class<?> type, List<String> names) {
        if (names.isEmpty()) {
            return "a " + type.getSimpleName() + " (which has no constants)";
        }
        int shown = Math.min(names.size(), 10);
        StringBuilder sb = new StringBuilder("one of ");
        for (int i = 0; i < shown; i++) {
            sb.append(i == 0 ? "" : ", ").append(ValueText.quoted(names.get(i)));
        }
        if (shown < names.size()) {
            sb.append(", … (").append(names.size()).append(" constants of ").append(type.getSimpleName()).append(')');
        }
        return sb.toString();
    }
}
