package io.jocap.vat.runtime.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jocap.marshal.PassableError;
import io.jocap.marshal.PassablePromise;
import io.jocap.marshal.PassableSymbol;
import io.jocap.marshal.Passables;
import io.jocap.marshal.PromiseRef;
import io.jocap.marshal.Remotable;
import io.jocap.marshal.RemotableRef;
import io.jocap.marshal.Tagged;
import io.jocap.marshal.Undefined;
import io.jocap.vat.Far;
import io.jocap.vat.Presence;
import io.jocap.vat.VatPromise;
import java.math.BigInteger;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every argument conversion rule, good and bad inputs, through {@link Dispatcher#invoke} on a
 * probe whose methods keep what they received.
 */
class ArgumentConverterTest {
    enum Colour { RED, GREEN, BLUE }

    record Item(String sku, long qty) {}

    record Order(String customer, List<Item> items, Colour colour) {}

    record Positive(long value) {
        Positive {
            if (value <= 0) {
                throw new IllegalArgumentException("value must be positive, not " + value);
            }
        }
    }

    record Node(String name, List<Node> children) {}

    record Nothing() {}

    @SuppressWarnings("unused") // called by name
    static final class Probe implements Far {
        Object received;

        public void aLong(long x) { received = x; }
        public void aBoxedLong(Long x) { received = x; }
        public void anInt(int x) { received = x; }
        public void aBoxedInt(Integer x) { received = x; }
        public void aShort(short x) { received = x; }
        public void aByte(byte x) { received = x; }
        public void aDouble(double x) { received = x; }
        public void aBoxedDouble(Double x) { received = x; }
        public void aFloat(float x) { received = x; }
        public void aBigInteger(BigInteger x) { received = x; }
        public void aBoolean(boolean x) { received = x; }
        public void aBoxedBoolean(Boolean x) { received = x; }
        public void aChar(char x) { received = x; }
        public void aCharacter(Character x) { received = x; }
        public void aString(String x) { received = x; }
        public void anObject(Object x) { received = x; }
        public void aList(List<?> x) { received = x; }
        public void aLongList(List<Long> x) { received = x; }
        public void aCollection(Collection<String> x) { received = x; }
        public void anIterable(Iterable<Integer> x) { received = x; }
        public void aMap(Map<String, Object> x) { received = x; }
        public void aLongMap(Map<String, Long> x) { received = x; }
        public void aLongArray(long[] x) { received = x; }
        public void aStringArray(String[] x) { received = x; }
        public void aMatrix(int[][] x) { received = x; }
        public void anItem(Item x) { received = x; }
        public void anOrder(Order x) { received = x; }
        public void aPositive(Positive x) { received = x; }
        public void aNode(Node x) { received = x; }
        public void nothing(Nothing x) { received = x; }
        public void aColour(Colour x) { received = x; }
        public void aRemotable(Remotable x) { received = x; }
        public void aFar(Far x) { received = x; }
        public void aProbe(Probe x) { received = x; }
        public void aPresence(Presence x) { received = x; }
        public void aPromise(PassablePromise x) { received = x; }
        public void aVatPromise(VatPromise<String> x) { received = x; }
        public void aTagged(Tagged x) { received = x; }
        public void anError(PassableError x) { received = x; }
        public void aSymbol(PassableSymbol x) { received = x; }
        public void aNumber(Number x) { received = x; }
        public void anUndefined(Undefined x) { received = x; }
        public <T extends Number> void aBoundedT(T x) { received = x; }
        public void anExtendsList(List<? extends Long> x) { received = x; }
    }

    private final Probe probe = new Probe();

    /** What the method received when called with {@code arg}. */
    private Object pass(String method, Object arg) {
        probe.received = "(not called)";
        try {
            Dispatcher.invoke(probe, method, Passables.list(arg));
        } catch (DispatchException | InvocationFailure e) {
            throw new AssertionError("expected " + method + " to accept " + arg + ", got " + e.getMessage(), e);
        }
        return probe.received;
    }

    /** The message of the DispatchException that calling {@code method} with {@code arg} gives. */
    private String refusal(String method, Object arg) {
        probe.received = "(not called)";
        try {
            Dispatcher.invoke(probe, method, Passables.list(arg));
        } catch (DispatchException e) {
            assertThat(probe.received).as("the method must not run").isEqualTo("(not called)");
            return e.getMessage();
        } catch (InvocationFailure e) {
            throw new AssertionError("expected a DispatchException", e);
        }
        throw new AssertionError("expected " + method + " to refuse " + arg + ", it received " + probe.received);
    }

    private static final double TWO_TO_63 = 0x1p63;

    @Test
    void longTakesWholeNumbersAndBigintsInRange() {
        assertThat(pass("aLong", 42.0)).isEqualTo(42L);
        assertThat(pass("aLong", -0.0)).isEqualTo(0L);
        assertThat(pass("aLong", 9007199254740992.0)).isEqualTo(9007199254740992L);
        assertThat(pass("aLong", -TWO_TO_63)).isEqualTo(Long.MIN_VALUE);
        assertThat(pass("aLong", BigInteger.valueOf(Long.MAX_VALUE))).isEqualTo(Long.MAX_VALUE);
        assertThat(pass("aLong", BigInteger.valueOf(Long.MIN_VALUE))).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void longRefusesFractionsNonFiniteAndOutOfRangeValues() {
        String expected = "Alleged: Probe.aLong argument 1 must be a whole number that fits in a long, got ";
        assertThat(refusal("aLong", 2.5)).isEqualTo(expected + "2.5 (a number)");
        assertThat(refusal("aLong", Double.NaN)).isEqualTo(expected + "NaN (a number)");
        assertThat(refusal("aLong", Double.POSITIVE_INFINITY)).isEqualTo(expected + "Infinity (a number)");
        assertThat(refusal("aLong", TWO_TO_63)).isEqualTo(expected + "9223372036854776000 (a number)");
        assertThat(refusal("aLong", BigInteger.ONE.shiftLeft(63))).isEqualTo(expected + "9223372036854775808n (a bigint)");
        assertThat(refusal("aLong", "5")).isEqualTo(expected + "\"5\" (a string)");
        assertThat(refusal("aLong", true)).isEqualTo(expected + "true (a boolean)");
    }

    @Test
    void primitivesRefuseNullAndUndefinedButBoxesTakeThemAsNull() {
        assertThat(refusal("aLong", null))
                .isEqualTo("Alleged: Probe.aLong argument 1 must be a whole number that fits in a long, got null");
        assertThat(refusal("aLong", Undefined.UNDEFINED))
                .isEqualTo("Alleged: Probe.aLong argument 1 must be a whole number that fits in a long, got undefined");
        assertThat(refusal("aBoolean", null)).endsWith("must be a boolean, got null");
        assertThat(refusal("aChar", null)).endsWith("must be a string of one character, got null");
        assertThat(refusal("aDouble", null)).endsWith("got null");
        assertThat(pass("aBoxedLong", null)).isNull();
        assertThat(pass("aBoxedLong", Undefined.UNDEFINED)).isNull();
        assertThat(pass("aBoxedLong", 3.0)).isEqualTo(3L);
        assertThat(pass("aBoxedBoolean", null)).isNull();
        assertThat(pass("aBoxedDouble", Undefined.UNDEFINED)).isNull();
        assertThat(pass("aCharacter", null)).isNull();
        assertThat(pass("aString", Undefined.UNDEFINED)).isNull();
        assertThat(pass("anItem", null)).isNull();
        assertThat(pass("aList", Undefined.UNDEFINED)).isNull();
    }

    @Test
    void smallerIntegersCheckTheirRanges() {
        assertThat(pass("anInt", 2147483647.0)).isEqualTo(Integer.MAX_VALUE);
        assertThat(pass("anInt", BigInteger.valueOf(-2147483648L))).isEqualTo(Integer.MIN_VALUE);
        assertThat(pass("aBoxedInt", 7.0)).isEqualTo(7);
        assertThat(refusal("anInt", 2147483648.0))
                .isEqualTo("Alleged: Probe.anInt argument 1 must be a whole number that fits in an int, got 2147483648 (a number)");
        assertThat(pass("aShort", -32768.0)).isEqualTo((short) -32768);
        assertThat(refusal("aShort", 32768.0)).endsWith("must be a whole number that fits in a short, got 32768 (a number)");
        assertThat(pass("aByte", 127.0)).isEqualTo((byte) 127);
        assertThat(refusal("aByte", BigInteger.valueOf(128)))
                .endsWith("must be a whole number that fits in a byte, got 128n (a bigint)");
        assertThat(refusal("aByte", 0.5)).endsWith("got 0.5 (a number)");
    }

    @Test
    void doubleTakesAnyNumberAndExactBigints() {
        assertThat(pass("aDouble", 2.5)).isEqualTo(2.5);
        assertThat(pass("aDouble", Double.NaN)).isEqualTo(Double.NaN);
        assertThat(pass("aDouble", Double.NEGATIVE_INFINITY)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(pass("aDouble", BigInteger.ONE.shiftLeft(53))).isEqualTo(9007199254740992.0);
        assertThat(pass("aDouble", BigInteger.ONE.shiftLeft(1000))).isEqualTo(Math.pow(2, 1000));
        assertThat(refusal("aDouble", BigInteger.ONE.shiftLeft(53).add(BigInteger.ONE)))
                .isEqualTo("Alleged: Probe.aDouble argument 1 must be a number (or a bigint a double holds exactly),"
                        + " got 9007199254740993n (a bigint)");
        assertThat(refusal("aDouble", BigInteger.ONE.shiftLeft(1024))).contains("a bigint a double holds exactly");
        assertThat(refusal("aDouble", "1.5")).endsWith("got \"1.5\" (a string)");
    }

    @Test
    void floatTakesNumbersItHoldsExactly() {
        assertThat(pass("aFloat", 0.5)).isEqualTo(0.5f);
        assertThat(pass("aFloat", Double.NaN)).isEqualTo(Float.NaN);
        assertThat(pass("aFloat", Double.POSITIVE_INFINITY)).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(pass("aFloat", BigInteger.valueOf(16777216))).isEqualTo(16777216f);
        assertThat(refusal("aFloat", 0.1))
                .isEqualTo("Alleged: Probe.aFloat argument 1 must be a number a float holds exactly, got 0.1 (a number)");
        assertThat(refusal("aFloat", BigInteger.valueOf(16777217))).endsWith("got 16777217n (a bigint)");
        assertThat(refusal("aFloat", 1e300)).endsWith("got 1e+300 (a number)");
    }

    @Test
    void bigIntegerTakesBigintsAndWholeNumbers() {
        BigInteger huge = BigInteger.TEN.pow(40);
        assertThat(pass("aBigInteger", huge)).isSameAs(huge);
        assertThat(pass("aBigInteger", 1e20)).isEqualTo(new BigInteger("100000000000000000000"));
        assertThat(pass("aBigInteger", -0.0)).isEqualTo(BigInteger.ZERO);
        assertThat(refusal("aBigInteger", 1.5))
                .isEqualTo("Alleged: Probe.aBigInteger argument 1 must be a bigint or a whole number, got 1.5 (a number)");
        assertThat(refusal("aBigInteger", Double.POSITIVE_INFINITY)).endsWith("got Infinity (a number)");
        assertThat(pass("aBigInteger", null)).isNull();
    }

    @Test
    void booleansCharsAndStrings() {
        assertThat(pass("aBoolean", true)).isEqualTo(true);
        assertThat(refusal("aBoolean", 1.0)).isEqualTo("Alleged: Probe.aBoolean argument 1 must be a boolean, got 1 (a number)");
        assertThat(refusal("aBoolean", "true")).endsWith("got \"true\" (a string)");
        assertThat(pass("aChar", "x")).isEqualTo('x');
        assertThat(pass("aCharacter", "\u00e9")).isEqualTo('\u00e9');
        assertThat(refusal("aChar", "xy")).isEqualTo(
                "Alleged: Probe.aChar argument 1 must be a string of one character, got \"xy\" (a string)");
        assertThat(refusal("aChar", "")).endsWith("got \"\" (a string)");
        assertThat(refusal("aChar", "\ud83d\ude00")).endsWith("(a string)"); // two UTF-16 units
        assertThat(pass("aString", "hi")).isEqualTo("hi");
        assertThat(refusal("aString", 1.0)).isEqualTo("Alleged: Probe.aString argument 1 must be a string, got 1 (a number)");
        assertThat(refusal("aString", PassableSymbol.registered("s"))).endsWith("got Symbol(s) (a symbol)");
    }

    @Test
    void objectTakesEverythingAsItIs() {
        RemotableRef ref = new RemotableRef("ko1", "Alleged: Purse");
        for (Object value : new Object[] {Undefined.UNDEFINED, 1.0, "s", ref, Passables.list(1.0),
                Passables.record("a", 1.0), PassableError.typeError("t"), new Tagged("x", null)}) {
            assertThat(pass("anObject", value)).isSameAs(value);
        }
        assertThat(pass("anObject", null)).isNull();
    }

    @Test
    void listsAndCollectionsTakeListsConvertingElementsToTheTypeArgument() {
        List<Object> list = Passables.list(1.0, "a", null);
        assertThat(pass("aList", list)).isSameAs(list);
        assertThat(pass("aLongList", Passables.list(1.0, BigInteger.TWO, null))).isEqualTo(java.util.Arrays.asList(1L, 2L, null));
        assertThat(pass("aCollection", Passables.list("a", "b"))).isEqualTo(List.of("a", "b"));
        assertThat(pass("anIterable", Passables.list(3.0))).isEqualTo(List.of(3));
        assertThat(pass("anExtendsList", Passables.list(3.0))).isEqualTo(List.of(3L));
        assertThat(refusal("aList", Passables.record()))
                .isEqualTo("Alleged: Probe.aList argument 1 must be a list, got {} (a record)");
        assertThat(refusal("aLongList", Passables.list(1.0, 2.0, 2.5))).isEqualTo(
                "Alleged: Probe.aLongList argument 1 at [2] must be a whole number that fits in a long, got 2.5 (a number)");
        assertThat(refusal("aCollection", Passables.list("a", 1.0))).endsWith("at [1] must be a string, got 1 (a number)");
    }

    @Test
    void convertedListsAreUnmodifiable() {
        @SuppressWarnings("unchecked")
        List<Long> longs = (List<Long>) pass("aLongList", Passables.list(1.0));
        assertThatThrownBy(() -> longs.add(2L)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void mapsTakeRecordsConvertingValuesToTheTypeArgument() {
        Map<String, Object> record = Passables.record("a", 1.0, "b", null);
        assertThat(pass("aMap", record)).isSameAs(record);
        assertThat(pass("aLongMap", Passables.record("a", 1.0, "b", BigInteger.TEN))).isEqualTo(Map.of("a", 1L, "b", 10L));
        assertThat(refusal("aMap", Passables.list()))
                .isEqualTo("Alleged: Probe.aMap argument 1 must be a record, got [] (a list)");
        assertThat(refusal("aMap", Tagged.copyMap(Map.of("k", 1.0)))).endsWith("(a tagged value)");
        assertThat(refusal("aLongMap", Passables.record("a", 1.0, "not ident", "x"))).isEqualTo(
                "Alleged: Probe.aLongMap argument 1 at [\"not ident\"] must be a whole number that fits in a long,"
                        + " got \"x\" (a string)");
    }

    @Test
    void arraysTakeListsElementByElement() {
        assertThat((long[]) pass("aLongArray", Passables.list(1.0, BigInteger.TWO))).containsExactly(1L, 2L);
        assertThat((String[]) pass("aStringArray", Passables.list("a", null))).containsExactly("a", null);
        assertThat((int[][]) pass("aMatrix", Passables.list(Passables.list(1.0), Passables.list())))
                .isDeepEqualTo(new int[][] {{1}, {}});
        assertThat(refusal("aLongArray", Passables.list(1.0, null)))
                .isEqualTo("Alleged: Probe.aLongArray argument 1 at [1] must be a whole number that fits in a long, got null");
        assertThat(refusal("aMatrix", Passables.list(Passables.list(1.0, "x")))).endsWith("at [0][1] must be a whole"
                + " number that fits in an int, got \"x\" (a string)");
        assertThat(refusal("aStringArray", "a")).endsWith("must be a list, got \"a\" (a string)");
    }

    @Test
    void recordsTakeRecordsWithExactlyTheirComponents() {
        assertThat(pass("anItem", Passables.record("sku", "A1", "qty", 2.0))).isEqualTo(new Item("A1", 2));
        // Key order does not matter.
        assertThat(pass("anItem", Passables.record("qty", 2.0, "sku", "A1"))).isEqualTo(new Item("A1", 2));
        assertThat(pass("nothing", Passables.record())).isEqualTo(new Nothing());
        assertThat(refusal("anItem", Passables.record("sku", "A1"))).isEqualTo(
                "Alleged: Probe.anItem argument 1 is missing field \"qty\" (Item has fields sku, qty)");
        assertThat(refusal("anItem", Passables.record("sku", "A1", "qty", 1.0, "colour", "red"))).isEqualTo(
                "Alleged: Probe.anItem argument 1 has an unexpected field \"colour\" (Item has fields sku, qty)");
        assertThat(refusal("anItem", Passables.list("A1", 2.0))).isEqualTo(
                "Alleged: Probe.anItem argument 1 must be a record with fields sku, qty (for Item), got [\"A1\", 2] (a list)");
        assertThat(refusal("anItem", Passables.record("sku", "A1", "qty", null))).isEqualTo(
                "Alleged: Probe.anItem argument 1 at .qty must be a whole number that fits in a long, got null");
        assertThat(refusal("nothing", Passables.record("x", 1.0)))
                .isEqualTo("Alleged: Probe.nothing argument 1 has an unexpected field \"x\" (Nothing has no fields)");
    }

    @Test
    void recordsNestInRecordsAndLists() {
        Map<String, Object> order = Passables.record("customer", "Ann",
                "items", Passables.list(Passables.record("sku", "A1", "qty", 1.0), Passables.record("sku", "B2", "qty", 3.0)),
                "colour", "RED");
        assertThat(pass("anOrder", order))
                .isEqualTo(new Order("Ann", List.of(new Item("A1", 1), new Item("B2", 3)), Colour.RED));
        Map<String, Object> bad = Passables.record("customer", "Ann",
                "items", Passables.list(Passables.record("sku", "A1", "qty", 1.0), Passables.record("sku", "B2", "qty", 2.5)),
                "colour", "RED");
        assertThat(refusal("anOrder", bad)).isEqualTo("Alleged: Probe.anOrder argument 1 at .items[1].qty must be"
                + " a whole number that fits in a long, got 2.5 (a number)");
        Map<String, Object> missing = Passables.record("customer", "Ann",
                "items", Passables.list(Passables.record("qty", 1.0)), "colour", "RED");
        assertThat(refusal("anOrder", missing)).isEqualTo(
                "Alleged: Probe.anOrder argument 1 at .items[0] is missing field \"sku\" (Item has fields sku, qty)");
    }

    @Test
    void aRecordMayContainItself() {
        Map<String, Object> tree = Passables.record("name", "root", "children",
                Passables.list(Passables.record("name", "leaf", "children", Passables.list())));
        assertThat(pass("aNode", tree)).isEqualTo(new Node("root", List.of(new Node("leaf", List.of()))));
        Map<String, Object> bad = Passables.record("name", "root", "children",
                Passables.list(Passables.record("name", 1.0, "children", Passables.list())));
        assertThat(refusal("aNode", bad)).endsWith("at .children[0].name must be a string, got 1 (a number)");
    }

    @Test
    void aRecordsOwnCheckRefusesTheCallWithItsMessage() {
        assertThat(pass("aPositive", Passables.record("value", 3.0))).isEqualTo(new Positive(3));
        try {
            Dispatcher.invoke(probe, "aPositive", Passables.list(Passables.record("value", -1.0)));
            throw new AssertionError("expected a refusal");
        } catch (DispatchException e) {
            assertThat(e.getMessage()).isEqualTo(
                    "Alleged: Probe.aPositive argument 1 is not a valid Positive: value must be positive, not -1");
            assertThat(e.getCause()).isInstanceOf(IllegalArgumentException.class);
        } catch (InvocationFailure e) {
            throw new AssertionError("a bad argument is not the method's failure", e);
        }
    }

    @Test
    void enumsTakeTheNameOfAConstant() {
        assertThat(pass("aColour", "GREEN")).isEqualTo(Colour.GREEN);
        assertThat(refusal("aColour", "green")).isEqualTo(
                "Alleged: Probe.aColour argument 1 must be one of \"RED\", \"GREEN\", \"BLUE\", got \"green\" (a string)");
        assertThat(refusal("aColour", 0.0)).endsWith("got 0 (a number)");
        assertThat(pass("aColour", null)).isNull();
    }

    @Test
    void referenceTypesTakeInstances() {
        RemotableRef ref = new RemotableRef("ko1", "Alleged: Purse");
        Probe other = new Probe();
        Presence presence = () -> "Alleged: Wallet";
        PromiseRef promise = new PromiseRef("kp1");
        assertThat(pass("aRemotable", ref)).isSameAs(ref);
        assertThat(pass("aRemotable", other)).isSameAs(other);
        assertThat(pass("aFar", other)).isSameAs(other);
        assertThat(pass("aProbe", other)).isSameAs(other);
        assertThat(pass("aPresence", presence)).isSameAs(presence);
        assertThat(pass("aPromise", promise)).isSameAs(promise);
        assertThat(pass("aRemotable", null)).isNull();
        assertThat(pass("aRemotable", Undefined.UNDEFINED)).isNull();
        assertThat(refusal("aRemotable", "ko1"))
                .isEqualTo("Alleged: Probe.aRemotable argument 1 must be a remotable, got \"ko1\" (a string)");
        assertThat(refusal("aFar", ref)).isEqualTo("Alleged: Probe.aFar argument 1 must be a Far, got a remotable Alleged: Purse");
        assertThat(refusal("aProbe", ref)).endsWith("must be a Probe, got a remotable Alleged: Purse");
        assertThat(refusal("aPresence", other)).endsWith("must be a Presence, got a remotable Alleged: Probe");
        assertThat(refusal("aPromise", ref)).endsWith("must be a promise, got a remotable Alleged: Purse");
        assertThat(refusal("aVatPromise", promise)).endsWith("must be a VatPromise, got a promise");
    }

    @Test
    void theMarshallersOwnTypesTakeInstances() {
        Tagged tagged = Tagged.copySet(List.of("a"));
        PassableError error = PassableError.typeError("bad");
        PassableSymbol symbol = PassableSymbol.wellKnown("asyncIterator");
        assertThat(pass("aTagged", tagged)).isSameAs(tagged);
        assertThat(pass("anError", error)).isSameAs(error);
        assertThat(pass("aSymbol", symbol)).isSameAs(symbol);
        assertThat(pass("anUndefined", Undefined.UNDEFINED)).isSameAs(Undefined.UNDEFINED);
        assertThat(refusal("aTagged", Passables.list()))
                .isEqualTo("Alleged: Probe.aTagged argument 1 must be a tagged value, got [] (a list)");
        assertThat(refusal("anError", "bad")).endsWith("must be an error, got \"bad\" (a string)");
        assertThat(refusal("aSymbol", "s")).endsWith("must be a symbol, got \"s\" (a string)");
        assertThat(refusal("anError", tagged)).endsWith("got makeTagged(\"copySet\", [\"a\"]) (a tagged value)");
    }

    @Test
    void typeVariablesConvertAsTheirBounds() {
        assertThat(pass("aNumber", 1.0)).isEqualTo(1.0);
        assertThat(pass("aNumber", BigInteger.ONE)).isEqualTo(BigInteger.ONE);
        assertThat(pass("aBoundedT", 2.0)).isEqualTo(2.0);
        assertThat(refusal("aBoundedT", "2")).endsWith("must be a Number, got \"2\" (a string)");
    }

    @Test
    void longValuesAreShownCutShort() {
        String message = refusal("aLong", "x".repeat(1000));
        assertThat(message).isEqualTo("Alleged: Probe.aLong argument 1 must be a whole number that fits in a long, got \""
                + "x".repeat(40) + "…\" (a string)");
    }

    @Test
    void valuesThatAlreadyHaveTheTypePassAsTheyAre() throws Exception {
        // What a vat passes when it sends to its own object.
        Item item = new Item("A1", 1);
        Dispatcher.invoke(probe, "anItem", List.of(item));
        assertThat(probe.received).isSameAs(item);
        Dispatcher.invoke(probe, "aColour", List.of(Colour.BLUE));
        assertThat(probe.received).isSameAs(Colour.BLUE);
        Dispatcher.invoke(probe, "aLong", List.of(7));
        assertThat(probe.received).isEqualTo(7L);
        Dispatcher.invoke(probe, "anInt", List.of(7L));
        assertThat(probe.received).isEqualTo(7);
        Dispatcher.invoke(probe, "aDouble", List.of(2.5f));
        assertThat(probe.received).isEqualTo(2.5);
        Dispatcher.invoke(probe, "aChar", List.of('c'));
        assertThat(probe.received).isEqualTo('c');
        long[] longs = {1, 2};
        Dispatcher.invoke(probe, "aLongArray", List.of((Object) longs));
        assertThat(probe.received).isSameAs(longs);
        assertThatThrownBy(() -> Dispatcher.invoke(probe, "anInt", List.of(1L << 40)))
                .isInstanceOf(DispatchException.class)
                .hasMessage("Alleged: Probe.anInt argument 1 must be a whole number that fits in an int, got 1099511627776 (a number)");
    }
}
