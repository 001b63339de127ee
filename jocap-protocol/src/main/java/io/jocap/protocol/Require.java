package io.jocap.protocol;

import io.jocap.marshal.CapData;
import java.util.List;

/**
 * The shape checks the protocol records run in their constructors. Every failure is a {@link
 * ProtocolException} whose message starts with the record ({@code context}) and names the field,
 * e.g. {@code send: target "o+x" is not a vat reference: …}.
 */
final class Require {
    /** Which side allocated the objects a GC list may name. */
    enum Allocator {
        /** {@code o+…}: the vat's own objects. */
        VAT,
        /** {@code o-N}: objects the kernel gave the vat. */
        KERNEL
    }

    private Require() {}

    static <T> T present(String context, String field, T value) {
        if (value == null) {
            throw new ProtocolException(context + ": " + field + " is null");
        }
        return value;
    }

    static String vref(String context, String field, String value) {
        String problem = Vref.problem(present(context, field, value));
        if (problem != null) {
            throw notAVref(context, field, value, problem);
        }
        return value;
    }

    static String promise(String context, String field, String value) {
        vref(context, field, value);
        if (value.charAt(0) != 'p') {
            throw new ProtocolException(context + ": " + field + " " + Vref.quote(value)
                    + " is not a promise reference (p+N or p-N)");
        }
        return value;
    }

    /** Vatstore keys: any non-empty string. */
    static String key(String context, String field, String value) {
        if (present(context, field, value).isEmpty()) {
            throw new ProtocolException(context + ": " + field + " is empty");
        }
        return value;
    }

    /** Non-null CapData whose slots are all vrefs (slots are what the kernel translates). */
    static CapData capData(String context, String field, CapData data) {
        List<String> slots = present(context, field, data).slots();
        for (int i = 0; i < slots.size(); i++) {
            String slot = slots.get(i);
            if (!Vref.isValid(slot)) {
                throw notAVref(context, field + ".slots[" + i + "]", slot, Vref.problem(slot));
            }
        }
        return data;
    }

    /**
     * A non-empty immutable copy of {@code items}, none null. An empty batch is refused because no
     * correct sender makes one, so it can only hide a bug on the other side.
     */
    static <T> List<T> nonEmpty(String context, String field, List<T> items, Class<T> type) {
        Object[] copy = present(context, field, items).toArray(); // one snapshot: check what we keep
        if (copy.length == 0) {
            throw new ProtocolException(context + ": " + field + " is empty");
        }
        for (int i = 0; i < copy.length; i++) {
            if (copy[i] == null) {
                throw new ProtocolException(context + ": " + field + "[" + i + "] is null");
            }
            if (!type.isInstance(copy[i])) { // only a caller with raw types gets here
                throw new ProtocolException(context + ": " + field + "[" + i + "] is not a " + type.getSimpleName());
            }
        }
        @SuppressWarnings("unchecked")
        List<T> result = (List<T>) List.of(copy);
        return result;
    }

    /**
     * A non-empty immutable copy of {@code vrefs}, each an object vref allocated by {@code allocator}:
     * garbage collection concerns objects only, and each GC list names one side's objects.
     */
    static List<String> objects(String context, String field, List<String> vrefs, Allocator allocator) {
        List<String> copy = nonEmpty(context, field, vrefs, String.class);
        for (int i = 0; i < copy.size(); i++) {
            String vref = copy.get(i);
            if (!Vref.isValid(vref)) {
                throw notAVref(context, field + "[" + i + "]", vref, Vref.problem(vref));
            }
            boolean ok = vref.charAt(0) == 'o' && (vref.charAt(1) == '+') == (allocator == Allocator.VAT);
            if (!ok) {
                throw new ProtocolException(context + ": " + field + "[" + i + "] " + Vref.quote(vref) + " is not "
                        + (allocator == Allocator.VAT ? "an exported object reference (o+…)"
                                : "an imported object reference (o-N)"));
            }
        }
        return copy;
    }

    private static ProtocolException notAVref(String context, String field, String value, String problem) {
        return new ProtocolException(context + ": " + field + " " + Vref.quote(value) + " is not a vat reference: "
                + problem);
    }
}
