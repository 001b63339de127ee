package io.jocap.kernel.syscall;

import io.jocap.kernel.state.CList;
import io.jocap.kernel.state.KernelObjects;
import io.jocap.kernel.state.KernelState;
import io.jocap.kernel.translate.IllegalSyscallException;
import java.util.List;

/**
 * The garbage-collection syscalls of one vat. They keep the counts right; the
 * {@code GarbageCollector} then tells exporters and importers what follows (an object that lost
 * its owner here is marked maybe-free for it).
 *
 * <ul>
 *   <li>{@code dropImports}: each import must be in the c-list and still reachable; its reachable
 *       flag is cleared (the object's reachable count follows).
 *   <li>{@code retireImports}: each import must be in the c-list and already dropped; its entry is
 *       removed (the recognizable count follows).
 *   <li>{@code retireExports}: each export must be the vat's and unreachable from anywhere in the
 *       kernel (reachable count 0); its entry is removed and the object left ownerless, so nothing
 *       can reach the vat through it again.
 *   <li>{@code abandonExports}: each export must be the vat's; its entry is removed and the
 *       object orphaned whatever its counts (messages to it then splat {@code OBJECT_DELETED}).
 * </ul>
 * A vref the vat does not have, or one that breaks these rules, is an
 * {@link IllegalSyscallException}; so is naming one twice in a list (the second sees the first's
 * effect). The caller undoes the writes of earlier vrefs in the list.
 */
final class GcSyscalls {
    private final KernelObjects objects;
    private final io.jocap.kernel.state.MaybeFree maybeFree;
    private final CList clist;
    private final String vat;

    GcSyscalls(KernelState state, String vatId) {
        this.objects = state.objects();
        this.maybeFree = state.maybeFree();
        this.vat = vatId;
        this.clist = state.clist(vatId);
    }

    void dropImports(List<String> vrefs) {
        for (String vref : vrefs) {
            String ko = importOf(vref, "drop");
            if (!clist.setReachable(ko, false)) {
                throw new IllegalSyscallException(vat + " may not drop " + vref + ": it was dropped already");
            }
        }
    }

    void retireImports(List<String> vrefs) {
        for (String vref : vrefs) {
            String ko = importOf(vref, "retire");
            if (clist.isReachable(ko)) {
                throw new IllegalSyscallException(vat + " may not retire " + vref + ": it has not dropped it");
            }
            clist.remove(ko);
        }
    }

    void retireExports(List<String> vrefs) {
        for (String vref : vrefs) {
            String ko = exportOf(vref, "retire");
            if (objects.counts(ko).reachable() > 0) {
                throw new IllegalSyscallException(vat + " may not retire " + vref + ": it is still reachable");
            }
            clist.remove(ko);
            objects.clearOwner(ko);
            maybeFree.add(ko); // its importers, which can only recognise it, are to be told
        }
    }

    void abandonExports(List<String> vrefs) {
        for (String vref : vrefs) {
            String ko = exportOf(vref, "abandon");
            // Entry first: the owner's entry counts nothing, so removing it before clearing the
            // owner means no re-count as an import happens in between.
            clist.remove(ko);
            objects.clearOwner(ko);
            maybeFree.add(ko); // once its importers drop it, they are told to retire it
        }
    }

    /** The object an {@code o-N} the vat holds maps to; its owner is someone else by construction. */
    private String importOf(String vref, String action) {
        String ko = clist.krefFor(vref);
        if (ko == null) {
            throw new IllegalSyscallException(vat + " may not " + action + " " + vref + ": it was never given it");
        }
        if (vat.equals(objects.owner(ko))) {
            throw new IllegalSyscallException(vat + " may not " + action + " " + vref + ": it is its own export");
        }
        return ko;
    }

    /** The object an {@code o+…} of the vat maps to, which the vat must still own. */
    private String exportOf(String vref, String action) {
        String ko = clist.krefFor(vref);
        if (ko == null || !vat.equals(objects.owner(ko))) {
            throw new IllegalSyscallException(vat + " may not " + action + " " + vref + ": it does not export it");
        }
        return ko;
    }
}
