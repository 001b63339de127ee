package io.jocap.marshal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SmallcapsEncodeTest {
    private final Smallcaps codec = Smallcaps.standard();

    private String body(Object value) {
        return codec.encode(value).body();
    }

    @Test
    void kernelMessageShape() {
        CapData data = codec.encode(List.of("transfer",
                List.of(new RemotableRef("ko12", "Alleged: purse"), BigInteger.valueOf(100), Map.of("memo", "rent"))));
        assertThat(data.body()).isEqualTo("#[\"transfer\",[\"$0.Alleged: purse\",\"+100\",{\"memo\":\"rent\"}]]");
        assertThat(data.slots()).containsExactly("ko12");
    }

    @Test
    void longsBeyondTwoToThe53AreAmbiguous() {
        assertThat(body(1L << 53)).isEqualTo("#9007199254740992");
        assertThat(body(-(1L << 53))).isEqualTo("#-9007199254740992");
        assertThatThrownBy(() -> codec.encode(List.of((1L << 53) + 1)))
                .isInstanceOf(MarshalException.class)
                .hasMessageContaining("9007199254740993")
                .hasMessageContaining("BigInteger")
                .hasMessageContaining("Double");
        assertThatThrownBy(() -> PassStyle.of(Long.MIN_VALUE)).isInstanceOf(MarshalException.class);
    }

    @Test
    void failuresNameThePath() {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("memo", new Object());
        assertThatThrownBy(() -> codec.encode(List.of(1, 2, record)))
                .isInstanceOf(MarshalException.class)
                .hasMessageStartingWith("java.lang.Object is not passable")
                .hasMessageEndingWith("at [2].memo");
        Map<String, Object> odd = Map.of("not-an-ident", List.of(Set.of()));
        assertThatThrownBy(() -> codec.encode(new Tagged("t", odd)))
                .hasMessageContaining("Tagged.copySet")
                .hasMessageEndingWith("at .payload[\"not-an-ident\"][0]");
        assertThatThrownBy(() -> codec.encode(new Object()))
                .isInstanceOf(MarshalException.class)
                .hasMessageEndingWith("at the root");
    }

    @Test
    void recordKeysMustBeStrings() {
        Map<Object, Object> map = new HashMap<>();
        map.put(1, "one");
        assertThatThrownBy(() -> codec.encode(List.of(map)))
                .isInstanceOf(MarshalException.class)
                .hasMessageContaining("record keys must be strings")
                .hasMessageContaining("java.lang.Integer")
                .hasMessageEndingWith("at [0]");
        Map<String, Object> nullKey = new HashMap<>();
        nullKey.put(null, 1);
        assertThatThrownBy(() -> codec.encode(nullKey)).hasMessageContaining("the key null");
    }

    @Test
    void anyMapAndListImplementationEncodesTheSame() {
        Map<String, Object> tree = new TreeMap<>(Map.of("b", 1, "a", 2, "10", 3, "9", 4));
        Map<String, Object> hash = new HashMap<>(tree);
        assertThat(body(tree)).isEqualTo("#{\"9\":4,\"10\":3,\"a\":2,\"b\":1}").isEqualTo(body(hash));
        assertThat(body(new LinkedList<>(List.of(1, "x")))).isEqualTo("#[1,\"x\"]");
        Map<String, Object> big = new HashMap<>();
        for (int i = 0; i < 40; i++) {
            big.put("k" + (char) ('a' + i % 26) + i, i);
        }
        String encoded = body(big);
        assertThat(encoded).startsWith("#{\"ka0\":0,\"ka26\":26,\"kb1\":1,");
    }

    @Test
    void slotsAreHandedOutOncePerObjectIdentity() {
        List<Object> seen = new ArrayList<>();
        SlotConverter counting = new SlotConverter() {
            @Override
            public String toSlot(Object ref) {
                seen.add(ref);
                return "s" + seen.size();
            }

            @Override
            public Object fromSlot(String slot, String iface) {
                throw new AssertionError("not decoding");
            }
        };
        Smallcaps custom = Smallcaps.builder().slotConverter(counting).build();
        RemotableRef a = new RemotableRef("ko1", "Alleged: a");
        RemotableRef aTwin = new RemotableRef("ko1", "Alleged: a");
        PromiseRef p = new PromiseRef("kp1");
        CapData data = custom.encode(List.of(a, p, a, aTwin, p));
        assertThat(data.body()).isEqualTo("#[\"$0.Alleged: a\",\"&1\",\"$0\",\"$2.Alleged: a\",\"&1\"]");
        assertThat(data.slots()).containsExactly("s1", "s2", "s3");
        assertThat(seen).hasSize(3);
        assertThat(seen.get(0)).isSameAs(a);
        assertThat(seen.get(2)).isSameAs(aTwin);
    }

    @Test
    void standardConverterOnlyEncodesSlotRefs() {
        Remotable noSlot = () -> "Alleged: thing";
        assertThatThrownBy(() -> codec.encode(List.of(noSlot)))
                .isInstanceOf(MarshalException.class)
                .hasMessageContaining("SlotRef")
                .hasMessageEndingWith("at [0]");
    }

    @Test
    void converterFailuresAreMarshalExceptions() {
        SlotConverter broken = new SlotConverter() {
            @Override
            public String toSlot(Object ref) {
                throw new IllegalStateException("boom");
            }

            @Override
            public Object fromSlot(String slot, String iface) {
                return null;
            }
        };
        Smallcaps custom = Smallcaps.builder().slotConverter(broken).build();
        assertThatThrownBy(() -> custom.encode(List.of(new PromiseRef("kp1"))))
                .isInstanceOf(MarshalException.class)
                .hasMessageContaining("boom")
                .hasCauseInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> custom.decode("#\"&0\"", List.of("kp1")))
                .isInstanceOf(MarshalException.class)
                .hasMessageContaining("returned null");
    }

    @Test
    void remotablesNeedAValidIface() {
        Remotable bad = new Remotable() {
            @Override
            public String iface() {
                return "purse";
            }
        };
        assertThatThrownBy(() -> codec.encode(Map.of("r", bad)))
                .isInstanceOf(MarshalException.class)
                .hasMessageContaining("\"purse\"")
                .hasMessageContaining("Alleged: ")
                .hasMessageEndingWith("at .r");
        assertThatThrownBy(() -> new RemotableRef("ko1", "purse")).isInstanceOf(MarshalException.class);
        assertThat(new RemotableRef("ko1").iface()).isEqualTo("Remotable");
    }

    @Test
    void ambiguousObjectsAreNotPassable() {
        class Both implements Remotable, PassablePromise {
            @Override
            public String iface() {
                return "Remotable";
            }
        }
        assertThatThrownBy(() -> PassStyle.of(new Both()))
                .isInstanceOf(MarshalException.class)
                .hasMessageContaining("more than one of");
        assertThatThrownBy(() -> codec.encode(new Both())).isInstanceOf(MarshalException.class);
    }

    @Test
    void passStyleOfEachRepresentation() {
        assertThat(PassStyle.of(null)).isEqualTo(PassStyle.NULL);
        assertThat(PassStyle.of(Undefined.UNDEFINED)).isEqualTo(PassStyle.UNDEFINED);
        assertThat(PassStyle.of(false)).isEqualTo(PassStyle.BOOLEAN);
        assertThat(PassStyle.of(1.5f)).isEqualTo(PassStyle.NUMBER);
        assertThat(PassStyle.of((byte) 1)).isEqualTo(PassStyle.NUMBER);
        assertThat(PassStyle.of(BigInteger.TEN)).isEqualTo(PassStyle.BIGINT);
        assertThat(PassStyle.of("")).isEqualTo(PassStyle.STRING);
        assertThat(PassStyle.of(new PassableSymbol("x"))).isEqualTo(PassStyle.SYMBOL);
        assertThat(PassStyle.of(List.of())).isEqualTo(PassStyle.COPY_ARRAY);
        assertThat(PassStyle.of(Map.of())).isEqualTo(PassStyle.COPY_RECORD);
        assertThat(PassStyle.of(new Tagged("t", null))).isEqualTo(PassStyle.TAGGED);
        assertThat(PassStyle.of(PassableError.error("x"))).isEqualTo(PassStyle.ERROR);
        assertThat(PassStyle.of(new RemotableRef("ko1"))).isEqualTo(PassStyle.REMOTABLE);
        assertThat(PassStyle.of(new PromiseRef("kp1"))).isEqualTo(PassStyle.PROMISE);
        assertThatThrownBy(() -> PassStyle.of(new java.math.BigDecimal("1.5")))
                .isInstanceOf(MarshalException.class)
                .hasMessageStartingWith("java.math.BigDecimal is not passable");
        assertThatThrownBy(() -> PassStyle.of(new int[0])).hasMessageStartingWith("[I is not passable; use a List");
        assertThatThrownBy(() -> PassStyle.of('c')).hasMessageContaining("use a String");
    }

    @Test
    void errorsEncodeWithoutCauseAndCustomNamesOnlyAtTheRoot() {
        PassableError withCause = PassableError.error("outer").withCause(PassableError.typeError("inner"));
        assertThat(body(withCause)).isEqualTo("#{\"#error\":\"outer\",\"name\":\"Error\"}");
        PassableError custom = PassableError.of("MyError", "!x");
        assertThat(body(custom)).isEqualTo("#{\"#error\":\"!!x\",\"name\":\"MyError\"}");
        assertThatThrownBy(() -> codec.encode(List.of(custom)))
                .isInstanceOf(MarshalException.class)
                .hasMessageContaining("\"MyError\"")
                .hasMessageEndingWith("at [0]");
        PassableError hiddenCustom = PassableError.error("e").withCause(PassableError.error("c")
                .withErrors(List.of(PassableError.of("Nope", "n"))));
        assertThatThrownBy(() -> codec.encode(Map.of("e", hiddenCustom)))
                .hasMessageContaining("the error at .cause.errors[0]")
                .hasMessageEndingWith("at .e");
        assertThat(body(hiddenCustom)).isEqualTo("#{\"#error\":\"e\",\"name\":\"Error\"}");
    }

    @Test
    void errorIdsCountAcrossCallsInSortedKeyOrder() {
        Smallcaps tagging = Smallcaps.builder().errorTagging("liveSlots:v1", 70_000).build();
        assertThat(tagging.encode(PassableError.error("a")).body())
                .isEqualTo("#{\"#error\":\"a\",\"errorId\":\"error:liveSlots:v1#70001\",\"name\":\"Error\"}");
        Map<String, Object> record = Map.of("b", PassableError.error("b"), "a", PassableError.error("a"));
        assertThat(tagging.encode(record).body()).contains("\"a\":{\"#error\":\"a\",\"errorId\":\"error:liveSlots:v1#70002\"")
                .contains("\"b\":{\"#error\":\"b\",\"errorId\":\"error:liveSlots:v1#70003\"");
    }

    @Test
    void symbolsAndStringsEscape() {
        assertThat(body(List.of(PassableSymbol.registered("#x"), "#x", PassableSymbol.registered("@@foo"), "a\ud800")))
                .isEqualTo("#[\"%#x\",\"!#x\",\"%@@@@foo\",\"a\\ud800\"]");
        assertThatThrownBy(() -> new PassableSymbol("@@nope")).isInstanceOf(MarshalException.class);
        assertThatThrownBy(() -> PassableSymbol.wellKnown("nope")).isInstanceOf(MarshalException.class);
        assertThat(PassableSymbol.wellKnown("dispose").name()).isEqualTo("@@dispose");
        assertThat(PassableSymbol.wellKnown("@@dispose")).isEqualTo(PassableSymbol.wellKnown("dispose"));
        assertThat(PassableSymbol.registered("@@foo").key()).isEqualTo("@@foo");
        assertThat(PassableSymbol.wellKnown("iterator").isWellKnown()).isTrue();
        assertThat(PassableSymbol.registered("@@iterator").isWellKnown()).isFalse();
    }

    @Test
    void passablesConveniencesAllowNulls() {
        assertThat(body(Passables.list(null, 1, Undefined.UNDEFINED))).isEqualTo("#[null,1,\"#undefined\"]");
        assertThat(body(Passables.record("z", null, "a", 1))).isEqualTo("#{\"a\":1,\"z\":null}");
        assertThatThrownBy(() -> Passables.record("a")).isInstanceOf(MarshalException.class);
        assertThatThrownBy(() -> Passables.record("a", 1, "a", 2)).hasMessageContaining("twice");
        assertThatThrownBy(() -> Passables.list(1).add(2)).isInstanceOf(UnsupportedOperationException.class);
    }
}
