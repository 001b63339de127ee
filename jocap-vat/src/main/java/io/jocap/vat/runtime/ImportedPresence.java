package io.jocap.vat.runtime;

import io.jocap.marshal.Remotable;
import io.jocap.vat.Presence;

/** The one {@link Presence} of an imported object ({@code o-N}) in this incarnation of the vat. */
final class ImportedPresence implements Presence {
    private final String vref;
    private final String iface;

    ImportedPresence(String vref, String iface) {
        this.vref = vref;
        this.iface = Remotable.isValidIface(iface) ? iface : "Remotable";
    }

    String vref() {
        return vref;
    }

    @Override
    public String iface() {
        return iface;
    }

    @Override
    public String toString() {
        return "Presence(" + iface + ")";
    }
}
