package io.jocap.vat.runtime.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jocap.marshal.CapData;
import io.jocap.marshal.PassableError;
import io.jocap.marshal.PassableSymbol;
import io.jocap.marshal.Passables;
import io.jocap.marshal.PromiseRef;
import io.jocap.marshal.RemotableRef;
import io.jocap.marshal.Smallcaps;
import io.jocap.marshal.Tagged;
import io.jocap.marshal.Undefined;
import io.jocap.vat.Far;
import java.io.File;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Results become passables: directly through {@link ResultConverter} and through a call. */
class ResultConverterTest {
    enum Size { SMALL, LARGE }

    record Point(long x, double y, String label) {}

    record Shape(String name, List<Point> points, Size size) {}

    record Loud(String word) {
        @Override
        public String word() {
            throw new IllegalStateException("shh");
        }
    }

    @SuppressWarnings("unused") // called by name
    static final class Shop implements Far {
        public long bigLong() {
            return (1L << 53) + 1;
        }

        public Point point() {
            return new Point(1, 2.5, "p");
        }

        public File file() {
            return new File("/etc/passwd");
        }

        public List<Object> files() {
            return List.of("ok", Map.of("owner", new File("x")));
        }

        public int[] ints() {
            return new int[] {1, 2};
        }

        public char initial() {
            return 'J';
        }

        public Shop self() {
            return this;
        }
    }

