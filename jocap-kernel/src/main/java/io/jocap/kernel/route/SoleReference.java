package io.jocap.kernel.route;

import io.jocap.kernel.state.Kref;
import io.jocap.marshal.CapData;
import io.jocap.marshal.MarshalException;
import io.jocap.marshal.PromiseRef;
import io.jocap.marshal.RemotableRef;
import io.jocap.marshal.Smallcaps;
import java.util.List;

/**
 * Whether a promise's fulfillment value is exactly one reference (a remotable or a promise, not a
 * container holding one), and which: the answer {@code Smallcaps.standard().decode(value)} gives,
 * read off the body text when that can be done exactly.
 *
 * <p><b>Why two paths.</b> The router asks this for every message sent to a fulfilled promise, so
 * decoding every time would be wasteful. The encoder writes a lone reference in one of three
 * shapes, {@code #"$0"}, {@code #"$0.<iface>"} and {@code #"&0"}, with one slot; those are
 * recognised by comparing characters (only for ifaces of printable ASCII without {@code "} or
 * {@code \}, where no JSON escape can hide, and only when the slot is a kref of the matching kind,
 * so the decoder could not disagree). Values without slots cannot hold a reference at all. Any
 * other value (data, containers, escaped or legacy bodies, surplus slots) is decoded, so odd but
 * valid encodings of a lone reference are still recognised, exactly as the decoder sees them.
 */
final class SoleReference {
    private static final String PROMISE_BODY = "#\"&0\"";
    private static final String REMOTABLE_PREFIX = "#\"$0";

    private SoleReference() {}

    /**
     * The slot of the lone reference {@code value} decodes to, or null if it decodes to anything
     * else or does not decode at all. The slot is returned as found: it may not be a kref.
     */
    static String of(CapData value) {
        List<String> slots = value.slots();
        if (slots.isEmpty()) {
            // Every reference names a slot, and a reference to a missing slot fails to decode.
            return null;
        }
        if (slots.size() == 1) {
            String slot = slots.getFirst();
            if (isCanonical(value.body(), slot)) {
                return slot;
            }
        }
        Object decoded;
        try {
            decoded = Smallcaps.standard().decode(value);
        } catch (MarshalException e) {
            return null; // a value that does not decode cannot be sent to either
        }
        if (decoded instanceof RemotableRef remotable) {
            return remotable.slot();
        }
        if (decoded instanceof PromiseRef promise) {
            return promise.slot();
        }
        return null;
    }

    /** Whether {@code body} is the encoder's form of a lone reference to {@code slot}. */
    private static boolean isCanonical(String body, String slot) {
        if (!Kref.isValid(slot)) {
            return false;
        }
        if (body.equals(PROMISE_BODY)) {
            return Kref.isPromise(slot);
        }
        return Kref.isObject(slot) && isRemotableBody(body);
    }

    /** {@code #"$0"} or {@code #"$0.<iface>"} with an iface of printable ASCII other than {@code "} and {@code \}. */
    private static boolean isRemotableBody(String body) {
        int n = body.length();
        if (!body.startsWith(REMOTABLE_PREFIX) || body.charAt(n - 1) != '"') {
            return false;
        }
        if (n == REMOTABLE_PREFIX.length() + 1) {
            return true;
        }
        if (body.charAt(REMOTABLE_PREFIX.length()) != '.') {
            return false;
        }
        for (int i = REMOTABLE_PREFIX.length() + 1; i < n - 1; i++) {
            char c = body.charAt(i);
            if (c < ' ' || c > '~' || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }
}
