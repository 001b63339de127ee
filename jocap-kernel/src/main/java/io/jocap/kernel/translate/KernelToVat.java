package io.jocap.kernel.translate;

import io.jocap.kernel.state.CList;
import io.jocap.kernel.state.CListEntry;
import io.jocap.kernel.state.EndpointId;
import io.jocap.kernel.state.KernelState;
import io.jocap.kernel.state.Kref;
import io.jocap.marshal.CapData;
import java.util.List;
import java.util.Objects;

/**
 * Translates kernel references into the references of one vat, for what the kernel delivers to
 * it, importing whatever the vat does not know yet.
 *
 * <p><b>Contract.</b> {@link #vref} returns the vat's vref for a kref: the mapped one if any (an
 * import whose reachable flag was cleared by {@code dropImports} becomes reachable again, since the
 * vat is being handed the reference anew), else a newly allocated import ({@code o-N}/{@code p-N},
 * mapped reachable). {@link #exportedVref} insists that the vat owns the object and has it in its
 * c-list. Failures here are kernel bugs ({@link IllegalStateException}): the kernel only hands out
 * existing refs, and a vat's own objects are in its c-list while it owns them. Writes happen
 * inside the caller's crank.
 */
public final class KernelToVat {
    /*
     * Implementation overview. One read per known ref (kref -> "R eref"); an unknown object also
     * reads its owner, to catch the one thing addImport must never do: import an object into the
     * vat that owns it (that would give the vat two names for its own object).
     */

    private final KernelState state;
    private final String vat;
    private final CList clist;

    /** The translator for deliveries to {@code vatId} (a vat id, {@code vN}). */
    public KernelToVat(KernelState state, String vatId) {
        this.state = Objects.requireNonNull(state, "state");
        if (!EndpointId.isVat(vatId)) {
            throw new IllegalArgumentException("not a vat id: " + vatId);
        }
        this.vat = vatId;
        this.clist = state.clist(vatId);
    }

    /** The vat this translates for. */
    public String vatId() {
        return vat;
    }

    /**
     * The vat's vref for {@code kref}, importing it if the vat does not know it.
     *
     * @throws IllegalStateException if {@code kref} does not exist, or is an object the vat owns
     *     but has no c-list entry for (kernel bugs)
     */
    public String vref(String kref) {
        CListEntry entry = clist.entry(kref);
        if (entry != null) {
            if (!entry.reachable()) {
                clist.setReachable(kref, true);
            }
            return entry.eref();
        }
        if (Kref.isObject(kref) && vat.equals(state.objects().owner(kref))) {
            throw new IllegalStateException("cannot hand " + kref + " to " + vat
                    + ": the vat owns it but has no c-list entry for it");
        }
        return clist.addImport(kref);
    }

    /**
     * The export vref of {@code ko}, an object this vat owns and has in its c-list.
     *
     * @throws IllegalStateException otherwise (a kernel bug: the router sends a vat only messages
     *     for objects it owns)
     */
    public String exportedVref(String ko) {
        Kref.requireObject(ko);
        String owner = state.objects().owner(ko);
        if (!vat.equals(owner)) {
            throw new IllegalStateException("cannot deliver to " + ko + " in " + vat + ": its owner is "
                    + (owner == null ? "nobody" : owner));
        }
        String vref = clist.erefFor(ko);
        if (vref == null) {
            throw new IllegalStateException("cannot deliver to " + ko + " in " + vat
                    + ": the vat owns it but has no c-list entry for it");
        }
        return vref;
    }

    /**
     * {@code data} with every slot translated by {@link #vref}, in slot order; the body is kept as
     * is. Returns {@code data} itself when it has no slots.
     */
    public CapData capData(CapData data) {
        Objects.requireNonNull(data, "data");
        List<String> slots = data.slots();
        if (slots.isEmpty()) {
            return data;
        }
        String[] vrefs = new String[slots.size()];
        for (int i = 0; i < vrefs.length; i++) {
            vrefs[i] = vref(slots.get(i));
        }
        return new CapData(data.body(), List.of(vrefs));
    }
}
