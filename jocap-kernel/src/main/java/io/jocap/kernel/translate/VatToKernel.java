package io.jocap.kernel.translate;

import io.jocap.kernel.state.CList;
import io.jocap.kernel.state.CListEntry;
import io.jocap.kernel.state.EndpointId;
import io.jocap.kernel.state.KernelState;
import io.jocap.marshal.CapData;
import io.jocap.protocol.ProtocolException;
import io.jocap.protocol.Vref;
import java.util.List;
import java.util.Objects;

/**
 * Translates the references one vat names in its syscalls into kernel references, through the
 * vat's c-list.
 *
 * <p><b>Contract.</b> {@link #kref} maps a vref the vat <em>uses</em> (a send's target, a slot of
 * its data, a promise it resolves or subscribes to):
 * <ul>
 *   <li>a vref in the c-list maps to its kref; an export whose reachable flag was cleared (the
 *       kernel told the vat it dropped it) is marked reachable again, since the vat is handing it
 *       out anew;
 *   <li>an unknown export ({@code o+…}, {@code p+…}) creates a kernel object owned by the vat or a
 *       kernel promise decided by it, and maps it;
 *   <li>an unknown import ({@code o-N}, {@code p-N}), an import the vat has dropped, or text that
 *       is not a vref is an {@link IllegalSyscallException} whose message names the vat and the
 *       vref, e.g. {@code vat v3 used o-7, which it was never given}.
 * </ul>
 * {@link #capData} translates every slot the same way and also refuses a body that is not
 * well-formed UTF-16 (the store could not hold it). An illegal reference may leave earlier slots'
 * new exports behind: callers that need "nothing written" on failure roll back (the syscall
 * handler does, with a savepoint). Writes happen inside the caller's crank.
 */
public final class VatToKernel {
    /*
     * Implementation overview. A known promise costs one read (eref -> kref); a known object two,
     * because its entry's reachable flag decides between "fine", "re-export" and "dropped import".
     * New exports go through KernelObjects.create / KernelPromises.create and CList.add, which
     * counts the entry (an owner's export counts nothing; a promise entry counts 1).
     */

    private final KernelState state;
    private final String vat;
    private final CList clist;

    /** The translator for syscalls of {@code vatId} (a vat id, {@code vN}). */
    public VatToKernel(KernelState state, String vatId) {
        this.state = Objects.requireNonNull(state, "state");
        if (!EndpointId.isVat(vatId)) {
            throw new IllegalArgumentException("not a vat id: " + vatId);
        }
        this.vat = vatId;
        this.clist = state.clist(vatId);
    }

    /** The vat whose references this translates. */
    public String vatId() {
        return vat;
    }

    /**
     * The kref for {@code vref}, creating a kernel object or promise for a new export.
     *
     * @throws IllegalSyscallException if {@code vref} is not a vref, an import the vat was never
     *     given, or an import it has dropped
     */
    public String kref(String vref) {
        requireVref(vref);
        String kref = clist.krefFor(vref);
        if (kref == null) {
            return newRef(vref);
        }
        if (vref.charAt(0) == 'o') {
            CListEntry entry = clist.entry(kref);
            if (!entry.reachable()) {
                if (vref.charAt(1) == '-') {
                    throw new IllegalSyscallException("vat " + vat + " used " + vref + " after dropping it");
                }
                clist.setReachable(kref, true); // an export handed out again after dropExports
            }
        }
        return kref;
    }

    /**
     * If {@code vref} is a promise export ({@code p+N}) the vat's c-list does not hold yet, makes
     * a kernel promise <em>without a decider</em> for it, maps it and returns its kref; otherwise
     * returns null and changes nothing. For a message's new result promise, whose decision
     * passes to the message at once: making it decided by the vat and then taking that back would
     * write and delete the decider and its index entry for nothing.
     *
     * @throws IllegalSyscallException if {@code vref} is not a vref
     */
    public String newUndecidedPromise(String vref) {
        requireVref(vref);
        if (vref.charAt(0) != 'p' || vref.charAt(1) != '+' || clist.krefFor(vref) != null) {
            return null;
        }
        String kref = state.promises().create(null);
        clist.add(vref, kref, true);
        return kref;
    }

    /**
     * The kref {@code vref} maps to, without creating anything or touching reachable flags: for
     * syscalls that talk about references rather than use them (dropping, retiring, abandoning).
     *
     * @throws IllegalSyscallException if {@code vref} is not a vref or is not in the vat's c-list
     */
    public String existingKref(String vref) {
        requireVref(vref);
        String kref = clist.krefFor(vref);
        if (kref == null) {
            throw new IllegalSyscallException(vref.charAt(1) == '-'
                    ? neverGiven(vref)
                    : "vat " + vat + " named " + vref + ", which it has not exported (or no longer does)");
        }
        return kref;
    }

    /**
     * {@code data} with every slot translated by {@link #kref}, in slot order; the body is kept
     * as is. Returns {@code data} itself when it has no slots.
     *
     * @throws IllegalSyscallException if a slot is refused by {@link #kref} (the message says
     *     which slot) or the body is not well-formed UTF-16
     */
    public CapData capData(CapData data) {
        Objects.requireNonNull(data, "data");
        requireWellFormed(data.body());
        List<String> slots = data.slots();
        if (slots.isEmpty()) {
            return data;
        }
        String[] krefs = new String[slots.size()];
        for (int i = 0; i < krefs.length; i++) {
            krefs[i] = kref(slots.get(i));
        }
        return new CapData(data.body(), List.of(krefs));
    }

    private String newRef(String vref) {
        if (vref.charAt(1) == '-') {
            throw new IllegalSyscallException(neverGiven(vref));
        }
        String kref = vref.charAt(0) == 'o' ? state.objects().create(vat) : state.promises().create(vat);
        clist.add(vref, kref, true);
        return kref;
    }

    private String neverGiven(String vref) {
        return "vat " + vat + " used " + vref + ", which it was never given";
    }

    private void requireVref(String vref) {
        if (!Vref.isValid(vref)) {
            try {
                Vref.parse(vref); // builds the explanation
            } catch (ProtocolException e) {
                throw new IllegalSyscallException("vat " + vat + " sent a bad reference: " + e.getMessage(), e);
            }
        }
    }

    /** Refuses unpaired surrogates: the store keeps UTF-8 and could not hold the body faithfully. */
    private void requireWellFormed(String body) {
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < body.length() && Character.isLowSurrogate(body.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalSyscallException("vat " + vat + " sent CapData whose body has an unpaired surrogate"
                        + " at index " + i + " (bodies must be well-formed UTF-16)");
            }
        }
    }
}
