package io.jocap.kernel.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jocap.marshal.CapData;
import io.jocap.marshal.MarshalException;
import io.jocap.marshal.PassableError;
import io.jocap.marshal.RemotableRef;
import io.jocap.marshal.Smallcaps;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class KernelErrorsTest {
    static Stream<Arguments> exactBodies() {
        return Stream.of(
                Arguments.of(KernelErrorCode.OBJECT_REVOKED,
                        "#{\"#error\":\"[KERNEL:OBJECT_REVOKED] the target object has been revoked\",\"name\":\"Error\"}"),
                Arguments.of(KernelErrorCode.OBJECT_DELETED,
                        "#{\"#error\":\"[KERNEL:OBJECT_DELETED] the target object no longer exists\",\"name\":\"Error\"}"),
                Arguments.of(KernelErrorCode.BAD_PROMISE_RESOLUTION,
                        "#{\"#error\":\"[KERNEL:BAD_PROMISE_RESOLUTION] the target promise was fulfilled to a value "
                                + "that is not a single object or promise reference\",\"name\":\"Error\"}"),
                Arguments.of(KernelErrorCode.ENDPOINT_UNREACHABLE,
                        "#{\"#error\":\"[KERNEL:ENDPOINT_UNREACHABLE] the target endpoint is unreachable "
                                + "(terminated or disconnected)\",\"name\":\"Error\"}"),
                Arguments.of(KernelErrorCode.DELIVERY_FAILED,
                        "#{\"#error\":\"[KERNEL:DELIVERY_FAILED] the message could not be delivered\",\"name\":\"Error\"}"),
                Arguments.of(KernelErrorCode.VAT_TERMINATED,
                        "#{\"#error\":\"[KERNEL:VAT_TERMINATED] the vat that was to resolve this promise has been "
                                + "terminated\",\"name\":\"Error\"}"),
                Arguments.of(KernelErrorCode.VAT_RESTARTED,
                        "#{\"#error\":\"[KERNEL:VAT_RESTARTED] the vat that was to resolve this promise has been "
                                + "restarted\",\"name\":\"Error\"}"),
                Arguments.of(KernelErrorCode.CONNECTION_LOST,
                        "#{\"#error\":\"[KERNEL:CONNECTION_LOST] the connection to the remote kernel was lost\","
                                + "\"name\":\"Error\"}"),
                Arguments.of(KernelErrorCode.PEER_RESTARTED,
                        "#{\"#error\":\"[KERNEL:PEER_RESTARTED] the remote kernel restarted\",\"name\":\"Error\"}"),
                Arguments.of(KernelErrorCode.VAT_FATAL_ILLEGAL_SYSCALL,
                        "#{\"#error\":\"[KERNEL:VAT_FATAL:ILLEGAL_SYSCALL] the vat made an illegal syscall\","
                                + "\"name\":\"Error\"}"),
                Arguments.of(KernelErrorCode.VAT_FATAL_INTERNAL_ERROR,
                        "#{\"#error\":\"[KERNEL:VAT_FATAL:INTERNAL_ERROR] the vat failed with an internal error\","
                                + "\"name\":\"Error\"}"));
    }

    @ParameterizedTest
    @MethodSource("exactBodies")
    void defaultErrorsEncodeExactly(KernelErrorCode code, String body) {
        assertThat(KernelErrors.toCapData(code)).isEqualTo(new CapData(body, List.of()));
        assertThat(KernelErrors.toCapData(code, code.defaultDetail())).isEqualTo(new CapData(body, List.of()));
    }

    @Test
    void everyCodeHasAnExactBodyTest() {
        assertThat(exactBodies().map(a -> a.get()[0])).containsExactlyInAnyOrder((Object[]) KernelErrorCode.values());
    }

    @ParameterizedTest
    @EnumSource(KernelErrorCode.class)
    void customDetailsEncodeExactlyAndParseBack(KernelErrorCode code) {
        CapData data = KernelErrors.toCapData(code, "worker said \"no\"");
        String tagText = code.tag().replace("[KERNEL:", "").replace("]", "");
        assertThat(data.body()).isEqualTo(
                "#{\"#error\":\"[KERNEL:" + tagText + "] worker said \\\"no\\\"\",\"name\":\"Error\"}");
        assertThat(data.slots()).isEmpty();
        assertThat(KernelErrors.codeOf(data)).contains(code);

        RuntimeException e = KernelErrors.toException(data);
        assertThat(e).isInstanceOf(KernelException.class).hasMessage(code.tag() + " worker said \"no\"");
        KernelException ke = (KernelException) e;
        assertThat(ke.code()).isEqualTo(code);
        assertThat(ke.detail()).isEqualTo("worker said \"no\"");
    }

    @Test
    void emptyDetailGivesTheBareTag() {
        CapData data = KernelErrors.toCapData(KernelErrorCode.VAT_TERMINATED, "");
        assertThat(data.body()).isEqualTo("#{\"#error\":\"[KERNEL:VAT_TERMINATED]\",\"name\":\"Error\"}");
        KernelException e = (KernelException) KernelErrors.toException(data);
        assertThat(e.code()).isEqualTo(KernelErrorCode.VAT_TERMINATED);
        assertThat(e.detail()).isEmpty();
    }

    @Test
    void tagsAreRecognisedOnErrorsOfAnyNameAndWithoutASpace() {
        CapData typeError = Smallcaps.standard().encode(PassableError.typeError("[KERNEL:OBJECT_DELETED] gone"));
        assertThat(KernelErrors.codeOf(typeError)).contains(KernelErrorCode.OBJECT_DELETED);
        CapData glued = Smallcaps.standard().encode(PassableError.error("[KERNEL:VAT_FATAL:INTERNAL_ERROR]boom"));
        KernelException e = (KernelException) KernelErrors.toException(glued);
        assertThat(e.code()).isEqualTo(KernelErrorCode.VAT_FATAL_INTERNAL_ERROR);
        assertThat(e).hasMessage("[KERNEL:VAT_FATAL:INTERNAL_ERROR]boom");
        assertThat(e.detail()).isEqualTo("boom");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "boom",
        "",
        " [KERNEL:OBJECT_DELETED] leading space",
        "[KERNEL:OBJECT_DELETED",
        "[KERNEL:SOMETHING_NEW] a code from a newer kernel",
        "[KERNEL:VAT_FATAL:OBJECT_DELETED] wrong prefix",
        "[KERNEL:object_deleted] lower case",
        "see [KERNEL:OBJECT_DELETED] in the middle"
    })
    void otherErrorsAreVatRejections(String message) {
        CapData data = Smallcaps.standard().encode(PassableError.error(message));
        assertThat(KernelErrors.codeOfMessage(message)).isEmpty();
        assertThat(KernelErrors.codeOf(data)).isEmpty();
        RuntimeException e = KernelErrors.toException(data);
        assertThat(e).isInstanceOf(VatRejectionException.class);
        VatRejectionException vre = (VatRejectionException) e;
        assertThat(vre.isDecoded()).isTrue();
        assertThat(vre.value()).isEqualTo(PassableError.error(message));
        assertThat(vre.rejection()).isEqualTo(data);
        assertThat(vre).hasMessageStartingWith("rejected: Error: ").hasNoCause();
    }

    @Test
    void vatRejectionsWithNonErrorsShowTheValue() {
        CapData record = Smallcaps.standard().encode(Map.of("reason", "insufficient funds"));
        VatRejectionException e = (VatRejectionException) KernelErrors.toException(record);
        assertThat(e).hasMessage("rejected with {reason: \"insufficient funds\"}");
        assertThat(e.value()).isEqualTo(Map.of("reason", "insufficient funds"));
        assertThat(KernelErrors.codeOf(record)).isEmpty();

        CapData tagString = Smallcaps.standard().encode("[KERNEL:OBJECT_DELETED] a string, not an error");
        assertThat(KernelErrors.codeOf(tagString)).isEmpty();
        assertThat(KernelErrors.toException(tagString)).isInstanceOf(VatRejectionException.class);

        VatRejectionException nul = (VatRejectionException) KernelErrors.toException(new CapData("#null", List.of()));
        assertThat(nul.isDecoded()).isTrue();
        assertThat(nul.value()).isNull();
        assertThat(nul).hasMessage("rejected with null");

        CapData ref = new CapData("#\"$0.Alleged: purse\"", List.of("ko3"));
        VatRejectionException withRef = (VatRejectionException) KernelErrors.toException(ref);
        assertThat(withRef.value()).isEqualTo(new RemotableRef("ko3", "Alleged: purse"));
    }

    @Test
    void longValuesAreShortenedInTheMessage() {
        String big = "x".repeat(5000);
        VatRejectionException e = (VatRejectionException) KernelErrors.toException(
                Smallcaps.standard().encode(PassableError.error(big)));
        assertThat(e.getMessage()).hasSize("rejected: ".length() + KernelErrors.MAX_SHOWN_VALUE_LENGTH + 1)
                .endsWith("…");
        assertThat(e.value()).isEqualTo(PassableError.error(big));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "#", "#{", "not json", "#\"$0\"", "#{\"#error\":42,\"name\":\"Error\"}", "#\"*reserved\""})
    void junkCapDataNeverThrows(String body) {
        CapData junk = new CapData(body, List.of());
        assertThatThrownBy(() -> Smallcaps.standard().decode(junk)).isInstanceOf(MarshalException.class);
        assertThat(KernelErrors.codeOf(junk)).isEmpty();
        RuntimeException e = KernelErrors.toException(junk);
        assertThat(e).isInstanceOf(VatRejectionException.class)
                .hasMessageStartingWith("rejected with a value that could not be decoded: ")
                .hasCauseInstanceOf(MarshalException.class);
        VatRejectionException vre = (VatRejectionException) e;
        assertThat(vre.isDecoded()).isFalse();
        assertThat(vre.value()).isNull();
        assertThat(vre.rejection()).isSameAs(junk);
    }

    @Test
    void kernelExceptionsInsistOnTheirTag() {
        KernelException e = KernelException.of(KernelErrorCode.CONNECTION_LOST, "gave up");
        assertThat(e).hasMessage("[KERNEL:CONNECTION_LOST] gave up");
        assertThat(e.code()).isEqualTo(KernelErrorCode.CONNECTION_LOST);
        assertThatThrownBy(() -> new KernelException(KernelErrorCode.CONNECTION_LOST, "[KERNEL:PEER_RESTARTED] x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[KERNEL:CONNECTION_LOST]");
    }
}
