package io.jocap.kernel.state;

import io.jocap.marshal.CapData;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The count changes one holder operation makes, gathered per kref before anything is written so
 * that {@link RefCounter#apply} can check them all and then write them all (an over-decrement
 * leaves the store untouched). This class is also the one statement, in code, of what each kind
 * of holder counts (see the package documentation): a change is built with sign +1 when a holder
 * appears and -1 when it goes away, so adding and removing a holder can never disagree.
 */
final class CountChange {
    /** kref → {reachable delta, recognizable delta}; for a promise both hold its one delta. */
    private final Map<String, long[]> deltas = new LinkedHashMap<>(4);
    private final int sign;

    private CountChange(int sign) {
        this.sign = sign;
    }

    /** A change for holders that appear. */
    static CountChange adding() {
        return new CountChange(1);
    }

    /** A change for holders that go away. */
    static CountChange removing() {
        return new CountChange(-1);
    }

    /** A holder that can use {@code kref}: an object's two counts, or a promise's one count. */
    CountChange ref(String kref) {
        return delta(kref, sign, sign);
    }

    /**
     * An importer's c-list entry (an entry of an endpoint that does not own the object): counted
     * as recognizable always and as reachable while its flag is set. Promises count every entry.
     */
    CountChange importEntry(String kref, boolean reachable) {
        if (Kref.isPromise(kref)) {
            return ref(kref);
        }
        return delta(kref, reachable ? sign : 0, sign);
    }

    /** An importer's reachable flag alone (set: adding, cleared: removing). */
    CountChange reachableFlag(String ko) {
        return delta(ko, sign, 0);
    }

    /** Every ref in the slots of a value or of a message's arguments. */
    CountChange slots(CapData data) {
        for (String slot : data.slots()) {
            ref(slot);
        }
        return this;
    }

    /** A message as it sits on a promise queue: its result and its slots (not the promise it waits on). */
    CountChange queuedMessage(KernelMessage message) {
        if (message.result() != null) {
            ref(message.result());
        }
        return slots(message.methargs());
    }

    /** A run-queue item: a send's target, result and slots, or a notify's promise. */
    CountChange item(RunQueueItem item) {
        return switch (item) {
            case RunQueueItem.Send send -> ref(send.target()).queuedMessage(send.message());
            case RunQueueItem.Notify notify -> ref(notify.promise());
        };
    }

    /** Raw deltas, not scaled by the sign (for the low-level count adjusters). */
    CountChange raw(String kref, long reachableDelta, long recognizableDelta) {
        return delta(kref, reachableDelta * sign, recognizableDelta * sign);
    }

    /** Adds the deltas of {@code other} (whatever its sign) to this change. */
    CountChange include(CountChange other) {
        other.deltas.forEach((kref, d) -> delta(kref, d[0], d[1]));
        return this;
    }

    Map<String, long[]> deltas() {
        return deltas;
    }

    boolean isEmpty() {
        return deltas.isEmpty();
    }

    private CountChange delta(String kref, long reachable, long recognizable) {
        long[] d = deltas.computeIfAbsent(kref, k -> new long[2]);
        d[0] = Math.addExact(d[0], reachable);
        d[1] = Math.addExact(d[1], recognizable);
        return this;
    }
}
