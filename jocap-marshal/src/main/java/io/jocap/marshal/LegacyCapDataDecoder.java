package io.jocap.marshal;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes the older "capdata" body format ({@code serializeBodyFormat: 'capdata'}): plain JSON with
 * {@code {"@qclass":…}} objects for what JSON cannot express, and no {@code !} escaping of strings.
 * {@code @endo/marshal} still decodes such bodies (any body that does not start with {@code #}),
 * so this does too. It is rare, so it parses into a JSON tree and walks it, rather than decoding
 * in one pass like {@link SmallcapsDecoder}.
 */
final class LegacyCapDataDecoder {
    private static final double MAX_SAFE_INTEGER = 9007199254740991.0;

    private final String body;
    private final List<String> slots;
    private final SlotConverter converter;
    private final DecodeLimits limits;
    private final Map<Long, Object> slotValues = new HashMap<>();

    LegacyCapDataDecoder(String body, List<String> slots, SlotConverter converter, DecodeLimits limits) {
        this.body = body;
        this.slots = slots;
        this.converter = converter;
        this.limits = limits;
    }

    Object decode() {
        Object tree = JsonReader.parse(body, 0, limits.maxDepth(), "body");
        try {
            return decode(tree);
        } catch (MarshalException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new MarshalException("could not decode the legacy capdata body: " + e, e);
        }
    }

    private static MarshalException fail(String message) {
        return new MarshalException(message + " (in a legacy capdata body)");
    }

    private Object decode(Object json) {
        return switch (json) {
            case List<?> list -> {
                Object[] items = new Object[list.size()];
                for (int i = 0; i < items.length; i++) {
                    items[i] = decode(list.get(i));
                }
                yield FrozenList.of(items);
            }
            case Map<?, ?> map -> map.containsKey("@qclass") ? qclass(map) : record(map, null);
            case null, default -> json; // null, Boolean, Double and String are themselves
        };
    }

    /** A plain record: keys as they are, values decoded; {@code first} (if not null) goes first. */
    private Map<String, Object> record(Map<?, ?> map, Object[] first) {
        int extra = first == null ? 0 : 1;
        Object[] pairs = new Object[2 * (map.size() + extra)];
        int i = 0;
        if (first != null) {
            pairs[i++] = first[0];
            pairs[i++] = first[1];
        }
        for (Map.Entry<?, ?> e : map.entrySet()) {
            pairs[i++] = e.getKey();
            pairs[i++] = decode(e.getValue());
        }
        return FrozenMap.fromPairs(pairs, 0, i / 2);
    }

    private Object qclass(Map<?, ?> map) {
        if (!(map.get("@qclass") instanceof String qclass)) {
            throw fail("@qclass must be a string");
        }
        return switch (qclass) {
            case "undefined" -> Undefined.UNDEFINED;
            case "NaN" -> Double.NaN;
            case "Infinity" -> Double.POSITIVE_INFINITY;
            case "-Infinity" -> Double.NEGATIVE_INFINITY;
            case "bigint" -> bigint(map);
            case "@@asyncIterator" -> PassableSymbol.wellKnown("asyncIterator");
            case "symbol" -> {
                if (!(map.get("name") instanceof String name)) {
                    throw fail("a symbol's name must be a string");
                }
                yield PassableSymbol.fromEncodedName(name);
            }
            case "tagged" -> tagged(map);
            case "error" -> error(map);
            case "slot" -> slot(map);
            case "hilbert" -> hilbert(map);
            case "ibid" -> throw fail("the capdata protocol no longer supports ibid");
            default -> throw fail("unrecognized @qclass " + JsonText.quote(qclass));
        };
    }

    private BigInteger bigint(Map<?, ?> map) {
        if (!(map.get("digits") instanceof String digits)) {
            throw fail("a bigint's digits must be a string");
        }
        if (digits.length() > limits.maxBigIntDigits() + 64) { // a little slack for signs and white space
            throw fail("bigint has more than " + limits.maxBigIntDigits() + " digits (DecodeLimits.maxBigIntDigits)");
        }
        BigInteger value = JsNumberConversion.stringToBigInt(digits);
        if (value == null) {
            throw fail("cannot convert " + JsonText.quote(digits) + " to a bigint");
        }
        return value;
    }

    /** As JavaScript reads it: only {@code tag} and {@code payload} are looked at; a missing payload is undefined. */
    private Tagged tagged(Map<?, ?> map) {
        if (!(map.get("tag") instanceof String tag)) {
            throw fail("a tagged value's tag must be a string");
        }
        return new Tagged(tag, map.containsKey("payload") ? decode(map.get("payload")) : Undefined.UNDEFINED);
    }

    private PassableError error(Map<?, ?> map) {
        if (!map.containsKey("name")) {
            throw fail("an encoded error needs a name");
        }
        Object name = decode(map.get("name"));
        Object message = decode(map.get("message"));
        if (!(name instanceof String n)) {
            throw fail("an error name must be a string");
        }
        if (!(message instanceof String m)) {
            throw fail("an error message must be a string");
        }
        Object cause = null;
        Object errors = null;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            switch ((String) e.getKey()) {
                case "@qclass", "name", "message" -> {}
                case "errorId" -> {
                    if (JsStringConversion.throwsTypeError(decode(e.getValue()))) {
                        throw fail("the errorId of an error cannot be converted to a string");
                    }
                }
                case "cause" -> cause = decode(e.getValue());
                case "errors" -> errors = decode(e.getValue());
                default -> decode(e.getValue()); // extra properties must decode, then are dropped
            }
        }
        String decodedName = PassableError.decodedName(n);
        return new PassableError(decodedName, m, PassableError.decodedCause(cause),
                PassableError.decodedErrors(decodedName, errors));
    }

    private Object slot(Map<?, ?> map) {
        checkOnly(map, "a slot", "@qclass", "index", "iface");
        Object indexJson = map.get("index");
        if (!(indexJson instanceof Double d) || !(Math.abs(d) <= MAX_SAFE_INTEGER) || d != Math.rint(d) || d < 0) {
            throw fail("a slot index must be a natural number, got " + indexJson);
        }
        Object ifaceJson = map.get("iface");
        if (ifaceJson != null && !(ifaceJson instanceof String)) {
            throw fail("a slot's iface must be a string");
        }
        long index = d.longValue();
        Object cached = slotValues.get(index);
        if (cached != null) {
            return cached;
        }
        String slot = index < slots.size() ? slots.get((int) index) : null;
        Object value;
        try {
            value = converter.fromSlot(slot, (String) ifaceJson);
        } catch (MarshalException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new MarshalException("slot converter failed for slot " + JsonText.quote(slot) + ": " + e, e);
        }
        PassStyle style = value == null ? PassStyle.NULL : PassStyle.of(value);
        if (style != PassStyle.REMOTABLE && style != PassStyle.PROMISE) {
            throw fail("slot converter returned " + PassStyle.describe(value) + " for slot "
                    + JsonText.quote(slot) + "; it must return a remotable or a promise");
        }
        slotValues.put(index, value);
        return value;
    }

    private Map<String, Object> hilbert(Map<?, ?> map) {
        checkOnly(map, "a hilbert record", "@qclass", "original", "rest");
        if (!map.containsKey("original")) {
            throw fail("a hilbert record needs an original");
        }
        Object[] first = {"@qclass", decode(map.get("original"))};
        if (!map.containsKey("rest")) {
            return FrozenMap.fromPairs(first, 0, 1);
        }
        if (!(map.get("rest") instanceof Map<?, ?> rest) || rest.isEmpty()) {
            throw fail("a hilbert record's rest must be a non-empty object");
        }
        if (rest.containsKey("@qclass")) {
            throw fail("a hilbert record's rest must not have its own @qclass");
        }
        return record(rest, first);
    }

    private static void checkOnly(Map<?, ?> map, String what, String... allowed) {
        List<Object> unexpected = new ArrayList<>(map.keySet());
        unexpected.removeAll(List.of(allowed));
        if (!unexpected.isEmpty()) {
            throw fail(what + " has unexpected properties " + unexpected);
        }
    }
}
