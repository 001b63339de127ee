package io.jocap.marshal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PassableFormatterTest {
    @Test
    void primitives() {
        assertThat(PassableFormatter.format(null)).isEqualTo("null");
        assertThat(PassableFormatter.format(Undefined.UNDEFINED)).isEqualTo("undefined");
        assertThat(PassableFormatter.format(true)).isEqualTo("true");
        assertThat(PassableFormatter.format(1.0)).isEqualTo("1");
        assertThat(PassableFormatter.format(1.5)).isEqualTo("1.5");
        assertThat(PassableFormatter.format(-0.0)).isEqualTo("-0");
        assertThat(PassableFormatter.format(Double.NaN)).isEqualTo("NaN");
        assertThat(PassableFormatter.format(Double.POSITIVE_INFINITY)).isEqualTo("Infinity");
        assertThat(PassableFormatter.format(1e21)).isEqualTo("1e+21");
        assertThat(PassableFormatter.format(42)).isEqualTo("42");
        assertThat(PassableFormatter.format(new BigInteger("-123"))).isEqualTo("-123n");
        assertThat(PassableFormatter.format("say \"hi\"\n\u2028")).isEqualTo("\"say \\\"hi\\\"\\n\\u2028\"");
        assertThat(PassableFormatter.format(PassableSymbol.wellKnown("asyncIterator"))).isEqualTo("Symbol(@@asyncIterator)");
        assertThat(PassableFormatter.format(PassableSymbol.registered("@@x"))).isEqualTo("Symbol(@@@@x)");
    }

    @Test
    void containersAndReferences() {
        Map<String, Object> memo = new LinkedHashMap<>();
        memo.put("memo", "rent");
        memo.put("not-an-ident", 1);
        memo.put("_ok$1", null);
        Object message = List.of("transfer", List.of(new RemotableRef("ko12", "Alleged: purse"), BigInteger.valueOf(100), memo));
        assertThat(PassableFormatter.format(message))
                .isEqualTo("[\"transfer\", [<ko12 Alleged: purse>, 100n, {memo: \"rent\", \"not-an-ident\": 1, _ok$1: null}]]");
        assertThat(PassableFormatter.format(new PromiseRef("kp3"))).isEqualTo("<promise kp3>");
        assertThat(PassableFormatter.format(List.of())).isEqualTo("[]");
        assertThat(PassableFormatter.format(Map.of())).isEqualTo("{}");
        Remotable plain = () -> "Alleged: x";
        assertThat(PassableFormatter.format(plain)).isEqualTo("<Alleged: x>");
        PassablePromise plainPromise = new PassablePromise() {};
        assertThat(PassableFormatter.format(plainPromise)).isEqualTo("<promise>");
    }

    @Test
    void taggedAndErrors() {
        assertThat(PassableFormatter.format(Tagged.copySet(List.of("a", "b"))))
                .isEqualTo("makeTagged(\"copySet\", [\"b\", \"a\"])");
        assertThat(PassableFormatter.format(PassableError.typeError("bad"))).isEqualTo("TypeError(\"bad\")");
        PassableError outer = PassableError.error("outer").withCause(PassableError.of("RangeError", "inner"));
        assertThat(PassableFormatter.format(outer)).isEqualTo("Error(\"outer\") cause: RangeError(\"inner\")");
        PassableError agg = PassableError.of("AggregateError", "agg").withErrors(List.of(PassableError.error("e1")));
        assertThat(PassableFormatter.format(agg)).isEqualTo("AggregateError(\"agg\") errors: [Error(\"e1\")]");
    }

    @Test
    void decodedValuesFormatOnOneLine() {
        Object decoded = Smallcaps.standard().decode(
                "#{\"a\":[\"$0.Alleged: purse\",\"&1\",\"+5\",\"#undefined\"],\"b\":\"line\\nbreak\"}", List.of("ko1", "kp2"));
        String text = PassableFormatter.format(decoded);
        assertThat(text).isEqualTo("{a: [<ko1 Alleged: purse>, <promise kp2>, 5n, undefined], b: \"line\\nbreak\"}");
        assertThat(text).doesNotContain("\n");
    }

    @Test
    void nonPassablesAndCyclesDoNotThrow() {
        assertThat(PassableFormatter.format(Set.of(1))).startsWith("<not passable: java.util.");
        List<Object> cyclic = new ArrayList<>(Arrays.asList(1));
        cyclic.add(cyclic);
        assertThat(PassableFormatter.format(cyclic)).contains("…").startsWith("[1, [1, [1, ");
    }
}
