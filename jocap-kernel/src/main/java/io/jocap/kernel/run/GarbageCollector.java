package io.jocap.kernel.run;

import io.jocap.kernel.state.CList;
import io.jocap.kernel.state.EndpointId;
import io.jocap.kernel.state.GcActions;
import io.jocap.kernel.state.KernelObjects;
import io.jocap.kernel.state.KernelPromises;
import io.jocap.kernel.state.KernelState;
import io.jocap.kernel.state.Kref;
import io.jocap.kernel.state.RefCounts;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

/**
 * Turns the {@linkplain io.jocap.kernel.state.MaybeFree maybe-free} marks a crank left into
 * garbage-collection work, at the end of that crank (so the decision commits, or rolls back, with
 * the decrements that caused it). Each marked ref is checked again, since a ref can gain a holder
 * after its mark:
 * <ul>
 *   <li>a promise nothing counts any more is deleted, releasing the refs in its value and in the
 *       messages queued on it (which may mark more: the collector goes on until none is left);
 *   <li>an object exported by a vat that nothing can reach: the exporter is told
 *       ({@code dropExports}) unless it was already; and once nothing recognises it either, the
 *       exporter is told to retire it ({@code retireExports}, which deletes it);
 *   <li>an object with no owner (its exporter retired or abandoned it, or was terminated): once no
 *       importer can reach it, every importer still recognising it is told to retire it
 *       ({@code retireImports}); once nothing recognises it, it is deleted;
 *   <li>objects owned by the kernel (services, pinned) are left alone.
 * </ul>
 * Telling is scheduling a {@linkplain GcActions GC action}, re-validated when it is delivered.
 * Kernel thread only, inside a crank.
 */
final class GarbageCollector {
    private final KernelState state;
    private final KernelObjects objects;
    private final KernelPromises promises;
    private final Supplier<Collection<String>> importers;

    /** @param importers the endpoints whose c-lists may import an ownerless object (the live vats) */
    GarbageCollector(KernelState state, Supplier<Collection<String>> importers) {
        this.state = state;
        this.objects = state.objects();
        this.promises = state.promises();
        this.importers = importers;
    }

    /** Whether any ref is marked (a point read). */
    boolean hasWork() {
        return !state.maybeFree().isEmpty();
    }

    /** Handles every marked ref, and those that handling them marks; returns how many were looked at. */
    int collect() {
        int seen = 0;
        while (!state.maybeFree().isEmpty()) {
            List<String> marked = state.maybeFree().take();
            seen += marked.size();
            for (String kref : marked) {
                if (Kref.isPromise(kref)) {
                    collectPromise(kref);
                } else {
                    collectObject(kref);
                }
            }
        }
        return seen;
    }

    private void collectPromise(String kp) {
        if (promises.exists(kp) && promises.refCount(kp) == 0) {
            promises.delete(kp);
        }
    }

    private void collectObject(String ko) {
        if (!objects.exists(ko)) {
            return;
        }
        RefCounts counts = objects.counts(ko);
        String owner = objects.owner(ko);
        if (owner == null) {
            if (counts.recognizable() == 0) {
                objects.delete(ko);
            } else if (counts.reachable() == 0) {
                for (String endpoint : importers.get()) {
                    CList clist = state.clist(endpoint);
                    if (clist.contains(ko) && !clist.isReachable(ko)) {
                        state.gcActions().schedule(endpoint, GcActions.Kind.RETIRE_IMPORT, ko);
                    }
                }
            }
            return;
        }
        if (!EndpointId.isVat(owner) || counts.reachable() > 0 || state.terminatedVats().contains(owner)) {
            // A terminated owner's cleanup orphans the object, and marks it again for the rest.
            return;
        }
        if (state.clist(owner).isReachable(ko)) {
            state.gcActions().schedule(owner, GcActions.Kind.DROP_EXPORT, ko);
        }
        if (counts.recognizable() == 0) {
            state.gcActions().schedule(owner, GcActions.Kind.RETIRE_EXPORT, ko);
        }
    }
}
