package io.jocap.kernel.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class KernelErrorCodeTest {
    /** The tag grammar of DESIGN section 4 / the reference behaviour, section 5.5. */
    private static final Pattern TAG = Pattern.compile("^\\[KERNEL:(?:VAT_FATAL:)?[A-Z_]+\\]$");
    /** Anything shaped like a kref, vat or remote id. */
    private static final Pattern KERNEL_ID = Pattern.compile("\\b(k[op]|[vr])\\d+\\b");

    @Test
    void tagsAreTheDocumentedOnes() {
        assertThat(KernelErrorCode.values()).extracting(KernelErrorCode::tag).containsExactly(
                "[KERNEL:OBJECT_REVOKED]",
                "[KERNEL:OBJECT_DELETED]",
                "[KERNEL:BAD_PROMISE_RESOLUTION]",
                "[KERNEL:ENDPOINT_UNREACHABLE]",
                "[KERNEL:DELIVERY_FAILED]",
                "[KERNEL:VAT_TERMINATED]",
                "[KERNEL:VAT_RESTARTED]",
                "[KERNEL:CONNECTION_LOST]",
                "[KERNEL:PEER_RESTARTED]",
                "[KERNEL:VAT_FATAL:ILLEGAL_SYSCALL]",
                "[KERNEL:VAT_FATAL:INTERNAL_ERROR]");
    }

    @ParameterizedTest
    @EnumSource(KernelErrorCode.class)
    void everyTagMatchesTheGrammarAndLooksItselfUp(KernelErrorCode code) {
        assertThat(code.tag()).matches(TAG);
        assertThat(KernelErrorCode.fromTag(code.tag())).contains(code);
    }

    @ParameterizedTest
    @EnumSource(KernelErrorCode.class)
    void defaultDetailsAreHumanAndFreeOfKernelIds(KernelErrorCode code) {
        assertThat(code.defaultDetail()).isNotBlank().doesNotContain("[").doesNotContainPattern(KERNEL_ID);
        assertThat(code.message()).isEqualTo(code.tag() + " " + code.defaultDetail());
    }

    @Test
    void messagesJoinTagAndDetail() {
        assertThat(KernelErrorCode.OBJECT_DELETED.defaultDetail()).isEqualTo("the target object no longer exists");
        assertThat(KernelErrorCode.DELIVERY_FAILED.message("queue full"))
                .isEqualTo("[KERNEL:DELIVERY_FAILED] queue full");
        assertThat(KernelErrorCode.DELIVERY_FAILED.message("")).isEqualTo("[KERNEL:DELIVERY_FAILED]");
    }

    @Test
    void unknownTagsAreNotFound() {
        assertThat(KernelErrorCode.fromTag("[KERNEL:NOPE]")).isEmpty();
        assertThat(KernelErrorCode.fromTag("[KERNEL:ILLEGAL_SYSCALL]")).isEmpty();
        assertThat(KernelErrorCode.fromTag("OBJECT_REVOKED")).isEmpty();
        assertThat(KernelErrorCode.fromTag("[kernel:OBJECT_REVOKED]")).isEmpty();
    }
}
