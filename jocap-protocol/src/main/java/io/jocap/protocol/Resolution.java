package io.jocap.protocol;

import io.jocap.marshal.CapData;

/**
 * The settlement of one promise, as a vat reports it ({@code resolve}) or is told it ({@code
 * notify}).
 *
 * @param promise the promise's vref ({@code p+N} or {@code p-N})
 * @param rejected whether the promise is rejected ({@code data} is the reason) rather than
 *     fulfilled ({@code data} is the value)
 * @param data the value or reason; its slots are vrefs
 * @throws ProtocolException if {@code promise} is not a promise vref or {@code data} is null or has
 *     a slot that is not a vref
 */
public record Resolution(String promise, boolean rejected, CapData data) {
    public Resolution {
        Require.promise("resolution", "promise", promise);
        Require.capData("resolution", "data", data);
    }
}
