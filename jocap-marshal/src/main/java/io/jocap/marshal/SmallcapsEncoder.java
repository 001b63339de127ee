package io.jocap.marshal;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One smallcaps encoding: a value to {@code #}-prefixed JSON in a single {@link StringBuilder}.
 *
 * <p>Implementation overview: a depth-first, pre-order walk that writes as it goes, so slot
 * indices and errorIds are handed out in the order {@code @endo/marshal} visits values. The one
 * place where writing order and visiting order differ is a record with array-index keys
 * ({@code "0"}..{@code "4294967294"}): JavaScript visits keys in plain UTF-16 order but
 * {@code JSON.stringify} prints array-index keys first in numeric order. Such records are written
 * in visiting order, then their entries are cut out and put back in printing order. Each instance
 * is used for one value and then dropped; the path arrays exist only to name the failing place in
 * error messages.
 */
final class SmallcapsEncoder {
    /** Path segment for a tagged value's payload. */
    private static final Object PAYLOAD = new Object();
    /** Up to this many slots, known objects are found by scanning rather than hashing. */
    private static final int LINEAR_SLOT_SEARCH_LIMIT = 16;
    /** Record sizes up to this are sorted in place by insertion sort. */
    private static final int INSERTION_SORT_LIMIT = 32;

    private final StringBuilder out = new StringBuilder(64);
    private final SlotConverter converter;
    private final int maxDepth;
    private final String errorIdPrefix; // "error:<marshalName>#", or null when tagging is off
    private final AtomicLong errorCounter;
    private ArrayList<String> slots;
    /** The objects given slots so far, by slot index; searched linearly while there are few. */
    private Object[] slotObjects;
    private IdentityHashMap<Object, Integer> slotIndices; // built once there are many slots
    /** Per depth: the record key (String), {@link #PAYLOAD}, or null for an array index. Grown on demand. */
    private Object[] pathKeys = new Object[8];
    private int[] pathIndices = new int[8];
    /** How many path segments were last set; used for unexpected failures only. */
    private int pathLength;

    SmallcapsEncoder(SlotConverter converter, int maxDepth, String errorIdPrefix, AtomicLong errorCounter) {
        this.converter = converter;
        this.maxDepth = maxDepth;
        this.errorIdPrefix = errorIdPrefix;
        this.errorCounter = errorCounter;
    }

    CapData encode(Object root) {
        out.append('#');
        try {
            if (root instanceof PassableError error) {
                error(error, 0, true); // JS encodes any error-like root, passable or not
            } else {
                value(root, 0);
            }
        } catch (MarshalException e) {
            throw e;
        } catch (StackOverflowError e) {
            throw new MarshalException("value is nested too deeply to encode (near " + path(pathLength) + ")");
        } catch (RuntimeException e) {
            throw new MarshalException("could not encode the value at " + path(pathLength) + ": " + e, e);
        }
        return new CapData(out.toString(), slots == null ? List.of() : new CapData.SlotList(slots.toArray(new String[0])));
    }

    private void value(Object value, int depth) {
        switch (value) {
            case null -> out.append("null");
            case String s -> string(s);
            case Double d -> number(d);
            case Boolean b -> out.append(b.booleanValue());
            case BigInteger b -> bigint(b);
            case Integer i -> out.append(i.intValue());
            case Long l -> {
                if (l > PassStyle.MAX_EXACT_LONG || l < -PassStyle.MAX_EXACT_LONG) {
                    PassStyle.checkLongRange(l); // throws the standard message
                }
                out.append(l.longValue());
            }
            case Undefined u -> out.append("\"#undefined\"");
            case PassableSymbol s -> {
                out.append("\"%");
                JsonText.appendEscaped(out, s.name()); // symbol names are not !-escaped
                out.append('"');
            }
            case Tagged t -> tagged(t, depth);
            case PassableError e -> error(e, depth, false);
            case Float f -> number(f.doubleValue());
            case Short s -> out.append(s.intValue());
            case Byte b -> out.append(b.intValue());
            default -> object(value, depth);
        }
    }

    private void object(Object value, int depth) {
        PassStyle style;
        try {
            style = PassStyle.ofObject(value); // value() has ruled out every other style
        } catch (MarshalException e) {
            throw fail(e.getMessage(), depth);
        }
        switch (style) {
            case REMOTABLE -> reference(value, false, depth);
            case PROMISE -> reference(value, true, depth);
            case COPY_ARRAY -> array((List<?>) value, depth);
            case COPY_RECORD -> record((Map<?, ?>) value, depth);
            default -> throw new IllegalStateException("unexpected pass style " + style); // handled in value()
        }
    }

    private void string(String s) {
        out.append('"');
        if (!s.isEmpty()) {
            char c = s.charAt(0);
            if (c >= '!' && c <= '-') {
                out.append('!'); // the Hilbert-hotel escape for strings that look special
            }
        }
        JsonText.appendEscaped(out, s);
        out.append('"');
    }

    private void number(double d) {
        if (Double.isNaN(d)) {
            out.append("\"#NaN\"");
        } else if (Double.isInfinite(d)) {
            out.append(d > 0 ? "\"#Infinity\"" : "\"#-Infinity\"");
        } else {
            JsNumberFormat.append(out, d);
        }
    }

    private void bigint(BigInteger b) {
        out.append('"');
        if (b.signum() >= 0) {
            out.append('+');
        }
        out.append(b.toString()).append('"');
    }

    private int enter(int depth) {
        if (depth >= maxDepth) {
            throw fail("value is cyclic or nested more than " + maxDepth + " levels deep", depth);
        }
        return depth + 1;
    }

    private void segment(int depth, Object key, int index) {
        if (depth == pathKeys.length) {
            pathKeys = Arrays.copyOf(pathKeys, depth * 2);
            pathIndices = Arrays.copyOf(pathIndices, depth * 2);
        }
        pathKeys[depth] = key;
        pathIndices[depth] = index;
        pathLength = depth + 1;
    }

    private void array(List<?> list, int depth) {
        int n = list.size();
        if (n == 0) {
            out.append("[]");
            return;
        }
        int inner = enter(depth);
        out.append('[');
        if (list instanceof RandomAccess) {
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    out.append(',');
                }
                segment(depth, null, i);
                value(list.get(i), inner);
            }
        } else {
            int i = 0;
            for (Iterator<?> it = list.iterator(); it.hasNext(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                segment(depth, null, i);
                value(it.next(), inner);
            }
        }
        out.append(']');
    }

    private void record(Map<?, ?> map, int depth) {
        int n = map.size();
        if (n == 0) {
            out.append("{}");
            return;
        }
        int inner = enter(depth);
        String[] keys = new String[n];
        Object[] values = new Object[n];
        collectEntries(map, keys, values, depth);
        sortByKey(keys, values);
        int[] printOrder = printOrder(keys);
        out.append('{');
        if (printOrder == null) {
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    out.append(',');
                }
                entry(keys[i], values[i], depth, inner);
            }
        } else {
            // Visit (and so number slots and errorIds) in sorted order, then print hoisted.
            int base = out.length();
            int[] starts = new int[n + 1];
            for (int i = 0; i < n; i++) {
                starts[i] = out.length() - base;
                entry(keys[i], values[i], depth, inner);
            }
            starts[n] = out.length() - base;
            String written = out.substring(base);
            out.setLength(base);
            for (int j = 0; j < n; j++) {
                if (j > 0) {
                    out.append(',');
                }
                int i = printOrder[j];
                out.append(written, starts[i], starts[i + 1]);
            }
        }
        out.append('}');
    }

    private void entry(String key, Object value, int depth, int inner) {
        string(key);
        out.append(':');
        segment(depth, key, 0);
        value(value, inner);
    }

    private void collectEntries(Map<?, ?> map, String[] keys, Object[] values, int depth) {
        if (map instanceof FrozenMap frozen) {
            for (int i = 0; i < keys.length; i++) {
                keys[i] = frozen.keyAt(i);
                values[i] = frozen.valueAt(i);
            }
            return;
        }
        int i = 0;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (i == keys.length) {
                throw fail("record changed size while being encoded", depth);
            }
            if (!(e.getKey() instanceof String key)) {
                throw fail("record keys must be strings, but this map has the key " + describeKey(e.getKey()), depth);
            }
            keys[i] = key;
            values[i++] = e.getValue();
        }
        if (i != keys.length) {
            throw fail("record changed size while being encoded", depth);
        }
    }

    private static String describeKey(Object key) {
        return key == null ? "null" : key + " (a " + key.getClass().getName() + ")";
    }

    /** Sorts the entries by key in UTF-16 code unit order, as JavaScript's default sort does. */
    private static void sortByKey(String[] keys, Object[] values) {
        int n = keys.length;
        if (n <= INSERTION_SORT_LIMIT) {
            for (int i = 1; i < n; i++) {
                String k = keys[i];
                if (k.compareTo(keys[i - 1]) >= 0) {
                    continue;
                }
                Object v = values[i];
                int j = i - 1;
                while (j >= 0 && keys[j].compareTo(k) > 0) {
                    keys[j + 1] = keys[j];
                    values[j + 1] = values[j];
                    j--;
                }
                keys[j + 1] = k;
                values[j + 1] = v;
            }
            return;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        String[] keysCopy = keys.clone();
        Object[] valuesCopy = values.clone();
        Arrays.sort(order, Comparator.comparing(i -> keysCopy[i]));
        for (int i = 0; i < n; i++) {
            keys[i] = keysCopy[order[i]];
            values[i] = valuesCopy[order[i]];
        }
    }

    /**
     * The order in which {@code JSON.stringify} prints the sorted keys (array indices first, in
     * numeric order), or null if that is the sorted order itself.
     */
    private static int[] printOrder(String[] sortedKeys) {
        int n = sortedKeys.length;
        int indexKeys = 0;
        for (String k : sortedKeys) {
            if (isArrayIndex(k)) {
                indexKeys++;
            }
        }
        if (indexKeys == 0) {
            return null;
        }
        int[] order = new int[n];
        int next = 0;
        // Among canonical array indices, numeric order is (length, then text) order; the keys are
        // already in text order, so taking them by increasing length gives numeric order.
        for (int length = 1; length <= 10 && next < indexKeys; length++) {
            for (int i = 0; i < n; i++) {
                if (sortedKeys[i].length() == length && isArrayIndex(sortedKeys[i])) {
                    order[next++] = i;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            if (!isArrayIndex(sortedKeys[i])) {
                order[next++] = i;
            }
        }
        for (int i = 0; i < n; i++) {
            if (order[i] != i) {
                return order;
            }
        }
        return null;
    }

    /** A canonical array index: {@code "0"} or {@code [1-9][0-9]*} with a value of at most 2^32 − 2. */
    static boolean isArrayIndex(String k) {
        int n = k.length();
        if (n == 0 || n > 10) {
            return false;
        }
        char first = k.charAt(0);
        if (first < '0' || first > '9') {
            return false;
        }
        if (first == '0') {
            return n == 1;
        }
        long v = 0;
        for (int i = 0; i < n; i++) {
            char c = k.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            v = v * 10 + (c - '0');
        }
        return v <= 4294967294L;
    }

    private void tagged(Tagged t, int depth) {
        int inner = enter(depth);
        out.append("{\"#tag\":");
        string(t.tag());
        out.append(",\"payload\":");
        segment(depth, PAYLOAD, 0);
        value(t.payload(), inner);
        out.append('}');
    }

    private void error(PassableError e, int depth, boolean root) {
        enter(depth);
        if (!root) {
            checkNestedError(e, depth);
        }
        out.append("{\"#error\":");
        string(e.message());
        if (errorIdPrefix != null) {
            out.append(",\"errorId\":");
            string(errorIdPrefix + errorCounter.incrementAndGet());
        }
        out.append(",\"name\":");
        string(e.name());
        out.append('}');
    }

    /**
     * A nested error must be passable: a standard name, and the same for every error in its cause
     * and errors (JavaScript checks those although it does not write them). Iterative, since cause
     * chains may be long.
     */
    private void checkNestedError(PassableError top, int depth) {
        record Pending(PassableError error, String where) {}
        ArrayDeque<Pending> pending = new ArrayDeque<>();
        pending.push(new Pending(top, ""));
        while (!pending.isEmpty()) {
            Pending p = pending.pop();
            PassableError e = p.error();
            if (!e.hasStandardName()) {
                String which = p.where().isEmpty() ? "an error" : "the error at " + p.where() + " of an error";
                throw fail(which + " is named " + JsonText.quote(e.name())
                        + ", which is not a standard error name; only the root value may be an error with another name",
                        depth);
            }
            if (e.cause() != null) {
                pending.push(new Pending(e.cause(), p.where() + ".cause"));
            }
            if (e.errors() != null) {
                for (int i = e.errors().size() - 1; i >= 0; i--) {
                    pending.push(new Pending(e.errors().get(i), p.where() + ".errors[" + i + "]"));
                }
            }
        }
    }

    private void reference(Object ref, boolean promise, int depth) {
        int known = knownSlot(ref);
        if (known >= 0) {
            out.append(promise ? "\"&" : "\"$").append(known).append('"');
            return;
        }
        String iface = null;
        if (!promise) {
            iface = ((Remotable) ref).iface();
            if (!Remotable.isValidIface(iface)) { // checked by PassStyle.of too, but read once for writing
                throw fail("remotable has iface " + JsonText.quote(iface)
                        + "; an iface is \"Remotable\" or starts with \"Alleged: \" or \"DebugName: \"", depth);
            }
        }
        String slot;
        try {
            slot = converter.toSlot(ref);
        } catch (MarshalException e) {
            throw fail(e.getMessage(), depth);
        } catch (RuntimeException e) {
            throw new MarshalException("slot converter failed at " + path(depth) + ": " + e, e);
        }
        if (slot == null) {
            throw fail("slot converter returned null for " + ref.getClass().getName(), depth);
        }
        int index = addSlot(ref, slot);
        if (promise) {
            out.append("\"&").append(index).append('"');
        } else {
            out.append("\"$").append(index).append('.');
            JsonText.appendEscaped(out, iface); // an iface is never !-escaped
            out.append('"');
        }
    }

    /** The slot index already given to this very object, or -1. */
    private int knownSlot(Object ref) {
        if (slotIndices != null) {
            Integer index = slotIndices.get(ref);
            return index == null ? -1 : index;
        }
        if (slots != null) {
            for (int i = 0; i < slots.size(); i++) {
                if (slotObjects[i] == ref) {
                    return i;
                }
            }
        }
        return -1;
    }

    private int addSlot(Object ref, String slot) {
        if (slots == null) {
            slots = new ArrayList<>(4);
            slotObjects = new Object[4];
        }
        int index = slots.size();
        slots.add(slot);
        if (slotIndices != null) {
            slotIndices.put(ref, index);
        } else if (index < LINEAR_SLOT_SEARCH_LIMIT) {
            if (index == slotObjects.length) {
                slotObjects = Arrays.copyOf(slotObjects, index * 2);
            }
            slotObjects[index] = ref;
        } else {
            slotIndices = new IdentityHashMap<>(2 * index);
            for (int i = 0; i < index; i++) {
                slotIndices.put(slotObjects[i], i);
            }
            slotIndices.put(ref, index);
            slotObjects = null;
        }
        return index;
    }

    private MarshalException fail(String message, int depth) {
        return new MarshalException(message + " at " + path(depth));
    }

    /** The path to the value at {@code depth}, such as {@code [2].memo}, or "the root". */
    private String path(int depth) {
        if (depth == 0) {
            return "the root";
        }
        StringBuilder sb = new StringBuilder();
        for (int d = 0; d < depth; d++) {
            Object key = pathKeys[d];
            if (key == null) {
                sb.append('[').append(pathIndices[d]).append(']');
            } else if (key == PAYLOAD) {
                sb.append(".payload");
            } else {
                String k = (String) key;
                if (PassableFormatter.isIdentifier(k)) {
                    sb.append('.').append(k);
                } else {
                    sb.append('[');
                    JsonText.appendQuoted(sb, k);
                    sb.append(']');
                }
            }
        }
        return sb.toString();
    }
}