    private static Object convert(Object value) throws DispatchException {
        return ResultConverter.toPassable(value, "Alleged: Shop.test returned");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asRecord(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    private static String refusal(Object value) {
        try {
            Object converted = convert(value);
            throw new AssertionError("expected a refusal, got " + converted);
        } catch (DispatchException e) {
            return e.getMessage();
        }
    }

    @Test
    void passablesStayAsTheyAre() throws Exception {
        RemotableRef ref = new RemotableRef("ko1", "Alleged: Purse");
        PromiseRef promise = new PromiseRef("kp1");
        Shop far = new Shop();
        Tagged tagged = new Tagged("t", Passables.list());
        PassableError error = PassableError.error("e");
        PassableSymbol symbol = PassableSymbol.registered("s");
        BigInteger big = BigInteger.TEN.pow(30);
        for (Object value : new Object[] {"s", true, 1.5, 3, (short) 4, (byte) 5, 2.5f, big, Undefined.UNDEFINED,
                symbol, tagged, error, ref, promise, far}) {
            assertThat(convert(value)).as(String.valueOf(value)).isSameAs(value);
        }
        assertThat(convert(null)).isNull();
    }

    @Test
    void longsBeyondTwoToThe53BecomeBigints() throws Exception {
        long limit = 1L << 53;
        assertThat(convert(limit)).isEqualTo(limit);
        assertThat(convert(-limit)).isEqualTo(-limit);
        assertThat(convert(limit + 1)).isEqualTo(BigInteger.valueOf(limit + 1));
        assertThat(convert(Long.MIN_VALUE)).isEqualTo(BigInteger.valueOf(Long.MIN_VALUE));
        assertThat(convert(List.of(limit + 1))).isEqualTo(List.of(BigInteger.valueOf(limit + 1)));
    }

    @Test
    void recordsBecomeRecordsInComponentOrder() throws Exception {
        Object converted = convert(new Shape("tri", List.of(new Point(1, 0.5, "a")), Size.LARGE));
        assertThat(converted).isInstanceOf(Map.class);
        Map<String, Object> map = asRecord(converted);
        assertThat(map.keySet()).containsExactly("name", "points", "size");
        assertThat(map.get("size")).isEqualTo("LARGE");
        Map<String, Object> point = asRecord(((List<?>) map.get("points")).getFirst());
        assertThat(point.keySet()).containsExactly("x", "y", "label");
        assertThat(point.values()).containsExactly(1L, 0.5, "a");
    }

    @Test
    void theResultEncodesWithTheMarshaller() throws Exception {
        Object converted = convert(new Shape("tri", List.of(new Point((1L << 60), 0.5, "a")), Size.SMALL));
        CapData data = Smallcaps.standard().encode(converted);
        assertThat(data.body()).isEqualTo(
                "#{\"name\":\"tri\",\"points\":[{\"label\":\"a\",\"x\":\"+1152921504606846976\",\"y\":0.5}],\"size\":\"SMALL\"}");
    }

    @Test
    void enumsBecomeNamesAndCharsStrings() throws Exception {
        assertThat(convert(Size.SMALL)).isEqualTo("SMALL");
        assertThat(convert('c')).isEqualTo("c");
    }

    @Test
    void arraysListsAndMapsAreCopiedIntoUnmodifiableForms() throws Exception {
        assertThat(convert(new int[] {1, 2})).isEqualTo(List.of(1, 2));
        assertThat(convert(new long[] {1L << 60})).isEqualTo(List.of(BigInteger.ONE.shiftLeft(60)));
        assertThat(convert(new String[] {"a", null})).isEqualTo(Arrays.asList("a", null));
        assertThat(convert(new char[] {'h', 'i'})).isEqualTo(List.of("h", "i"));
        List<Object> mutable = new ArrayList<>(List.of("a"));
        Object converted = convert(mutable);
        mutable.add("b");
        assertThat(converted).isEqualTo(List.of("a"));
        assertThatThrownBy(() -> ((List<?>) converted).clear()).isInstanceOf(UnsupportedOperationException.class);
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("z", 1);
        map.put("a", Size.LARGE);
        Map<String, Object> record = asRecord(convert(map));
        assertThat(record.keySet()).containsExactly("z", "a");
        assertThat(record.get("a")).isEqualTo("LARGE");
    }

    @Test
    void whatIsNotPassableIsRefusedWithItsPlace() {
        assertThat(refusal(new File("x"))).isEqualTo("Alleged: Shop.test returned a java.io.File, which is not passable:"
                + " return data (numbers, strings, lists, records…), remotable objects or promises");
        assertThat(refusal(List.of(1, Map.of("owner", new File("x"))))).isEqualTo("Alleged: Shop.test returned a"
                + " java.io.File at [1].owner, which is not passable: return data (numbers, strings, lists, records…),"
                + " remotable objects or promises");
        assertThat(refusal(Optional.of(1))).isEqualTo(
                "Alleged: Shop.test returned a java.util.Optional, which is not passable: return the value itself, or null for none");
        assertThat(refusal(new HashSet<>(List.of(1)))).endsWith("(a set as Tagged.copySet(…) or a List)");
        assertThat(refusal(Map.of(1, "one"))).startsWith("Alleged: Shop.test returned a java.util.")
                .endsWith(" with the key 1 (a number), which is not passable: record keys must be strings");
        assertThat(refusal(new Object[] {new Object()})).startsWith("Alleged: Shop.test returned a java.lang.Object at [0],");
        assertThat(refusal(new java.math.BigDecimal("1.5"))).startsWith("Alleged: Shop.test returned a java.math.BigDecimal,");
    }

    @Test
    void aListContainingItselfIsRefusedNotAStackOverflow() {
        List<Object> cyclic = new ArrayList<>();
        cyclic.add(cyclic);
        assertThat(refusal(cyclic)).startsWith("Alleged: Shop.test returned a value nested more than 128 levels deep at [0][0]")
                .endsWith("(a list or map that contains itself?), which is not passable");
    }

    @Test
    void aFailingRecordAccessorIsReported() {
        try {
            convert(List.of(new Loud("hi")));
            throw new AssertionError("expected a refusal");
        } catch (DispatchException e) {
            assertThat(e.getMessage()).isEqualTo(
                    "Alleged: Shop.test returned a Loud at [0] whose word() threw java.lang.IllegalStateException: shh");
            assertThat(e.getCause()).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void callsConvertTheirResults() throws Exception {
        Shop shop = new Shop();
        assertThat(Dispatcher.invoke(shop, "bigLong", List.of())).isEqualTo(BigInteger.valueOf((1L << 53) + 1));
        assertThat(Dispatcher.invoke(shop, "point", List.of())).isEqualTo(Passables.record("x", 1L, "y", 2.5, "label", "p"));
        assertThat(Dispatcher.invoke(shop, "ints", List.of())).isEqualTo(List.of(1, 2));
        assertThat(Dispatcher.invoke(shop, "initial", List.of())).isEqualTo("J");
        assertThat(Dispatcher.invoke(shop, "self", List.of())).isSameAs(shop);
        assertThatThrownBy(() -> Dispatcher.invoke(shop, "file", List.of()))
                .isInstanceOf(DispatchException.class)
                .hasMessage("Alleged: Shop.file returned a java.io.File, which is not passable: return data (numbers,"
                        + " strings, lists, records…), remotable objects or promises");
        assertThatThrownBy(() -> Dispatcher.invoke(shop, "files", List.of()))
                .isInstanceOf(DispatchException.class)
                .hasMessageStartingWith("Alleged: Shop.files returned a java.io.File at [1].owner, which is not passable");
    }
}
