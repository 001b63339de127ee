package io.jocap.marshal;

/**
 * An object passed by reference: encoded as {@code "$<index>.<iface>"} (the first time it appears
 * in a body) or {@code "$<index>"}, with the object itself handed to {@link SlotConverter#toSlot}.
 * Objects are told apart by identity, not by {@code equals}. {@link RemotableRef} is the standard
 * stand-in.
 *
 * <p>An object must not be both a {@code Remotable} and a {@link PassablePromise} (or a {@code
 * List} or {@code Map}); such an object is not passable.
 */
public interface Remotable {
    /**
     * The interface name, as JavaScript's {@code getInterfaceOf} reports it: {@code "Remotable"},
     * or a string starting with {@code "Alleged: "} or {@code "DebugName: "}. The encoder rejects
     * anything else.
     */
    String iface();

    /**
     * Whether {@code iface} is an interface name a remotable may have: {@code "Remotable"} or a
     * string starting with {@code "Alleged: "} or {@code "DebugName: "}.
     */
    static boolean isValidIface(String iface) {
        return iface != null
                && (iface.equals("Remotable") || iface.startsWith("Alleged: ") || iface.startsWith("DebugName: "));
    }
}
