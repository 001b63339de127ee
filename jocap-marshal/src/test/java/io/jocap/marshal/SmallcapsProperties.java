package io.jocap.marshal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.jocap.testkit.Gen;
import io.jocap.testkit.PropertyCheck;
import org.junit.jupiter.api.Test;

/** Round trips and robustness over random passables, strings and garbage bodies. */
class SmallcapsProperties {
    private static final String SPECIAL_FIRST = "!\"#$%&'()*+,-";
    private final Smallcaps codec = Smallcaps.standard();

    // ---- generators ----

    static Gen<String> utf16Strings() {
        Gen<String> anyUnits = Gen.stringsInRange('\u0000', '\uffff', 12);
        Gen<String> surrogates = Gen.stringsInRange('\ud7f0', '\ue010', 6);
        Gen<String> ascii = Gen.stringsInRange(' ', '~', 10);
        Gen<String> plain = Gen.frequency(Gen.weight(3, anyUnits), Gen.weight(2, surrogates), Gen.weight(3, ascii),
                Gen.weight(2, Gen.utf16Strings(12)));
        Gen<String> specialPrefix = Gen.stringsOf(SPECIAL_FIRST, 1).map(s -> s.isEmpty() ? "!" : s);
        Gen<String> special = (random, size) -> specialPrefix.next(random, size) + plain.next(random, size);
        Gen<String> lookalikes = Gen.oneOf("#undefined", "#NaN", "$0.Alleged: x", "&0", "+1", "-1", "%foo", "!",
                "!!", "", "#tag", "#error", "payload", "__proto__", "0", "10", "9", "01", "4294967294", "4294967295");
        return Gen.frequency(Gen.weight(5, plain), Gen.weight(3, special), Gen.weight(2, lookalikes));
    }

    private static Gen<String> recordKeys() {
        return Gen.frequency(Gen.weight(3, utf16Strings()), Gen.weight(2, Gen.ints(0, 30).map(String::valueOf)));
    }

    private static Gen<Object> numbers() {
        Gen<Object> anyBits = Gen.longs().map(Double::longBitsToDouble);
        Gen<Object> specials = Gen.oneOf(0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, Double.MIN_VALUE, Double.MAX_VALUE, 1e21, 1e-7, 0.1);
        Gen<Object> ints = Gen.ints(Integer.MIN_VALUE, Integer.MAX_VALUE).map(i -> i);
        return Gen.frequency(Gen.weight(4, anyBits), Gen.weight(2, specials), Gen.weight(2, ints));
    }

    private static Gen<Object> bigints() {
        Gen<Object> small = Gen.bigIntegers(BigInteger.valueOf(-1000), BigInteger.valueOf(1000)).map(b -> b);
        Gen<Object> large = Gen.bigIntegers(BigInteger.TEN.pow(60).negate(), BigInteger.TEN.pow(60)).map(b -> b);
        return Gen.anyOf(small, large);
    }

    private static Gen<Object> symbols() {
        Gen<Object> wellKnown = Gen.oneOf("asyncIterator", "iterator", "toStringTag", "dispose").map(PassableSymbol::wellKnown);
        Gen<Object> registered = Gen.stringsInRange(' ', '~', 8).map(PassableSymbol::registered);
        return Gen.anyOf(wellKnown, registered);
    }

    private static Gen<Object> references() {
        Gen<String> iface = Gen.anyOf(Gen.constant("Remotable"),
                utf16Strings().map(s -> "Alleged: " + s), utf16Strings().map(s -> "DebugName: " + s));
        Gen<Object> remotables = (random, size) ->
                new RemotableRef("ko" + Gen.ints(1, 99).next(random, size), iface.next(random, size));
        Gen<Object> promises = Gen.ints(1, 99).map(n -> new PromiseRef("kp" + n));
        return Gen.anyOf(remotables, promises);
    }

