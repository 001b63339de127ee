package io.jocap.marshal;

/**
 * The standard stand-in for a remotable: a slot value and an interface name. Two instances with
 * equal fields are {@code equals}, but the encoder still gives each distinct instance its own slot
 * entry, as {@code @endo/marshal} does for distinct objects.
 *
 * @param slot the slot value, such as {@code "ko12"}; never null
 * @param iface the interface name; see {@link Remotable#iface()}
 */
public record RemotableRef(String slot, String iface) implements Remotable, SlotRef {
    /**
     * Checks the parts.
     *
     * @throws MarshalException if {@code slot} is null or {@code iface} is not a valid interface name
     */
    public RemotableRef {
        if (slot == null) {
            throw new MarshalException("a RemotableRef needs a slot, got null");
        }
        if (!Remotable.isValidIface(iface)) {
            throw new MarshalException("invalid iface " + JsonText.quote(iface) + " for slot " + slot
                    + ": an iface is \"Remotable\" or starts with \"Alleged: \" or \"DebugName: \"");
        }
    }

    /** A stand-in with the default interface name {@code "Remotable"}. */
    public RemotableRef(String slot) {
        this(slot, "Remotable");
    }
}
