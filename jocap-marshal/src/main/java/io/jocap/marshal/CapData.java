package io.jocap.marshal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A marshalled value: a body (smallcaps bodies start with {@code #}) and the slot values its
 * {@code $}/{@code &} references index into.
 *
 * @param body the body; never null
 * @param slots the slot values; never null and without nulls, copied into an unmodifiable list
 */
public record CapData(String body, List<String> slots) {
    /**
     * Checks and copies the parts.
     *
     * @throws MarshalException if {@code body} or {@code slots} is null, or a slot is not a string
     */
    public CapData {
        if (body == null) {
            throw new MarshalException("body must be a string, got null");
        }
        slots = slots instanceof SlotList trusted ? trusted : checkedSlots(slots);
    }

    /** An immutable list of slot strings built by the encoder, which needs no checking or copying. */
    static final class SlotList extends java.util.AbstractList<String> implements java.util.RandomAccess {
        private final String[] slots;

        SlotList(String[] slots) {
            this.slots = slots;
        }

        @Override
        public String get(int index) {
            return slots[index];
        }

        @Override
        public int size() {
            return slots.length;
        }
    }

    static List<String> checkedSlots(List<?> slots) {
        if (slots == null) {
            throw new MarshalException("slots must be an array of strings, got null");
        }
        if (slots.isEmpty()) {
            return List.of();
        }
        Object[] copy = slots.toArray();
        for (int i = 0; i < copy.length; i++) {
            if (!(copy[i] instanceof String)) {
                throw new MarshalException("slots must be an array of strings, but slots[" + i + "] is "
                        + (copy[i] == null ? "null" : "a " + copy[i].getClass().getName()));
            }
        }
        @SuppressWarnings("unchecked")
        List<String> result = (List<String>) (List<?>) List.of(copy);
        return result;
    }

    /** {@code JSON.stringify({body, slots})}: {@code {"body":…,"slots":[…]}} with no white space. */
    public String toJson() {
        StringBuilder sb = new StringBuilder(body.length() + 20 + slots.size() * 8);
        sb.append("{\"body\":");
        JsonText.appendQuoted(sb, body);
        sb.append(",\"slots\":[");
        for (int i = 0; i < slots.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            JsonText.appendQuoted(sb, slots.get(i));
        }
        return sb.append("]}").toString();
    }

    /**
     * Parses {@code {"body":…,"slots":[…]}} (JSON, any white space and field order).
     *
     * @throws MarshalException if the text is not JSON, is not an object with exactly the fields
     *     {@code body} (a string) and {@code slots} (an array of strings), or nests too deeply
     */
    public static CapData fromJson(String json) {
        if (json == null) {
            throw new MarshalException("CapData text is null");
        }
        Object tree = JsonReader.parse(json, 0, DecodeLimits.DEFAULT.maxDepth(), "CapData text");
        if (!(tree instanceof Map<?, ?> fields)) {
            throw new MarshalException("CapData must be a JSON object {\"body\":…,\"slots\":[…]}, got " + Json.typeName(tree));
        }
        for (Object key : fields.keySet()) {
            if (!key.equals("body") && !key.equals("slots")) {
                throw new MarshalException("unknown CapData field " + JsonText.quote((String) key)
                        + "; expected only \"body\" and \"slots\"");
            }
        }
        if (!fields.containsKey("body")) {
            throw new MarshalException("CapData is missing its \"body\" field");
        }
        if (!fields.containsKey("slots")) {
            throw new MarshalException("CapData is missing its \"slots\" field");
        }
        if (!(fields.get("body") instanceof String body)) {
            throw new MarshalException("body must be a string, got " + Json.typeName(fields.get("body")));
        }
        if (!(fields.get("slots") instanceof List<?> slotList)) {
            throw new MarshalException("slots must be an array of strings, got " + Json.typeName(fields.get("slots")));
        }
        List<String> slots = new ArrayList<>(slotList.size());
        for (int i = 0; i < slotList.size(); i++) {
            if (!(slotList.get(i) instanceof String slot)) {
                throw new MarshalException("slots must be an array of strings, but slots[" + i + "] is "
                        + Json.typeName(slotList.get(i)));
            }
            slots.add(slot);
        }
        return new CapData(body, slots);
    }

}
