package io.jocap.marshal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tagged value descriptions of the conformance vectors ({@code {"type":…}} objects, see the
 * vectors' README): building Java values from them and checking decoded values against them.
 * One instance per vector, so that equal {@code slot}+{@code instance} means the same Java object.
 */
final class VectorValues {
    private final Map<String, Object> refs = new HashMap<>();

    /** The Java passable a description stands for. */
    Object build(Object description) {
        Map<?, ?> d = (Map<?, ?>) description;
        String type = (String) d.get("type");
        return switch (type) {
            case "undefined" -> Undefined.UNDEFINED;
            case "null" -> null;
            case "boolean" -> d.get("value");
            case "number" -> numberOf(d);
            case "bigint" -> new BigInteger((String) d.get("value"));
            case "string" -> d.get("value");
            case "symbol" -> new PassableSymbol((String) d.get("name"));
            case "array" -> {
                List<Object> items = new ArrayList<>();
                for (Object item : (List<?>) d.get("items")) {
                    items.add(build(item));
                }
                yield items;
            }
            case "record" -> {
                Map<String, Object> record = new LinkedHashMap<>();
                for (Object entry : (List<?>) d.get("entries")) {
                    List<?> pair = (List<?>) entry;
                    record.put((String) pair.get(0), build(pair.get(1)));
                }
                yield record;
            }
            case "tagged" -> new Tagged((String) d.get("tag"), build(d.get("payload")));
            case "error" -> errorOf(d);
            case "remotable" -> refs.computeIfAbsent(refKey(d),
                    k -> new RemotableRef((String) d.get("slot"), (String) d.get("iface")));
            case "promise" -> refs.computeIfAbsent(refKey(d), k -> new PromiseRef((String) d.get("slot")));
            default -> throw new IllegalArgumentException("unknown vector type " + type);
        };
    }

    private static String refKey(Map<?, ?> d) {
        return d.get("type") + " " + d.get("slot") + " " + d.get("instance");
    }

    static double numberOf(Map<?, ?> d) {
        return Double.longBitsToDouble(Long.parseUnsignedLong((String) d.get("bits"), 16));
    }

    private PassableError errorOf(Map<?, ?> d) {
        PassableError cause = d.containsKey("cause") ? errorOf((Map<?, ?>) d.get("cause")) : null;
        List<PassableError> errors = null;
        if (d.containsKey("errors")) {
            errors = new ArrayList<>();
            for (Object e : (List<?>) d.get("errors")) {
                errors.add(errorOf((Map<?, ?>) e));
            }
        }
        return new PassableError((String) d.get("name"), (String) d.get("message"), cause, errors);
    }

    /** Checks decoded values against descriptions; remembers which object each ref description got. */
    static final class Matcher {
        private final Map<String, Object> objectForRef = new HashMap<>();
        private final IdentityHashMap<Object, String> refForObject = new IdentityHashMap<>();

        void check(Object description, Object actual, String path) {
            Map<?, ?> d = (Map<?, ?>) description;
            String type = (String) d.get("type");
            switch (type) {
                case "undefined" -> assertThat(actual).as(path).isSameAs(Undefined.UNDEFINED);
                case "null" -> assertThat(actual).as(path).isNull();
                case "boolean" -> assertThat(actual).as(path).isEqualTo(d.get("value"));
                case "number" -> {
                    assertThat(actual).as(path).isInstanceOf(Double.class);
                    assertThat(Double.doubleToLongBits((Double) actual)).as(path + " bits of " + actual)
                            .isEqualTo(Double.doubleToLongBits(numberOf(d)));
                }
                case "bigint" -> assertThat(actual).as(path).isEqualTo(new BigInteger((String) d.get("value")));
                case "string" -> assertThat(actual).as(path).isEqualTo(d.get("value"));
                case "symbol" -> assertThat(actual).as(path).isEqualTo(new PassableSymbol((String) d.get("name")));
                case "array" -> {
                    assertThat(actual).as(path).isInstanceOf(List.class);
                    List<?> items = (List<?>) d.get("items");
                    List<?> list = (List<?>) actual;
                    assertThat(list).as(path).hasSize(items.size());
                    for (int i = 0; i < items.size(); i++) {
                        check(items.get(i), list.get(i), path + "[" + i + "]");
                    }
                }
                case "record" -> {
                    assertThat(actual).as(path).isInstanceOf(Map.class);
                    Map<?, ?> map = (Map<?, ?>) actual;
                    List<?> entries = (List<?>) d.get("entries");
                    List<Object> expectedKeys = new ArrayList<>();
                    for (Object entry : entries) {
                        expectedKeys.add(((List<?>) entry).get(0));
                    }
                    assertThat(new ArrayList<Object>(map.keySet())).as(path + " keys")
                            .containsExactlyInAnyOrderElementsOf(expectedKeys);
                    for (Object entry : entries) {
                        List<?> pair = (List<?>) entry;
                        check(pair.get(1), map.get(pair.get(0)), path + "." + pair.get(0));
                    }
                }
                case "tagged" -> {
                    assertThat(actual).as(path).isInstanceOf(Tagged.class);
                    Tagged t = (Tagged) actual;
                    assertThat(t.tag()).as(path + " tag").isEqualTo(d.get("tag"));
                    check(d.get("payload"), t.payload(), path + ".payload");
                }
                case "error" -> checkError(d, actual, path);
                case "remotable" -> {
                    assertThat(actual).as(path).isInstanceOf(RemotableRef.class);
                    RemotableRef r = (RemotableRef) actual;
                    assertThat(r.slot()).as(path + " slot").isEqualTo(d.get("slot"));
                    if (d.get("iface") instanceof String iface) {
                        // SlotConverter.STANDARD keeps a valid iface and prefixes any other with "Alleged: "
                        String expected = Remotable.isValidIface(iface) ? iface : "Alleged: " + iface;
                        assertThat(r.iface()).as(path + " iface").isEqualTo(expected);
                    }
                    checkIdentity(d, actual, path);
                }
                case "promise" -> {
                    assertThat(actual).as(path).isInstanceOf(PromiseRef.class);
                    assertThat(((PromiseRef) actual).slot()).as(path + " slot").isEqualTo(d.get("slot"));
                    checkIdentity(d, actual, path);
                }
                default -> fail("unknown vector type " + type);
            }
        }

        private void checkError(Map<?, ?> d, Object actual, String path) {
            assertThat(actual).as(path).isInstanceOf(PassableError.class);
            PassableError e = (PassableError) actual;
            assertThat(e.name()).as(path + " name").isEqualTo(d.get("name"));
            assertThat(e.message()).as(path + " message").isEqualTo(d.get("message"));
            if (d.containsKey("cause")) {
                assertThat(e.cause()).as(path + " cause").isNotNull();
                checkError((Map<?, ?>) d.get("cause"), e.cause(), path + ".cause");
            } else {
                assertThat(e.cause()).as(path + " cause").isNull();
            }
            if (d.containsKey("errors")) {
                List<?> expected = (List<?>) d.get("errors");
                assertThat(e.errors()).as(path + " errors").isNotNull().hasSize(expected.size());
                for (int i = 0; i < expected.size(); i++) {
                    checkError((Map<?, ?>) expected.get(i), e.errors().get(i), path + ".errors[" + i + "]");
                }
            } else {
                assertThat(e.errors()).as(path + " errors").isNull();
            }
        }

        /** Same slot and instance: the same object; different: different objects. */
        private void checkIdentity(Map<?, ?> d, Object actual, String path) {
            String key = refKey(d);
            Object known = objectForRef.putIfAbsent(key, actual);
            if (known != null) {
                assertThat(actual).as(path + " is the same object as the earlier " + key).isSameAs(known);
            }
            String knownKey = refForObject.putIfAbsent(actual, key);
            if (knownKey != null) {
                assertThat(knownKey).as(path + " object was already used for another reference").isEqualTo(key);
            }
        }
    }
}
