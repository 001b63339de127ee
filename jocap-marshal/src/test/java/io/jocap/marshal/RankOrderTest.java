package io.jocap.marshal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RankOrderTest {
    private static int rank(Object a, Object b) {
        return RankOrder.INSTANCE.compare(a, b);
    }

    @Test
    void passStylesAreOrderedByTheirPrefixes() {
        RemotableRef r = new RemotableRef("ko1");
        List<Object> ascending = List.of(PassableError.error("e"), Map.of("a", 1), new Tagged("t", 1),
                new PromiseRef("kp1"), List.of(1), false, 1.0, BigInteger.ONE, r, "s", new PassableSymbol("y"));
        for (int i = 0; i + 1 < ascending.size(); i++) {
            assertThat(rank(ascending.get(i), ascending.get(i + 1))).as("%s < %s", ascending.get(i), ascending.get(i + 1))
                    .isNegative();
            assertThat(rank(ascending.get(i + 1), ascending.get(i))).isPositive();
        }
        List<Object> withNulls = new ArrayList<>(List.of("s"));
        withNulls.add(null);
        assertThat(rank("s", null)).isNegative();
        assertThat(rank(null, new PassableSymbol("y"))).isNegative();
        assertThat(rank(new PassableSymbol("y"), Undefined.UNDEFINED)).isNegative();
    }

    @Test
    void withinAStyle() {
        assertThat(rank(-0.0, 0.0)).isZero();
        assertThat(rank(Double.NaN, Double.POSITIVE_INFINITY)).isPositive();
        assertThat(rank(Double.NaN, Double.NaN)).isZero();
        assertThat(rank(2, 10.5)).isNegative();
        assertThat(rank(BigInteger.valueOf(-5), BigInteger.TWO)).isNegative();
        assertThat(rank(false, true)).isNegative();
        assertThat(rank("\uffff", "\ud83d\ude00")).isPositive(); // UTF-16 code units, not code points
        assertThat(rank(List.of(1), List.of(1, 0))).isNegative();
        assertThat(rank(List.of(2), List.of(1, 0))).isPositive();
        assertThat(rank(new RemotableRef("ko1"), new RemotableRef("ko2"))).isZero();
        assertThat(rank(PassableError.error("a"), PassableError.typeError("b"))).isZero();
        assertThat(rank(new Tagged("a", 2), new Tagged("b", 1))).isNegative();
        assertThat(rank(new Tagged("a", 2), new Tagged("a", 1))).isPositive();
    }

    @Test
    void recordsCompareDescendingNamesThenValues() {
        // names descending: {b} vs {a, c} -> ["b"] vs ["c", "a"]: "b" < "c"
        assertThat(rank(Map.of("b", 1), Map.of("a", 1, "c", 1))).isNegative();
        // same names: values in descending name order: [y.b, y.a]
        assertThat(rank(Map.of("a", 1, "b", 2), Map.of("a", 2, "b", 1))).isPositive();
        assertThat(rank(Map.of(), Map.of("a", 1))).isNegative();
    }

    @Test
    void notPassableIsAMarshalException() {
        assertThatThrownBy(() -> rank(new Object(), 1)).isInstanceOf(MarshalException.class);
    }
}
