package io.jocap.marshal;

/**
 * Converts between remotables/promises and the slot values of {@link CapData#slots()}. One
 * converter serves many encodes and decodes; {@link Smallcaps} keeps the per-body bookkeeping.
 *
 * <ul>
 *   <li>{@link #toSlot} is called once per distinct object <em>identity</em> met while encoding
 *       one value; later occurrences of the same object reuse its slot index.
 *   <li>{@link #fromSlot} is called once per distinct slot index met while decoding one body;
 *       later occurrences of the index reuse the result, whatever iface or prefix they carry.
 * </ul>
 *
 * <p>Implementations should throw {@link MarshalException} to reject a value or slot; other
 * runtime exceptions are wrapped in one.
 */
public interface SlotConverter {
    /**
     * The ocap-kernel convention ({@code kser}/{@code kunser} with {@code kslot}).
     *
     * <ul>
     *   <li>{@code toSlot} returns {@link SlotRef#slot()} and rejects any object that is not a
     *       {@link SlotRef}.
     *   <li>{@code fromSlot} accepts refs matching {@code ^(k[op]\d+|[op][+-][0-9a-z/:]+|r[op][+-]\d+)$}
     *       (krefs, vrefs and remote refs) and rejects anything else, including a missing slot, with
     *       a message starting {@code "slot check: "}. Refs starting with {@code kp}, {@code p} or
     *       {@code rp} become a new {@link PromiseRef}; other refs a new {@link RemotableRef}, whose
     *       iface is the given one if valid, {@code "Alleged: " + iface} if not, and {@code
     *       "Remotable"} if absent.
     * </ul>
     */
    SlotConverter STANDARD = new StandardSlotConverter();

    /**
     * The slot value for a remotable or promise met while encoding.
     *
     * @param remotableOrPromise a {@link Remotable} or {@link PassablePromise}
     * @return the slot value; must not be null
     */
    String toSlot(Object remotableOrPromise);

    /**
     * The object for a slot index met while decoding.
     *
     * @param slot the slot value at that index, or null if the index is out of range
     * @param iface the interface name the body gave at the first occurrence of the index, or null
     * @return a {@link Remotable} for a {@code $} reference or a {@link PassablePromise} for a
     *     {@code &} reference; anything else makes the decode fail
     */
    Object fromSlot(String slot, String iface);
}
