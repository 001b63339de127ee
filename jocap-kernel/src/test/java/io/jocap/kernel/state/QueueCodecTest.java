package io.jocap.kernel.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jocap.marshal.CapData;
import io.jocap.testkit.Gen;
import io.jocap.testkit.PropertyCheck;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QueueCodecTest {
    static final Gen<String> KREFS = Gen.frequency(
            Gen.weight(1, Gen.ints(1, 20).map(Kref::object)),
            Gen.weight(1, Gen.ints(1, 20).map(Kref::promise)));
    /** Bodies with spaces, newlines and JSON-special characters: the codec must keep them verbatim. */
    static final Gen<String> BODIES = Gen.stringsOf("#[]{}\"\\ ,:$&abc\n\t-0123456789é😀", 40);

    static final Gen<KernelMessage> MESSAGES = (random, size) -> new KernelMessage(
            new CapData(BODIES.next(random, size), Gen.listOf(KREFS, 5).next(random, size)),
            random.nextBoolean() ? null : Kref.promise(random.nextInt(1, 100)));

    static final Gen<RunQueueItem> ITEMS = Gen.frequency(
            Gen.weight(3, (random, size) -> new RunQueueItem.Send(KREFS.next(random, size), MESSAGES.next(random, size))),
            Gen.weight(1, (random, size) -> new RunQueueItem.Notify(
                    Gen.oneOf("v1", "v22", "r3", "kernel").next(random, size), Kref.promise(random.nextInt(1, 100)))));

    @Test
    void encodingIsTheDocumentedHeaderThenTheRawBody() {
        CapData methargs = new CapData("#[\"deposit\",[\"$0.Alleged: purse\"]]", List.of("ko5"));
        assertThat(QueueCodec.encode(new RunQueueItem.Send("ko12", new KernelMessage(methargs, "kp4"))))
                .isEqualTo("S ko12 kp4 1 ko5 #[\"deposit\",[\"$0.Alleged: purse\"]]");
        assertThat(QueueCodec.encode(new RunQueueItem.Send("kp2", new KernelMessage(new CapData("#0", List.of()), null))))
                .isEqualTo("S kp2 - 0 #0");
        assertThat(QueueCodec.encode(new RunQueueItem.Notify("v3", "kp4"))).isEqualTo("N v3 kp4");
        assertThat(QueueCodec.encode(new KernelMessage(new CapData("", List.of("kp1", "ko2")), null)))
                .isEqualTo("- 2 kp1 ko2 ");
    }

    @Test
    void itemsAndMessagesRoundTrip() {
        PropertyCheck.forAll("run-queue items round-trip", 500, ITEMS,
                item -> assertThat(QueueCodec.decodeItem(QueueCodec.encode(item))).isEqualTo(item));
        PropertyCheck.forAll("queued messages round-trip", 500, MESSAGES,
                m -> assertThat(QueueCodec.decodeMessage(QueueCodec.encode(m))).isEqualTo(m));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "X ko1", "S", "S ", "S ko1", "S ko1 ", "S ko1 - ", "S ko1 -", "S ko1 - 0",
            "S kx1 - 0 #0", "S ko1 ko2 0 #0", "S ko1 - 1 #0", "S ko1 - 2 ko1 #0", "S ko1 - 01 ko1 #0",
            "S ko1 - -1 #0", "S ko1 - 1 o-1 #0", "S ko1 - 9999999 ko1", "S  ko1 - 0 #0",
            "N", "N v1", "N v1 ", "N v1 ko1", "N x kp1", "N v1 kp1 extra", "n v1 kp1"})
    void corruptItemsAreRejectedWithTheirText(String bad) {
        assertThatThrownBy(() -> QueueCodec.decodeItem(bad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("corrupt run-queue item (")
                .hasMessageEndingWith(": \"" + bad + "\"");
    }

    @Test
    void corruptMessagesSayWhatIsWrong() {
        assertThatThrownBy(() -> QueueCodec.decodeMessage("ko1 0 #0"))
                .hasMessageContaining("not a kernel promise reference: \"ko1\"");
        assertThatThrownBy(() -> QueueCodec.decodeMessage("- 2 ko1 #0"))
                .hasMessageContaining("the slot 1 field is missing");
        assertThatThrownBy(() -> QueueCodec.decodeMessage("- x #0"))
                .hasMessageContaining("bad slot count \"x\"");
    }

    @Test
    void messagesOnlyHoldKrefs() {
        assertThatThrownBy(() -> new KernelMessage(new CapData("#0", List.of("ko1", "o-1")), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("slot 1 of a kernel message is not a kref: \"o-1\"");
        assertThatThrownBy(() -> new KernelMessage(new CapData("#0", List.of()), "ko1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RunQueueItem.Notify("v1", "ko1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RunQueueItem.Send("v1", null)).isInstanceOf(IllegalArgumentException.class);
    }
}
