package io.jocap.kernel.errors;

import io.jocap.marshal.CapData;
import io.jocap.marshal.MarshalException;
import io.jocap.marshal.PassableError;
import io.jocap.marshal.PassableFormatter;
import io.jocap.marshal.Smallcaps;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Kernel errors as CapData and back, and rejections as Java exceptions.
 *
 * <p>A kernel error is an {@code Error} whose message starts with a {@linkplain KernelErrorCode#tag()
 * tag}, encoded with {@link Smallcaps#standard()}: {@code
 * #{"#error":"[KERNEL:OBJECT_REVOKED] the target object has been revoked","name":"Error"}} with no
 * slots. Recognition is by the tag alone: a vat can reject with an error that carries a kernel tag,
 * so a code found by {@link #codeOf} says what the rejection claims, not who produced it.
 *
 * <p>Nothing here throws on a malformed rejection: {@link #codeOf} answers empty and
 * {@link #toException} describes the failure in the exception it returns.
 */
public final class KernelErrors {
    /** Longest readable form of a rejection value put into an exception message, in chars. */
    static final int MAX_SHOWN_VALUE_LENGTH = 1000;

    private static final String TAG_START = "[KERNEL:";

    /** The default errors, encoded once: the router splats with them on every undeliverable message. */
    private static final Map<KernelErrorCode, CapData> DEFAULTS = defaults();

    private KernelErrors() {}

    /**
     * The kernel error for {@code code} with {@code detail} after the tag, as CapData: {@code
     * #{"#error":"[KERNEL:CODE] detail","name":"Error"}}, no slots. {@code detail} must not contain
     * krefs, endpoint ids or other kernel-internal ids (DESIGN section 4); an empty detail gives
     * the bare tag.
     */
    public static CapData toCapData(KernelErrorCode code, String detail) {
        Objects.requireNonNull(code, "code");
        return Smallcaps.standard().encode(PassableError.error(code.message(detail)));
    }

    /** The kernel error for {@code code} with its {@linkplain KernelErrorCode#defaultDetail() default detail}. */
    public static CapData toCapData(KernelErrorCode code) {
        return DEFAULTS.get(Objects.requireNonNull(code, "code"));
    }

    /**
     * The kernel error code of {@code rejection}: present when it decodes to an error (of any name)
     * whose message starts with a known tag. Empty for anything else, including CapData that does
     * not decode and tags of codes this kernel does not know.
     */
    public static Optional<KernelErrorCode> codeOf(CapData rejection) {
        Objects.requireNonNull(rejection, "rejection");
        try {
            return Smallcaps.standard().decode(rejection) instanceof PassableError error
                    ? codeOfMessage(error.message())
                    : Optional.empty();
        } catch (MarshalException e) {
            return Optional.empty();
        }
    }

    /**
     * The kernel error code whose tag starts {@code message}, as {@code
     * ^\[KERNEL:(?:VAT_FATAL:)?[A-Z_]+\]} would find it, limited to known tags.
     */
    public static Optional<KernelErrorCode> codeOfMessage(String message) {
        Objects.requireNonNull(message, "message");
        if (!message.startsWith(TAG_START)) {
            return Optional.empty();
        }
        // Every known tag is "[KERNEL:" + [A-Z_:]+ + "]", so the first ']' ends the candidate tag
        // and an exact lookup decides; no regex needed.
        int close = message.indexOf(']', TAG_START.length());
        return close < 0 ? Optional.empty() : KernelErrorCode.fromTag(message.substring(0, close + 1));
    }

    /**
     * The Java form of {@code rejection} for the host API: a {@link KernelException} if it is a
     * tagged kernel error (message as in the error), otherwise a {@link VatRejectionException}
     * carrying the decoded value and showing it readably (shortened beyond
     * {@value #MAX_SHOWN_VALUE_LENGTH} chars). Never throws for a rejection that does not decode:
     * the result is then a {@link VatRejectionException} that says so, with the failure as cause.
     */
    public static RuntimeException toException(CapData rejection) {
        Objects.requireNonNull(rejection, "rejection");
        Object value;
        try {
            value = Smallcaps.standard().decode(rejection);
        } catch (RuntimeException e) {
            // The decoder reports every failure as a MarshalException; anything else would be a
            // decoder bug, and still must not escape to the host as if the rejection were its fault.
            return VatRejectionException.undecodable(rejection,
                    "rejected with a value that could not be decoded: " + e.getMessage(), e);
        }
        if (value instanceof PassableError error) {
            Optional<KernelErrorCode> code = codeOfMessage(error.message());
            if (code.isPresent()) {
                return new KernelException(code.get(), error.message());
            }
        }
        // An error reads best as "Name: message", as a stack trace would show it; other values
        // (a vat may reject with anything) are shown as passables.
        String message = value instanceof PassableError error
                ? "rejected: " + cut(error.name() + ": " + error.message())
                : "rejected with " + cut(PassableFormatter.format(value));
        return VatRejectionException.decoded(rejection, value, message);
    }

    private static Map<KernelErrorCode, CapData> defaults() {
        Map<KernelErrorCode, CapData> map = new EnumMap<>(KernelErrorCode.class);
        for (KernelErrorCode code : KernelErrorCode.values()) {
            map.put(code, toCapData(code, code.defaultDetail()));
        }
        return map; // never modified after class initialisation, so safe to share
    }

    /** {@code text}, cut to {@link #MAX_SHOWN_VALUE_LENGTH} characters (a vat chose it: it may be huge). */
    private static String cut(String text) {
        if (text.length() <= MAX_SHOWN_VALUE_LENGTH) {
            return text;
        }
        int cut = MAX_SHOWN_VALUE_LENGTH;
        if (Character.isHighSurrogate(text.charAt(cut - 1))) {
            cut--; // don't split a surrogate pair
        }
        return text.substring(0, cut) + "…";
    }
}
