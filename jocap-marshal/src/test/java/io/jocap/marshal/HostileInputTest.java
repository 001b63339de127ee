package io.jocap.marshal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bodies and values built to hurt: each must fail fast with a MarshalException. */
class HostileInputTest {
    /** A guard against hangs and quadratic blow-ups, not a speed measurement (that is MarshalBenchmark). */
    private static final Duration QUICKLY = Duration.ofSeconds(10);
    private final Smallcaps codec = Smallcaps.standard();

    private void rejectsQuickly(String body, List<String> slots, String messagePart) {
        assertTimeoutPreemptively(QUICKLY, () -> assertThatThrownBy(() -> codec.decode(body, slots))
                .isInstanceOf(MarshalException.class)
                .hasMessageContaining(messagePart));
    }

    @Test
    void millionOpenBrackets() {
        rejectsQuickly("#" + "[".repeat(1_000_000), List.of(), "more than 128 levels deep");
    }

    @Test
    void millionNestedRecords() {
        rejectsQuickly("#" + "{\"a\":".repeat(1_000_000), List.of(), "more than 128 levels deep");
    }

    @Test
    void millionOpenBracketsInALegacyBodyAndAnEnvelope() {
        rejectsQuickly("[".repeat(1_000_000), List.of(), "nested deeper than 128");
        assertTimeoutPreemptively(QUICKLY, () -> assertThatThrownBy(
                        () -> CapData.fromJson("{\"body\":" + "[".repeat(1_000_000)))
                .isInstanceOf(MarshalException.class));
    }

    @Test
    void depthExactlyAtTheLimitIsFine() {
        String body = "#" + "[".repeat(128) + "]".repeat(128);
        assertThat(codec.decode(body, List.of())).isInstanceOf(List.class);
        rejectsQuickly("#" + "[".repeat(129) + "]".repeat(129), List.of(), "more than 128 levels deep");
    }

    @Test
    void twoHundredThousandDigitBigint() {
        rejectsQuickly("#\"+" + "9".repeat(200_000) + "\"", List.of(), "maxBigIntDigits");
        rejectsQuickly("#\"-" + "0".repeat(200_000) + "1\"", List.of(), "maxBigIntDigits");
        rejectsQuickly("{\"@qclass\":\"bigint\",\"digits\":\"" + "7".repeat(200_000) + "\"}", List.of(),
                "maxBigIntDigits");
    }

    @Test
    void bigintJustUnderTheLimitDecodes() {
        Smallcaps small = Smallcaps.builder().limits(new DecodeLimits(128, 1 << 20, 10, 50)).build();
        assertThat(small.decode("#\"+" + "1".repeat(50) + "\"", List.of())).hasToString("1".repeat(50));
        assertThatThrownBy(() -> small.decode("#\"+" + "1".repeat(51) + "\"", List.of()))
                .isInstanceOf(MarshalException.class).hasMessageContaining("more than 50 digits");
    }

    @Test
    void slotIndexThatIsNotASafeInteger() {
        rejectsQuickly("#\"$1e300\"", List.of("ko1"), "not a safe integer");
        rejectsQuickly("#\"$9007199254740992\"", List.of("ko1"), "not a safe integer");
        rejectsQuickly("#\"$0x" + "f".repeat(1_000_000) + "\"", List.of("ko1"), "not a safe integer");
        rejectsQuickly("#\"&" + "9".repeat(1_000_000) + "\"", List.of("kp1"), "not a safe integer");
        rejectsQuickly("#\"$-1\"", List.of("ko1"), "negative");
    }

    @Test
    void hugeSlotIndexIsOutOfRange() {
        rejectsQuickly("#\"$99999999999\"", List.of("ko1"), "slot check: the body refers to a slot index past the end of the slots list");
        rejectsQuickly("#\"$1.Alleged: x\"", List.of("ko1"), "slot check: ");
    }

    @Test
    void bodyOverTheLimitIsRejectedBeforeParsing() {
        Smallcaps small = Smallcaps.builder().limits(new DecodeLimits(128, 100, 10, 100)).build();
        assertThat(small.decode("#\"" + "x".repeat(97) + "\"", List.of())).isEqualTo("x".repeat(97));
        assertThatThrownBy(() -> small.decode("#\"" + "x".repeat(98) + "\"", List.of()))
                .isInstanceOf(MarshalException.class)
                .hasMessageContaining("101 characters")
                .hasMessageContaining("maxBodyLength");
        String huge = "#[" + "1,".repeat(DecodeLimits.DEFAULT.maxBodyLength() / 2) + "1]";
        rejectsQuickly(huge, List.of(), "maxBodyLength");
    }

    @Test
    void tooManySlots() {
        Smallcaps small = Smallcaps.builder().limits(new DecodeLimits(128, 100, 2, 100)).build();
        assertThatThrownBy(() -> small.decode("#1", List.of("ko1", "ko2", "ko3")))
                .isInstanceOf(MarshalException.class)
                .hasMessageContaining("maxSlots");
    }

    @Test
    void cyclicListsAndMapsFailToEncodeWithAClearMessage() {
        List<Object> list = new ArrayList<>();
        list.add(1);
        list.add(list);
        assertThatThrownBy(() -> codec.encode(list))
                .isInstanceOf(MarshalException.class)
                .hasMessageContaining("cyclic or nested more than 128 levels deep")
                .hasMessageContaining("at [1][1][1]");
        Map<String, Object> map = new HashMap<>();
        map.put("self", map);
        assertThatThrownBy(() -> codec.encode(map))
                .isInstanceOf(MarshalException.class)
                .hasMessageContaining("cyclic")
                .hasMessageContaining(".self.self");
    }

    @Test
    void encoderDepthBoundMatchesTheDecoders() {
        Object value = 1;
        for (int i = 0; i < 128; i++) {
            value = List.of(value);
        }
        CapData deepest = codec.encode(value);
        assertThat(codec.decode(deepest)).isEqualTo(bumpedToDouble(128));
        Object tooDeep = List.of(value);
        assertThatThrownBy(() -> codec.encode(tooDeep)).isInstanceOf(MarshalException.class);
    }

    private static Object bumpedToDouble(int depth) {
        Object value = 1.0;
        for (int i = 0; i < depth; i++) {
            value = List.of(value);
        }
        return value;
    }

    @Test
    void longStringsOfDigitsAreNumbersNotProblems() {
        assertTimeoutPreemptively(QUICKLY, () -> {
            assertThat(codec.decode("#1" + "0".repeat(500_000), List.of())).isEqualTo(Double.POSITIVE_INFINITY);
            assertThat(codec.decode("#0." + "0".repeat(500_000) + "1", List.of())).isEqualTo(0.0);
        });
    }
}