    private static Gen<Object> errors() {
        Gen<String> names = Gen.oneOf(PassableError.STANDARD_NAMES.stream().sorted().toArray(String[]::new));
        Gen<PassableError> plain = (random, size) -> PassableError.of(names.next(random, size), utf16Strings().next(random, size));
        Gen<List<PassableError>> some = Gen.listOf(plain, 2);
        return (random, size) -> plain.next(random, size)
                .withCause(plain.orNull(0.7).next(random, size))
                .withErrors(some.orNull(0.7).next(random, size));
    }

    private static Gen<Object> leaves() {
        return Gen.frequency(
                Gen.weight(1, Gen.constant(Undefined.UNDEFINED)),
                Gen.weight(1, Gen.oneOf(true, false)),
                Gen.weight(4, numbers()),
                Gen.weight(2, bigints()),
                Gen.weight(5, utf16Strings()),
                Gen.weight(1, symbols()),
                Gen.weight(2, references()),
                Gen.weight(1, errors())).orNull(0.05);
    }

    private static Gen<Object> passable(int depth) {
        if (depth == 0) {
            return leaves();
        }
        Gen<Object> inner = passable(depth - 1);
        Gen<Object> lists = Gen.listOf(inner, 4).map(l -> l);
        Gen<Object> records = Gen.mapsOf(recordKeys(), inner, 4).map(m -> m);
        Gen<Object> tagged = (random, size) -> new Tagged(utf16Strings().next(random, size), inner.next(random, size));
        return Gen.frequency(Gen.weight(3, leaves()), Gen.weight(2, lists), Gen.weight(2, records), Gen.weight(1, tagged));
    }

    static Gen<Object> passables() {
        return passable(4);
    }

    /** What decoding gives back for an encoded value: numbers as Double, -0 as 0, errors without cause and errors. */
    static Object normalize(Object value) {
        return switch (value) {
            case Double d -> d == 0 ? 0.0 : d;
            case Integer i -> (double) i;
            case PassableError e -> new PassableError(e.name(), e.message(), null,
                    e.name().equals("AggregateError") ? List.of() : null);
            case List<?> list -> {
                List<Object> out = new ArrayList<>();
                for (Object item : list) {
                    out.add(normalize(item));
                }
                yield out;
            }
            case Map<?, ?> map -> {
                Map<Object, Object> out = new LinkedHashMap<>();
                map.forEach((k, v) -> out.put(k, normalize(v)));
                yield out;
            }
            case Tagged t -> new Tagged(t.tag(), normalize(t.payload()));
            // @endo's passableSymbolForName only sees the "@@" of a name without line terminators
            // (its regular expression's "." stops at them), so such a name gains "@@" on each
            // round trip, in JavaScript as here (see PassableSymbol.fromEncodedName)
            case PassableSymbol sym when drifts(sym) -> PassableSymbol.registered(sym.name());
            case null, default -> value;
        };
    }

    private static boolean drifts(PassableSymbol sym) {
        return sym.name().startsWith("@@") && sym.name().chars().anyMatch(c -> c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029);
    }

    /** Whether {@code value} holds a symbol that {@linkplain #drifts drifts} on a round trip. */
    static boolean holdsDriftingSymbol(Object value) {
        return switch (value) {
            case PassableSymbol sym -> drifts(sym);
            case List<?> list -> list.stream().anyMatch(SmallcapsProperties::holdsDriftingSymbol);
            case Map<?, ?> map -> map.values().stream().anyMatch(SmallcapsProperties::holdsDriftingSymbol);
            case Tagged t -> holdsDriftingSymbol(t.payload());
            case null, default -> false;
        };
    }

    // ---- properties ----

    @Test
    void encodeThenDecodeGivesTheValueBack() {
        PropertyCheck.forAll("decode(encode(x)) == x", 1000, passables(), value -> {
            CapData encoded = codec.encode(value);
            assertThat(codec.decode(encoded)).isEqualTo(normalize(value));
        });
    }

