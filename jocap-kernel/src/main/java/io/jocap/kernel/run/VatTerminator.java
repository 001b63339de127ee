package io.jocap.kernel.run;

import io.jocap.kernel.errors.KernelErrorCode;
import io.jocap.kernel.errors.KernelErrors;
import io.jocap.kernel.state.CList;
import io.jocap.kernel.state.CListEntry;
import io.jocap.kernel.state.KernelObjects;
import io.jocap.kernel.state.KernelPromises;
import io.jocap.kernel.state.KernelState;
import io.jocap.kernel.state.Kref;
import io.jocap.kernel.syscall.PromiseResolver;
import io.jocap.marshal.CapData;
import io.jocap.store.KernelStore;
import java.util.ArrayList;
import java.util.List;

/**
 * Removes a vat from kernel state, inside the caller's crank (design invariant 7):
 * <ol>
 *   <li>every unresolved promise it decides, found through the decider index, is rejected with
 *       the kernel error for the given code (default detail only: the reason may name kernel ids
 *       and must not reach other vats), which notifies subscribers and sends messages queued on
 *       it on to the rejection, where they splat;
 *   <li>its root's pins (taken for whoever launched it) are dropped and its vatstore deleted;
 *   <li>it is recorded as terminated: messages to its exports splat {@code OBJECT_DELETED} from
 *       now on, and the run loop removes its c-list entries a budgeted part per crank
 *       ({@link #cleanUp}: exports orphaned, the counts its imports held released, then its
 *       counters deleted).
 * </ol>
 * The in-memory registration is the caller's to drop. Failures are kernel bugs and propagate.
 */
final class VatTerminator {
    private final KernelStore store;
    private final KernelState state;
    private final KernelObjects objects;
    private final KernelPromises promises;
    private final PromiseResolver resolver;

    VatTerminator(KernelStore store, KernelState state) {
        this.store = store;
        this.state = state;
        this.objects = state.objects();
        this.promises = state.promises();
        this.resolver = new PromiseResolver(state);
    }

    /**
     * Ends the current incarnation of {@code vat}, which is about to be rebuilt from its vatstore:
     * promises it decides are rejected with {@code VAT_RESTARTED}; its ephemeral exports
     * ({@code o+N} but the root {@code o+0}) are orphaned, so messages to them splat
     * {@code OBJECT_DELETED} without reaching (and harming) the new incarnation; its promise
     * entries are removed (the new incarnation never knew them). Its root, its durable exports,
     * its object imports (baggage may hold them) and its vatstore stay.
     */
    void endIncarnation(String vat) {
        rejectDecided(vat, KernelErrorCode.VAT_RESTARTED);
        CList clist = state.clist(vat);
        for (CListEntry entry : entriesOf(clist)) {
            String kref = entry.kref();
            if (Kref.isPromise(kref)) {
                clist.remove(kref);
            } else if (vat.equals(objects.owner(kref)) && entry.eref().startsWith("o+")
                    && !entry.eref().equals("o+0") && !entry.eref().startsWith("o+d")) {
                clist.remove(kref);
                objects.clearOwner(kref);
                state.maybeFree().add(kref);
            }
        }
    }

    /**
     * Terminates {@code vat}: rejects the promises it decided, deletes its vatstore and leaves its
     * c-list to {@link #cleanUp}, a budgeted part per crank (a large vat's entries must not make
     * one huge crank). Until then, messages to its exports splat {@code OBJECT_DELETED} because
     * their owner is a {@linkplain io.jocap.kernel.state.TerminatedVats terminated vat}.
     */
    void terminate(String vat, KernelErrorCode code) {
        // Rejections first, while the c-list still maps them: nothing below depends on them, but
        // a promise kept alive only by the vat's entry must still exist when it is rejected.
        rejectDecided(vat, code);
        // The root was pinned for whoever launched the vat; it can never be reached again.
        String root = state.clist(vat).krefFor("o+0");
        if (root != null) {
            while (state.pins().pinCount(root) > 0) {
                state.pins().unpin(root);
            }
        }
        store.deleteVatstore(vat);
        state.terminatedVats().add(vat);
    }

    /**
     * Removes up to {@code budget} c-list entries of the terminated vat {@code vat} (exports are
     * orphaned, imports release their counts); once none is left, deletes its counters and ends
     * its cleanup. Returns how many entries were removed.
     */
    int cleanUp(String vat, int budget) {
        CList clist = state.clist(vat);
        List<CListEntry> entries = new ArrayList<>(Math.min(budget, 256));
        for (CListEntry entry : clist.entries()) {
            if (entries.size() == budget) {
                break;
            }
            entries.add(entry);
        }
        for (CListEntry entry : entries) {
            String kref = entry.kref();
            boolean export = Kref.isObject(kref) && vat.equals(objects.owner(kref));
            // Entry first, as abandonExports does: the owner's entry counts nothing, so removing
            // it before clearing the owner avoids re-counting it as an import in between.
            clist.remove(kref);
            if (export) {
                objects.clearOwner(kref);
                state.maybeFree().add(kref);
            }
        }
        if (entries.size() < budget || clist.isEmpty()) {
            clist.deleteCounters();
            state.terminatedVats().finishNext();
        }
        return entries.size();
    }

    /** Rejects every unresolved promise {@code vat} decides with the kernel error {@code code}. */
    private void rejectDecided(String vat, KernelErrorCode code) {
        CapData rejection = KernelErrors.toCapData(code);
        for (String kp : promises.promisesDecidedBy(vat)) {
            resolver.reject(kp, rejection);
        }
    }

    /** The entries of {@code clist}, read before any is removed. */
    private static List<CListEntry> entriesOf(CList clist) {
        List<CListEntry> entries = new ArrayList<>();
        clist.entries().forEach(entries::add);
        return entries;
    }
}
