package io.jocap.vat.runtime.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.jocap.marshal.Passables;
import io.jocap.testkit.Gen;
import io.jocap.testkit.PropertyCheck;
import io.jocap.vat.Far;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** Whole numbers survive the trip result → passable → argument exactly, whatever their size. */
class IntegralConversionPropertiesTest {
    @SuppressWarnings("unused") // called by name
    static final class Echo implements Far {
        public long asLong(long value) {
            return value;
        }

        public int asInt(int value) {
            return value;
        }
    }

    private final Echo echo = new Echo();

    private static final Gen<Long> INTERESTING_LONGS = Gen.frequency(
            Gen.weight(3, Gen.longs()),
            Gen.weight(3, (random, size) -> random.nextLong(-(1L << 54), 1L << 54)),
            Gen.weight(1, Gen.oneOf(0L, 1L << 53, -(1L << 53), (1L << 53) + 1, Long.MAX_VALUE, Long.MIN_VALUE)));

    @Test
    void aLongRoundTripsThroughItsPassableForm() {
        PropertyCheck.forAll("long round trip", 500, INTERESTING_LONGS, value -> {
            try {
                Object passable = ResultConverter.toPassable(value, "test returned");
                // The number form a decoder would produce: a Double within ±2^53, else a bigint.
                Object decoded = passable instanceof Long l ? (Object) l.doubleValue() : passable;
                assertThat(decoded).isInstanceOfAny(Double.class, BigInteger.class);
                assertThat(Dispatcher.invoke(echo, "asLong", Passables.list(decoded))).isIn(value, BigInteger.valueOf(value));
            } catch (DispatchException | InvocationFailure e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void anIntTakesExactlyTheWholeNumbersInItsRange() {
        PropertyCheck.forAll("int range", 500, INTERESTING_LONGS.map(l -> l >> (l & 63)), value -> {
            boolean fits = value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE;
            Object argument = Math.abs(value) <= (1L << 53) ? (Object) value.doubleValue() : BigInteger.valueOf(value);
            try {
                Object result = Dispatcher.invoke(echo, "asInt", Passables.list(argument));
                assertThat(fits).as("accepted " + argument).isTrue();
                assertThat(result).isEqualTo(value.intValue());
            } catch (DispatchException e) {
                assertThat(fits).as("refused " + argument + ": " + e.getMessage()).isFalse();
            } catch (InvocationFailure e) {
                throw new AssertionError(e);
            }
        });
    }
}
