package io.jocap.marshal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TaggedFactoriesTest {
    @Test
    void copySetSortsInReverseRankOrderAndKeepsTies() {
        RemotableRef r1 = new RemotableRef("ko1");
        RemotableRef r2 = new RemotableRef("ko2");
        Tagged set = Tagged.copySet(List.of("a", r2, 3, r1, "b", List.of()));
        assertThat(set.payload()).isEqualTo(List.of("b", "a", r2, r1, 3, List.of()));
        assertThat(((List<?>) set.payload()).get(2)).isSameAs(r2);
        assertThat(Tagged.copySet(Set.of()).payload()).isEqualTo(List.of());
    }

    @Test
    void copySetRejectsDuplicatesAndNonKeys() {
        assertThatThrownBy(() -> Tagged.copySet(List.of(0.0, -0.0))).hasMessageContaining("duplicate keys");
        assertThatThrownBy(() -> Tagged.copySet(List.of(Double.NaN, Double.NaN))).hasMessageContaining("duplicate");
        assertThatThrownBy(() -> Tagged.copySet(List.of(List.of(1), List.of(1.0)))).hasMessageContaining("duplicate");
        assertThatThrownBy(() -> Tagged.copySet(List.of(Map.of("a", 1), Map.of("a", 1.0)))).hasMessageContaining("duplicate");
        RemotableRef r = new RemotableRef("ko1");
        assertThatThrownBy(() -> Tagged.copySet(List.of(r, "x", r))).hasMessageContaining("duplicate");
        assertThat(Tagged.copySet(List.of(new RemotableRef("ko1"), new RemotableRef("ko1"))).payload()).asList().hasSize(2);
        assertThatThrownBy(() -> Tagged.copySet(List.of(new PromiseRef("kp1")))).hasMessageContaining("cannot be a key");
        assertThatThrownBy(() -> Tagged.copySet(List.of(List.of(PassableError.error("e"))))).hasMessageContaining("cannot be a key");
        assertThatThrownBy(() -> Tagged.copySet(List.of(new Tagged("foo", 1)))).hasMessageContaining("tagged \"foo\"");
        assertThat(Tagged.copySet(List.of(Tagged.copySet(List.of(1)))).payload()).asList().hasSize(1);
    }

    @Test
    void copyBagNeedsPositiveBigintCounts() {
        Map<Object, BigInteger> counts = new LinkedHashMap<>();
        counts.put("a", BigInteger.TWO);
        counts.put("c", BigInteger.ONE);
        counts.put("b", BigInteger.valueOf(5));
        assertThat(Tagged.copyBag(counts)).isEqualTo(new Tagged("copyBag", List.of(
                List.of("c", BigInteger.ONE), List.of("b", BigInteger.valueOf(5)), List.of("a", BigInteger.TWO))));
        assertThatThrownBy(() -> Tagged.copyBag(Map.of("a", BigInteger.ZERO))).hasMessageContaining("positive");
        assertThatThrownBy(() -> Tagged.copyBagFromPairs(List.of(List.of("a", 1)))).hasMessageContaining("positive BigInteger");
        assertThatThrownBy(() -> Tagged.copyBagFromPairs(List.of(List.of("a")))).hasMessageContaining("two elements");
        assertThatThrownBy(() -> Tagged.copyBagFromPairs(List.of(List.of("a", BigInteger.ONE), List.of("a", BigInteger.TWO))))
                .hasMessageContaining("duplicate");
    }

    @Test
    void copyBagOrdersTiedKeysByCount() {
        RemotableRef r1 = new RemotableRef("ko1");
        RemotableRef r2 = new RemotableRef("ko2");
        Tagged bag = Tagged.copyBagFromPairs(List.of(List.of(r1, BigInteger.ONE), List.of(r2, BigInteger.TEN)));
        assertThat(bag.payload()).isEqualTo(List.of(List.of(r2, BigInteger.TEN), List.of(r1, BigInteger.ONE)));
    }

    @Test
    void copyMapLinesValuesUpWithKeys() {
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put("a", 1);
        map.put("c", null);
        map.put("b", new PromiseRef("kp1"));
        Tagged copyMap = Tagged.copyMap(map);
        assertThat(copyMap.tag()).isEqualTo("copyMap");
        assertThat(copyMap.payload()).isEqualTo(Map.of("keys", List.of("c", "b", "a"),
                "values", Passables.list(null, new PromiseRef("kp1"), 1)));
        assertThat(Smallcaps.standard().encode(copyMap).body())
                .isEqualTo("#{\"#tag\":\"copyMap\",\"payload\":{\"keys\":[\"c\",\"b\",\"a\"],\"values\":[null,\"&0\",1]}}");
        assertThatThrownBy(() -> Tagged.copyMap(Map.of(new PromiseRef("kp1"), 1))).hasMessageContaining("cannot be a key");
        assertThatThrownBy(() -> Tagged.copyMap(Map.of("k", new Object()))).isInstanceOf(MarshalException.class);
    }
}
