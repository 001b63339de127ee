package io.jocap.marshal;

/**
 * Bounds that keep hostile bodies cheap to reject. Exceeding any of them is a {@link
 * MarshalException}.
 *
 * @param maxDepth how deeply arrays and objects may nest in a body (a body {@code #[[1]]} has depth
 *     2). The encoder applies the same bound to the values it encodes, so it never produces a body
 *     that the same configuration would refuse, and so that cyclic Java lists and maps fail cleanly
 * @param maxBodyLength the longest body accepted, in UTF-16 code units
 * @param maxSlots the most slots accepted with one body
 * @param maxBigIntDigits the most digits a bigint string may have ({@code BigInteger} parsing is
 *     superlinear)
 */
public record DecodeLimits(int maxDepth, int maxBodyLength, int maxSlots, int maxBigIntDigits) {
    /**
     * The defaults: depth 128, bodies up to 16 Mi code units, 1,000,000 slots, 100,000-digit
     * bigints. The body bound is well above any message the kernel sends while keeping the heap a
     * hostile body can claim (decoded values take several times the body's size) in the hundreds of
     * megabytes.
     */
    public static final DecodeLimits DEFAULT = new DecodeLimits(128, 16 * 1024 * 1024, 1_000_000, 100_000);

    /**
     * Checks the bounds.
     *
     * @throws MarshalException if any bound is not positive
     */
    public DecodeLimits {
        if (maxDepth < 1 || maxBodyLength < 1 || maxSlots < 1 || maxBigIntDigits < 1) {
            throw new MarshalException("decode limits must be positive: " + maxDepth + ", " + maxBodyLength + ", "
                    + maxSlots + ", " + maxBigIntDigits);
        }
    }
}
