package io.jocap.kernel.translate;

import io.jocap.kernel.state.KernelPromises;
import io.jocap.kernel.state.Kref;
import io.jocap.marshal.CapData;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SequencedSet;

/**
 * The settled promises a notification about one settled promise must carry: the promise itself
 * and every settled promise reachable from its value, through the values of settled promises,
 * stopping at unresolved ones ("a subscription to a promise is a subscription to the promises in
 * its resolution"). Without them a vat told {@code p1 = [p2]} would wait forever on {@code p2} if
 * {@code p2} had settled before the vat learnt of it.
 */
final class SettledPromises {
    private SettledPromises() {}

    /**
     * {@code kp} (settled) first, then the settled promises reachable from its value, breadth
     * first in slot order, each once (cycles such as two promises fulfilled to each other end).
     */
    static List<String> reachableFrom(KernelPromises promises, String kp) {
        SequencedSet<String> found = new LinkedHashSet<>();
        found.add(kp);
        List<String> frontier = new ArrayList<>(List.of(kp));
        // Index-based walk: the frontier grows while we read it, which is the breadth-first order.
        for (int i = 0; i < frontier.size(); i++) {
            CapData value = promises.value(frontier.get(i));
            for (String slot : value.slots()) {
                if (Kref.isPromise(slot) && !found.contains(slot) && promises.state(slot).isSettled()) {
                    found.add(slot);
                    frontier.add(slot);
                }
            }
        }
        return List.copyOf(found);
    }
}
