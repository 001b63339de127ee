package io.jocap.kernel.run;

import io.jocap.kernel.state.CList;
import io.jocap.kernel.state.GcActions;
import io.jocap.kernel.state.KernelObjects;
import io.jocap.kernel.state.KernelState;
import io.jocap.kernel.state.RefCounts;
import io.jocap.protocol.Delivery;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a batch of scheduled GC actions into the delivery a vat gets, after checking each action
 * still holds and applying the kernel's side of it. Stale actions (the vat is gone, the object
 * was re-exported or is reachable again, the entry is gone) are dropped silently: scheduling is
 * only an intention (see {@link GcActions}).
 *
 * <ul>
 *   <li>{@code dropExport}: the vat still owns the object, nothing can reach it (reachable count
 *       0) and the vat was not told yet (its export entry is still marked reachable). The entry is
 *       marked dropped.
 *   <li>{@code retireExport}: the vat still owns the object and nothing can reach or recognise it
 *       (counts 0 and 0). The vat's entry and the object are deleted.
 *   <li>{@code retireImport}: the vat still has the object in its c-list, no longer reachable
 *       (it dropped it), and the object has no owner any more (its exporter retired, abandoned or
 *       went away). The entry is removed.
 * </ul>
 */
final class GcActionApplier {
    private final KernelState state;

    GcActionApplier(KernelState state) {
        this.state = state;
    }

    /** The krefs of {@code batch} that still hold, their kernel side applied, with the delivery for them. */
    record Applied(List<String> krefs, Delivery delivery) {}

    Applied apply(GcActions.Batch batch) {
        KernelObjects objects = state.objects();
        CList clist = state.clist(batch.vat());
        List<String> krefs = new ArrayList<>();
        List<String> vrefs = new ArrayList<>();
        for (String ko : batch.krefs()) {
            if (!objects.exists(ko) || !clist.contains(ko)) {
                continue;
            }
            String vref = clist.erefFor(ko);
            boolean owned = batch.vat().equals(objects.owner(ko));
            RefCounts counts = objects.counts(ko);
            switch (batch.kind()) {
                case DROP_EXPORT -> {
                    if (!owned || counts.reachable() > 0 || !clist.isReachable(ko)) {
                        continue;
                    }
                    clist.setReachable(ko, false);
                }
                case RETIRE_EXPORT -> {
                    if (!owned || counts.reachable() > 0 || counts.recognizable() > 0) {
                        continue;
                    }
                    clist.remove(ko);
                    objects.delete(ko);
                }
                case RETIRE_IMPORT -> {
                    if (objects.owner(ko) != null || clist.isReachable(ko)) {
                        continue;
                    }
                    clist.remove(ko);
                }
            }
            krefs.add(ko);
            vrefs.add(vref);
        }
        if (vrefs.isEmpty()) {
            return new Applied(List.of(), null);
        }
        Delivery delivery = switch (batch.kind()) {
            case DROP_EXPORT -> new Delivery.DropExports(vrefs);
            case RETIRE_EXPORT -> new Delivery.RetireExports(vrefs);
            case RETIRE_IMPORT -> new Delivery.RetireImports(vrefs);
        };
        return new Applied(krefs, delivery);
    }
}
