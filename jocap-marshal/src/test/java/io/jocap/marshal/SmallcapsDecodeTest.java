package io.jocap.marshal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SmallcapsDecodeTest {
    private final Smallcaps codec = Smallcaps.standard();

    /** Records each fromSlot call and answers with standard stand-ins for any slot, even a missing one. */
    private static final class RecordingConverter implements SlotConverter {
        final List<String> calls = new ArrayList<>();

        @Override
        public String toSlot(Object ref) {
            return ((SlotRef) ref).slot();
        }

        @Override
        public Object fromSlot(String slot, String iface) {
            calls.add(slot + "|" + iface);
            return slot != null && slot.startsWith("kp") ? new PromiseRef(slot) : new RemotableRef(String.valueOf(slot));
        }
    }

    @Test
    void fromSlotIsCalledOncePerIndexWithTheFirstIface() {
        RecordingConverter converter = new RecordingConverter();
        Smallcaps custom = Smallcaps.builder().slotConverter(converter).build();
        Object decoded = custom.decode("#[\"$1\",\"$01.Alleged: late\",\"$0.Alleged: a\",\"$0\",\"&2.x\",\"&2\",\"$7\"]",
                List.of("ko1", "ko2", "kp3"));
        assertThat(converter.calls).containsExactly("ko2|null", "ko1|Alleged: a", "kp3|x", "null|null");
        List<?> list = (List<?>) decoded;
        assertThat(list.get(0)).isSameAs(list.get(1));
        assertThat(list.get(2)).isSameAs(list.get(3));
        assertThat(list.get(4)).isSameAs(list.get(5)).isEqualTo(new PromiseRef("kp3"));
    }

    @Test
    void converterMustReturnTheKindThePrefixNames() {
        assertThatThrownBy(() -> codec.decode("#\"$0\"", List.of("kp1")))
                .isInstanceOf(MarshalException.class)
                .hasMessageContaining("resolved to a promise");
        assertThatThrownBy(() -> codec.decode("#[\"$0.Alleged: x\",\"&0\"]", List.of("ko1")))
                .isInstanceOf(MarshalException.class)
                .hasMessageContaining("cannot be both")
                .hasMessageContaining("body position 18");
        SlotConverter stringly = new SlotConverter() {
            @Override
            public String toSlot(Object ref) {
                return "x";
            }

            @Override
            public Object fromSlot(String slot, String iface) {
                return "not a reference";
            }
        };
        assertThatThrownBy(() -> Smallcaps.builder().slotConverter(stringly).build().decode("#\"$0\"", List.of("ko1")))
                .isInstanceOf(MarshalException.class)
                .hasMessageContaining("must return a remotable or a promise");
    }

    @Test
    void standardConverterFollowsKslot() {
        SlotConverter std = SlotConverter.STANDARD;
        assertThat(std.fromSlot("ko12", "Alleged: purse")).isEqualTo(new RemotableRef("ko12", "Alleged: purse"));
        assertThat(std.fromSlot("o-3", "DebugName: x")).isEqualTo(new RemotableRef("o-3", "DebugName: x"));
        assertThat(std.fromSlot("ro+7", "vatRoot")).isEqualTo(new RemotableRef("ro+7", "Alleged: vatRoot"));
        assertThat(std.fromSlot("o+d10/1:2", null)).isEqualTo(new RemotableRef("o+d10/1:2", "Remotable"));
        assertThat(std.fromSlot("kp3", "Alleged: ignored")).isEqualTo(new PromiseRef("kp3"));
        assertThat(std.fromSlot("p+5", null)).isEqualTo(new PromiseRef("p+5"));
        assertThat(std.fromSlot("rp-2", null)).isEqualTo(new PromiseRef("rp-2"));
        for (String bad : Arrays.asList("", "ko", "k1", "kx1", "ko1a", "o+", "o+A", "o*1", "ro+x", "rp1", "x")) {
            assertThatThrownBy(() -> std.fromSlot(bad, null))
                    .isInstanceOf(MarshalException.class)
                    .hasMessageStartingWith("slot check: not a valid slot reference: ");
        }
        assertThatThrownBy(() -> std.fromSlot(null, null)).hasMessage("slot check: the body refers to a slot index past the end of the slots list");
        assertThat(std.toSlot(new PromiseRef("kp9"))).isEqualTo("kp9");
    }

    @Test
    @SuppressWarnings("unchecked")
    void decodedContainersAreImmutableAndAllowNulls() {
        Object decoded = codec.decode("#{\"list\":[null,1],\"rec\":{\"x\":null},\"b\":null}", List.of());
        Map<String, Object> map = (Map<String, Object>) decoded;
        assertThat(map).containsKeys("list", "rec", "b");
        assertThat(new ArrayList<>(map.keySet())).containsExactly("list", "rec", "b");
        assertThat(map.get("b")).isNull();
        List<Object> list = (List<Object>) map.get("list");
        assertThat(list).containsExactly(null, 1.0);
        assertThatThrownBy(() -> list.set(0, 2)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> map.put("c", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> map.keySet().remove("b")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> map.entrySet().iterator().next().getClass().getMethod("setValue", Object.class)
                .invoke(map.entrySet().iterator().next(), 1)).hasCauseInstanceOf(UnsupportedOperationException.class);
        assertThat(map.get("rec")).isEqualTo(java.util.Collections.singletonMap("x", null));
    }

    @Test
    void largeRecordsLookUpByHash() {
        StringBuilder body = new StringBuilder("#{");
        for (int i = 0; i < 50; i++) {
            body.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
        }
        body.append(",\"k7\":\"last\"}");
        Map<?, ?> map = (Map<?, ?>) codec.decode(body.toString(), List.of());
        assertThat(map).hasSize(50);
        assertThat(map.get("k49")).isEqualTo(49.0);
        assertThat(map.get("k7")).isEqualTo("last");
        assertThat(new ArrayList<>(map.keySet()).indexOf("k7")).isEqualTo(7);
        assertThat(map.containsKey("nope")).isFalse();
    }

    @Test
    void errorsNameTheBodyPosition() {
        assertThatThrownBy(() -> codec.decode("#[1,\"#bogus\"]", List.of()))
                .hasMessage("unknown constant \"#bogus\" (known: \"#undefined\", \"#NaN\", \"#Infinity\", \"#-Infinity\") "
                        + "at body position 4");
        assertThatThrownBy(() -> codec.decode("#[1,]", List.of()))
                .hasMessage("body is not valid JSON: unexpected ']', expected a JSON value at body position 4");
        assertThatThrownBy(() -> codec.decode("#\"a\nb\"", List.of())).hasMessageContaining("raw control character");
        assertThatThrownBy(() -> codec.decode("#01", List.of())).hasMessageContaining("after the JSON value");
        assertThatThrownBy(() -> codec.decode("#", List.of())).hasMessageContaining("unexpected end of input");
        assertThatThrownBy(() -> codec.decode("#\"(x\"", List.of())).hasMessageContaining("reserved for future use");
        assertThatThrownBy(() -> codec.decode("#{\"+1\":1}", List.of())).hasMessageContaining("would decode to a bigint");
        assertThatThrownBy(() -> codec.decode("#{\"a\":1,\"#b\":2}", List.of()))
                .hasMessageContaining("unrecognized record type \"#b\"");
        assertThatThrownBy(() -> codec.decode("#{\"#tag\":\"x\",\"payload\":1,\"extra\":2}", List.of()))
                .hasMessageContaining("[\"extra\"]");
    }

    @Test
    void numbersAndStringsAsJavaScriptReadsThem() {
        assertThat(codec.decode("#[-0, 1E2, 1e400, -1e400, 0.1, 12345678901234567890, \"\\u0021x\", \"!\"]", List.of()))
                .isEqualTo(List.of(-0.0, 100.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.1,
                        1.2345678901234567e19, "x", ""));
        assertThat(codec.decode("#[\"+007\",\"-0\",\"+12 \",\"-18446744073709551616\"]", List.of()))
                .isEqualTo(List.of(BigInteger.valueOf(7), BigInteger.ZERO, BigInteger.valueOf(12),
                        new BigInteger("-18446744073709551616")));
        assertThat(codec.decode("#{\"a\":1,\"b\":2,\"a\":3}", List.of())).isEqualTo(Map.of("a", 3.0, "b", 2.0));
        assertThat(new ArrayList<>(((Map<?, ?>) codec.decode("#{\"b\":1,\"!a\":2,\"a\":3}", List.of())).entrySet()))
                .hasToString("[b=1.0, a=3.0]");
    }

    @Test
    void symbolsDecodeAsPassSyleDoes() {
        assertThat(codec.decode("#[\"%@@asyncIterator\",\"%@@@@x\",\"%x\",\"%\"]", List.of())).isEqualTo(List.of(
                PassableSymbol.wellKnown("asyncIterator"), PassableSymbol.registered("@@x"), PassableSymbol.registered("x"),
                PassableSymbol.registered("")));
        assertThatThrownBy(() -> codec.decode("#\"%@@foo\"", List.of())).hasMessageContaining("well-known");
        // /^@@(.*)$/ does not match across a line terminator, so JS reads this as Symbol.for("@@a\nb")
        assertThat(codec.decode("#\"%@@a\\nb\"", List.of())).isEqualTo(PassableSymbol.registered("@@a\nb"));
    }

    @Test
    void errorsDecodeAsJavaScriptDoes() {
        assertThat(codec.decode("#{\"#error\":\"m\",\"name\":\"!#MyError\"}", List.of())).isEqualTo(PassableError.error("m"));
        assertThat(codec.decode("#{\"name\":\"AggregateError\",\"#error\":\"m\"}", List.of()))
                .isEqualTo(PassableError.of("AggregateError", "m").withErrors(List.of()));
        assertThat(codec.decode("#{\"#error\":\"m\",\"name\":\"Error\",\"cause\":{\"#error\":\"c\",\"name\":\"URIError\"},"
                + "\"extra\":\"+5\",\"#odd\":1}", List.of()))
                .isEqualTo(PassableError.error("m").withCause(PassableError.of("URIError", "c")));
        assertThatThrownBy(() -> codec.decode("#{\"#error\":\"m\",\"name\":\"Error\",\"errorId\":\"%sym\"}", List.of()))
                .hasMessageContaining("errorId");
        assertThatThrownBy(() -> codec.decode("#{\"#error\":\"m\",\"name\":\"Error\",\"errorId\":{\"toString\":1}}",
                List.of())).hasMessageContaining("errorId");
        assertThat(codec.decode("#{\"#error\":\"m\",\"name\":\"Error\",\"errorId\":[1,{\"a\":\"#undefined\"}]}", List.of()))
                .isEqualTo(PassableError.error("m"));
    }

    @Test
    void legacyCapDataBodies() {
        String body = "[{\"@qclass\":\"slot\",\"iface\":\"Alleged: a\",\"index\":0},{\"@qclass\":\"slot\",\"index\":0},"
                + "{\"@qclass\":\"slot\",\"index\":1},{\"@qclass\":\"tagged\",\"tag\":\"t\",\"payload\":\"#raw\"},"
                + "{\"@qclass\":\"error\",\"name\":\"Whatever\",\"message\":\"m\",\"errorId\":\"e\"},"
                + "{\"@qclass\":\"symbol\",\"name\":\"@@iterator\"},{\"@qclass\":\"@@asyncIterator\"},"
                + "{\"@qclass\":\"hilbert\",\"original\":{\"@qclass\":\"undefined\"},\"rest\":{\"b\":\"$0\"}},"
                + "{\"@qclass\":\"bigint\",\"digits\":\"-16\"},{\"@qclass\":\"bigint\",\"digits\":\"0x10\"},"
                + "{\"@qclass\":\"Infinity\"},\"!plain\"]";
        List<?> decoded = (List<?>) codec.decode(body, List.of("ko1", "kp2"));
        assertThat(decoded.get(0)).isEqualTo(new RemotableRef("ko1", "Alleged: a")).isSameAs(decoded.get(1));
        assertThat(decoded.get(2)).isEqualTo(new PromiseRef("kp2"));
        assertThat(decoded.get(3)).isEqualTo(new Tagged("t", "#raw"));
        assertThat(decoded.get(4)).isEqualTo(PassableError.error("m"));
        assertThat(decoded.get(5)).isEqualTo(PassableSymbol.wellKnown("iterator"));
        assertThat(decoded.get(6)).isEqualTo(PassableSymbol.wellKnown("asyncIterator"));
        assertThat(decoded.get(7)).isEqualTo(Map.of("@qclass", Undefined.UNDEFINED, "b", "$0"));
        assertThat(decoded.get(9)).isEqualTo(BigInteger.valueOf(16));
        assertThat(decoded.get(10)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(decoded.get(11)).isEqualTo("!plain");
        assertThat(decoded.get(8)).isEqualTo(BigInteger.valueOf(-16));
        assertThatThrownBy(() -> codec.decode("{\"@qclass\":\"bigint\",\"digits\":\"-0x10\"}", List.of()))
                .isInstanceOf(MarshalException.class)
                .hasMessageContaining("cannot convert");
        assertThatThrownBy(() -> codec.decode("{\"@qclass\":\"ibid\",\"index\":0}", List.of()))
                .hasMessageContaining("ibid");
        assertThatThrownBy(() -> codec.decode("{\"@qclass\":\"slot\",\"index\":-1}", List.of("ko1")))
                .hasMessageContaining("natural number");
    }
}
