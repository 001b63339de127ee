package io.jocap.marshal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jocap.testkit.Gen;
import io.jocap.testkit.PropertyCheck;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    @SuppressWarnings("unchecked")
    void parsesEveryKindOfValue() {
        Object tree = Json.parse(" {\"b\":[1, -2.5, \"x\\n\", true, false, null], \"a\":{}} ");
        assertThat(tree).isInstanceOf(Map.class);
        Map<String, Object> map = (Map<String, Object>) tree;
        assertThat(map.keySet()).containsExactly("b", "a"); // insertion order, not sorted
        assertThat((List<Object>) map.get("b")).containsExactly(1.0, -2.5, "x\n", true, false, null);
        assertThat(map.get("a")).isEqualTo(Map.of());
        assertThat(Json.parse("\"s\"")).isEqualTo("s");
        assertThat(Json.parse("null")).isNull();
    }

    @Test
    void duplicateKeysKeepTheFirstPositionAndTheLastValue() {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) Json.parse("{\"a\":1,\"b\":2,\"a\":3}");
        assertThat(map.keySet()).containsExactly("a", "b");
        assertThat(map.get("a")).isEqualTo(3.0);
    }

    @Test
    void rejectsBadJsonWithAPosition() {
        assertThatThrownBy(() -> Json.parse("[1,]")).isInstanceOf(MarshalException.class)
                .hasMessage("JSON is not valid JSON: unexpected ']', expected a JSON value at JSON position 3");
        assertThatThrownBy(() -> Json.parse("{\"a\" 1}")).isInstanceOf(MarshalException.class)
                .hasMessageContaining("expected ':' after a property name at JSON position 5");
        assertThatThrownBy(() -> Json.parse("[1] x")).isInstanceOf(MarshalException.class)
                .hasMessageContaining("after the JSON value");
        assertThatThrownBy(() -> Json.parse("")).isInstanceOf(MarshalException.class)
                .hasMessageContaining("unexpected end of input");
        assertThatThrownBy(() -> Json.parse(null)).isInstanceOf(MarshalException.class).hasMessage("JSON text is null");
    }

    @Test
    void depthIsBounded() {
        String atLimit = "[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH);
        assertThat(Json.write(Json.parse(atLimit))).isEqualTo(atLimit);
        assertThatThrownBy(() -> Json.parse("[".repeat(1_000_000))).isInstanceOf(MarshalException.class)
                .hasMessageContaining("nested deeper than 128 levels");
    }

    @Test
    void writesCompactJsonWithIntegersExact() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("z", List.of(1, Long.MAX_VALUE, 2.5, -0.0, 1e21));
        map.put("a", Arrays.asList(null, true, "q\"\u2028\ud800"));
        assertThat(Json.write(map))
                .isEqualTo("{\"z\":[1,9223372036854775807,2.5,0,1e+21],\"a\":[null,true,\"q\\\"\u2028\\ud800\"]}");
    }

    @Test
    void writeRejectsWhatJsonCannotSayAndNamesThePath() {
        assertThatThrownBy(() -> Json.write(Map.of("a", List.of(1, Double.NaN)))).isInstanceOf(MarshalException.class)
                .hasMessage("cannot write NaN as JSON at .a[1]");
        assertThatThrownBy(() -> Json.write(List.of(new Object()))).isInstanceOf(MarshalException.class)
                .hasMessageStartingWith("cannot write a java.lang.Object as JSON; expected null");
        assertThatThrownBy(() -> Json.write(Map.of(1, 2))).isInstanceOf(MarshalException.class)
                .hasMessage("cannot write a map key that is not a string (a java.lang.Integer) as JSON at the top level");
        assertThatThrownBy(() -> Json.write(Double.POSITIVE_INFINITY)).isInstanceOf(MarshalException.class)
                .hasMessage("cannot write Infinity as JSON at the top level");
    }

    @Test
    void writeStopsCycles() {
        List<Object> cycle = new ArrayList<>();
        cycle.add(cycle);
        assertThatThrownBy(() -> Json.write(cycle)).isInstanceOf(MarshalException.class)
                .hasMessageContaining("nested deeper than 128 levels (a cycle?)");
    }

    @Test
    void writeThenParseIsTheIdentityOnTrees() {
        PropertyCheck.forAll("Json.parse(Json.write(t)) == t", 500, trees(3), tree ->
                assertThat(Json.parse(Json.write(tree))).isEqualTo(tree));
    }

    private static Gen<Object> trees(int depth) {
        Gen<Object> leaves = Gen.anyOf(
                Gen.constant(null),
                Gen.oneOf(true, false),
                Gen.ints(-1000, 1000).map(i -> (Object) (double) i),
                (random, size) -> random.nextDouble() * 1e6 - 5e5,
                Gen.utf16Strings(12).map(s -> (Object) s));
        if (depth == 0) {
            return leaves;
        }
        Gen<Object> inner = trees(depth - 1);
        return Gen.frequency(
                Gen.weight(3, leaves),
                Gen.weight(1, Gen.listOf(inner, 5).map(l -> (Object) l)),
                Gen.weight(1, Gen.mapsOf(Gen.utf16Strings(6), inner, 5).map(m -> (Object) m)));
    }
}