    @Test
    void reencodingADecodedBodyGivesTheSameBody() {
        PropertyCheck.forAll("encode(decode(encode(x))) == encode(x)", 1000, passables(), value -> {
            CapData encoded = codec.encode(value);
            if (holdsDriftingSymbol(value)) {
                return; // its body changes on each round trip, as in JavaScript (see normalize)
            }
            assertThat(codec.encode(codec.decode(encoded))).isEqualTo(encoded);
            assertThat(CapData.fromJson(encoded.toJson())).isEqualTo(encoded);
        });
    }

    @Test
    void everyBodyIsCompactJsonThatTheReaderAccepts() {
        PropertyCheck.forAll("bodies are compact JSON", 500, passables(), value -> {
            String body = codec.encode(value).body();
            assertThat(body).startsWith("#");
            Object tree = JsonReader.parse(body, 1, 1000, "body");
            assertThat(TestJson.write(tree)).as("no white space, and the same text when rewritten").isEqualTo(body.substring(1));
        });
    }

    @Test
    void stringsSurviveEverywhereAStringCanBe() {
        PropertyCheck.forAll("strings survive escaping", 2000, utf16Strings(), s -> {
            assertThat(codec.decode(codec.encode(s))).isEqualTo(s);
            assertThat(codec.decode(codec.encode(Map.of(s, s)))).isEqualTo(Map.of(s, s));
            assertThat(codec.decode(codec.encode(new Tagged(s, s)))).isEqualTo(new Tagged(s, s));
            assertThat(codec.decode(codec.encode(PassableError.typeError(s)))).isEqualTo(PassableError.typeError(s));
            assertThat(codec.decode(codec.encode(List.of(new RemotableRef("ko1", "Alleged: " + s)))))
                    .isEqualTo(List.of(new RemotableRef("ko1", "Alleged: " + s)));
        });
    }

    private Gen<String> garbageBodies() {
        Gen<String> soup = Gen.stringsOf("[]{}\",:#$&%!+-.0123456789eE tfnrualsx\\/@q\u2028\ud800", 40).map(s -> "#" + s);
        Gen<String> inserts = Gen.oneOf("", "\"", "[", "]", "{", "}", ",", ":", "$", "&", "#", "!", "+", "-", "9", "\\",
                "e", "x", "\"$5\"", "\"&0\"", "\"#tag\":", "\"#error\":");
        Gen<String> mutated = (random, size) -> {
            String body = codec.encode(passables().next(random, size)).body();
            int i = Math.min(random.nextInt(1001), body.length());
            int j = Math.min(body.length(), i + random.nextInt(4));
            return body.substring(0, i) + inserts.next(random, size) + body.substring(j);
        };
        Gen<String> legacy = Gen.stringsOf("[]{}\",:@qclas0123456789", 40);
        return Gen.frequency(Gen.weight(3, soup), Gen.weight(5, mutated), Gen.weight(1, legacy));
    }

    /** Accepts any slot, so garbage gets further into the decoder than the kernel converter would let it. */
    private static final SlotConverter PERMISSIVE = new SlotConverter() {
        @Override
        public String toSlot(Object ref) {
            return ((SlotRef) ref).slot();
        }

        @Override
        public Object fromSlot(String slot, String iface) {
            String s = slot == null ? "missing" : slot;
            return s.startsWith("kp") ? new PromiseRef(s) : new RemotableRef(s, "Remotable");
        }
    };

    @Test
    void garbageBodiesOnlyEverFailWithMarshalException() {
        Smallcaps permissive = Smallcaps.builder().slotConverter(PERMISSIVE).build();
        PropertyCheck.forAll("garbage fails only with MarshalException", 2500, garbageBodies(), body -> {
            for (Smallcaps c : List.of(codec, permissive)) {
                Object decoded;
                try {
                    decoded = c.decode(body, List.of("ko1", "kp2", "ko3"));
                } catch (MarshalException expected) {
                    continue;
                } catch (Throwable t) {
                    fail("decoding " + body + " threw " + t, t);
                    return;
                }
                // whatever decodes is passable: it re-encodes, and that decodes to its normal form
                CapData again = c.encode(decoded);
                assertThat(c.decode(again)).isEqualTo(normalize(decoded));
            }
        });
    }
}
