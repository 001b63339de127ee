package io.jocap.kernel.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.jocap.marshal.CapData;
import io.jocap.marshal.MarshalException;
import io.jocap.marshal.PromiseRef;
import io.jocap.marshal.RemotableRef;
import io.jocap.marshal.Smallcaps;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The shortcut must answer exactly what decoding answers, on canonical and odd bodies alike. */
class SoleReferenceTest {
    static Stream<CapData> values() {
        List<List<String>> slotLists = List.of(List.of(), List.of("ko1"), List.of("kp2"), List.of("o+1"),
                List.of("ko01"), List.of("ko1", "ko2"), List.of("kp2", "ko1"));
        List<String> bodies = List.of("#\"$0\"", "#\"$0.Alleged: purse\"", "#\"$0.\"", "#\"$0.x\\\"y\"",
                "#\"$0.caf\u00e9\"", "#\"$0.tab\there\"", "#\"&0\"", "#\"&0.x\"", "#\"$1\"", "#\"&1\"", "#\"$00\"",
                "#\"$0", "#\"$0\" ", "# \"$0\"", "#\"\\u00240\"", "#\"!$0\"", "#[\"$0\"]", "#{\"a\":\"$0\"}", "#42",
                "#null", "{\"@qclass\":\"slot\",\"index\":0}", "#\"$0\"\"", "#\"$0x\"", "\"$0\"", "");
        return bodies.stream().flatMap(body -> slotLists.stream().map(slots -> new CapData(body, slots)));
    }

    @ParameterizedTest
    @MethodSource("values")
    void agreesWithTheDecoder(CapData value) {
        assertThat(SoleReference.of(value)).as(value.toJson()).isEqualTo(decoded(value));
    }

    private static String decoded(CapData value) {
        try {
            return switch (Smallcaps.standard().decode(value)) {
                case RemotableRef r -> r.slot();
                case PromiseRef p -> p.slot();
                case null, default -> null;
            };
        } catch (MarshalException e) {
            return null;
        }
    }
}
