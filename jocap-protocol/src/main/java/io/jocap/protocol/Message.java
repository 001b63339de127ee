package io.jocap.protocol;

import io.jocap.marshal.CapData;

/**
 * An eventual send: the method name and arguments, and the promise for its result.
 *
 * @param methargs {@code [methodName, args]} marshalled as one CapData; its slots are vrefs
 * @param result the vref of the promise the receiver resolves with the method's outcome, or null
 *     for a send whose outcome nobody awaits
 * @throws ProtocolException if {@code methargs} is null or has a slot that is not a vref, or
 *     {@code result} is present but not a promise vref
 */
public record Message(CapData methargs, String result) {
    public Message {
        Require.capData("message", "methargs", methargs);
        if (result != null) {
            Require.promise("message", "result", result);
        }
    }

    /** A send without a result promise. */
    public Message(CapData methargs) {
        this(methargs, null);
    }
}
