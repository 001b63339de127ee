package io.jocap.marshal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CapDataTest {
    @Test
    void toJsonIsWhatJsonStringifyWrites() {
        CapData data = new CapData("#[\"$0.Alleged: \\\"q\\\"\",\"\u2028\",\"\ud800\",\"\ud83d\ude00\",\"\u007f\u0001\"]",
                List.of("ko1", "o+d1/2"));
        assertThat(data.toJson()).isEqualTo("{\"body\":\"#[\\\"$0.Alleged: \\\\\\\"q\\\\\\\"\\\",\\\"\u2028\\\","
                + "\\\"\\ud800\\\",\\\"\ud83d\ude00\\\",\\\"\u007f\\u0001\\\"]\",\"slots\":[\"ko1\",\"o+d1/2\"]}");
        assertThat(CapData.fromJson(data.toJson())).isEqualTo(data);
        assertThat(new CapData("#1", List.of()).toJson()).isEqualTo("{\"body\":\"#1\",\"slots\":[]}");
    }

    @Test
    void fromJsonAcceptsWhiteSpaceAndAnyFieldOrder() {
        assertThat(CapData.fromJson(" { \"slots\" : [ \"kp1\" ] , \"body\" : \"#\\\"&0\\\"\" } "))
                .isEqualTo(new CapData("#\"&0\"", List.of("kp1")));
    }

    @Test
    void fromJsonRejectsWrongEnvelopes() {
        assertThatThrownBy(() -> CapData.fromJson("{\"body\":5,\"slots\":[]}")).hasMessage("body must be a string, got a number");
        assertThatThrownBy(() -> CapData.fromJson("{\"body\":\"#1\",\"slots\":{\"0\":\"ko1\"}}"))
                .hasMessage("slots must be an array of strings, got an object");
        assertThatThrownBy(() -> CapData.fromJson("{\"body\":\"#1\",\"slots\":[5]}"))
                .hasMessage("slots must be an array of strings, but slots[0] is a number");
        assertThatThrownBy(() -> CapData.fromJson("{\"body\":\"#1\"}")).hasMessageContaining("missing its \"slots\"");
        assertThatThrownBy(() -> CapData.fromJson("{\"slots\":[]}")).hasMessageContaining("missing its \"body\"");
        assertThatThrownBy(() -> CapData.fromJson("{\"body\":\"#1\",\"slots\":[],\"extra\":1}"))
                .hasMessageContaining("unknown CapData field \"extra\"");
        assertThatThrownBy(() -> CapData.fromJson("[]")).hasMessageContaining("must be a JSON object");
        assertThatThrownBy(() -> CapData.fromJson("{\"body\":\"#1\",\"slots\":[]"))
                .hasMessage("CapData text is not valid JSON: unexpected end of input, "
                        + "expected ',' or '}' after a property value at CapData text position 23");
        assertThatThrownBy(() -> CapData.fromJson("{\"body\":'#1'}"))
                .hasMessageContaining("at CapData text position 8");
    }

    @Test
    void constructorValidatesAndCopies() {
        List<String> slots = new ArrayList<>(List.of("ko1"));
        CapData data = new CapData("#1", slots);
        slots.add("ko2");
        assertThat(data.slots()).containsExactly("ko1");
        assertThatThrownBy(() -> data.slots().add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> new CapData(null, List.of())).isInstanceOf(MarshalException.class);
        assertThatThrownBy(() -> new CapData("#1", null)).isInstanceOf(MarshalException.class);
        assertThatThrownBy(() -> new CapData("#1", Arrays.asList("ko1", null)))
                .isInstanceOf(MarshalException.class)
                .hasMessageContaining("slots[1] is null");
    }

    @Test
    void decodeChecksRawSlotLists() {
        @SuppressWarnings({"unchecked", "rawtypes"})
        List<String> sneaky = (List) List.of("ko1", 5);
        assertThatThrownBy(() -> Smallcaps.standard().decode("#\"$0\"", sneaky))
                .isInstanceOf(MarshalException.class)
                .hasMessageContaining("slots[1] is a java.lang.Integer");
        assertThatThrownBy(() -> Smallcaps.standard().decode(null, List.of())).isInstanceOf(MarshalException.class);
        assertThatThrownBy(() -> Smallcaps.standard().decode((CapData) null)).isInstanceOf(MarshalException.class);
    }

    @Test
    void jsonTextQuotesLikeJavaScript() {
        assertThat(JsonText.quote("a\"b\\c/\b\f\n\r\t\u0000\u001f\u00e9\udc00\ud83d"))
                .isEqualTo("\"a\\\"b\\\\c/\\b\\f\\n\\r\\t\\u0000\\u001f\u00e9\\udc00\\ud83d\"");
    }
}
