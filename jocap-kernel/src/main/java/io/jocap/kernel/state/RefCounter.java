package io.jocap.kernel.state;

import io.jocap.store.KVStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Keeper of the stored reference counts ({@code koN.c} and {@code kpN.c}): reads them, and applies
 * a {@link CountChange} all-or-nothing, recording in {@link MaybeFree} every ref that a decrement
 * leaves at a zero count.
 *
 * <p><b>Contract.</b> Every ref in a change must exist, else {@link IllegalStateException}
 * ("unknown kernel object koN"); a change that would take a count below zero, or an object's
 * reachable count above its recognizable count, throws {@link IllegalStateException} naming the
 * ref and its counts. In both cases nothing is written: all refs are checked before the first
 * write, so a half-applied holder operation cannot happen.
 */
final class RefCounter {
    /*
     * Implementation overview. A change is first turned into a list of planned writes (one per
     * distinct ref, deltas of the same ref already summed by CountChange, so a message naming one
     * object twice costs one read and one write), each checked; only then are they written. A
     * promise count of 0 is stored as an absent key, which saves a write per new promise and keeps
     * an idle store at its baseline size.
     */

    private final KVStore kv;
    private final MaybeFree maybeFree;

    RefCounter(KVStore kv) {
        this.kv = kv;
        this.maybeFree = new MaybeFree(kv);
    }

    /** The counts of object {@code ko}. */
    RefCounts objectCounts(String ko) {
        String stored = kv.get(Kref.requireObject(ko) + ".c");
        if (stored == null) {
            throw new IllegalStateException("unknown kernel object " + ko);
        }
        return parseObjectCounts(ko, stored);
    }

    /** The count of promise {@code kp}. */
    long promiseCount(String kp) {
        String stored = kv.get(Kref.requirePromise(kp) + ".c");
        if (stored == null) {
            if (!kv.has(kp + ".s")) {
                throw new IllegalStateException("unknown kernel promise " + kp);
            }
            return 0;
        }
        return parsePromiseCount(kp, stored);
    }

    /**
     * Applies {@code change}: checks every ref, then writes every count.
     *
     * @throws IllegalStateException if a ref is unknown or a count would leave its range; nothing
     *     is written then
     */
    void apply(CountChange change) {
        if (change.isEmpty()) {
            return;
        }
        List<Runnable> writes = new ArrayList<>(change.deltas().size());
        for (Map.Entry<String, long[]> entry : change.deltas().entrySet()) {
            String kref = entry.getKey();
            long[] d = entry.getValue();
            if (d[0] == 0 && d[1] == 0) {
                continue;
            }
            writes.add(Kref.isObject(kref) ? planObject(kref, d[0], d[1]) : planPromise(kref, d[1]));
        }
        writes.forEach(Runnable::run);
    }

    private Runnable planObject(String ko, long reachableDelta, long recognizableDelta) {
        RefCounts old = objectCounts(ko);
        RefCounts updated = old.plus(reachableDelta, recognizableDelta);
        if (!updated.isValid()) {
            throw new IllegalStateException("kernel object " + ko + " would have " + updated + " (had " + old
                    + ", change " + signed(reachableDelta) + " reachable, " + signed(recognizableDelta)
                    + " recognizable): counts must satisfy 0 <= reachable <= recognizable (a kernel bug)");
        }
        boolean decremented = reachableDelta < 0 || recognizableDelta < 0;
        return () -> {
            kv.set(ko + ".c", updated.reachable() + "," + updated.recognizable());
            if (decremented && updated.reachable() == 0) {
                maybeFree.mark(ko);
            }
        };
    }

    private Runnable planPromise(String kp, long delta) {
        long old = promiseCount(kp);
        long updated = Math.addExact(old, delta);
        if (updated < 0) {
            throw new IllegalStateException("kernel promise " + kp + " reference count would become " + updated
                    + " (was " + old + ", change " + delta + "): counts cannot go below zero (a kernel bug)");
        }
        return () -> {
            if (updated == 0) {
                kv.delete(kp + ".c");
                if (delta < 0) {
                    maybeFree.mark(kp);
                }
            } else {
                kv.set(kp + ".c", Long.toString(updated));
            }
        };
    }

    static RefCounts parseObjectCounts(String ko, String stored) {
        int comma = stored.indexOf(',');
        long reachable = comma < 0 ? -1 : RefNumbers.parseCount(stored.substring(0, comma));
        long recognizable = comma < 0 ? -1 : RefNumbers.parseCount(stored.substring(comma + 1));
        if (reachable < 0 || recognizable < 0) {
            throw new IllegalStateException("corrupt counts of kernel object " + ko + ": " + RefNumbers.shown(stored)
                    + "; expected \"<reachable>,<recognizable>\"");
        }
        RefCounts counts = new RefCounts(reachable, recognizable);
        if (!counts.isValid()) {
            throw new IllegalStateException("kernel object " + ko + " has " + counts
                    + ": counts must satisfy 0 <= reachable <= recognizable (a kernel bug)");
        }
        return counts;
    }

    static long parsePromiseCount(String kp, String stored) {
        long count = RefNumbers.parseCount(stored);
        if (count < 0) {
            throw new IllegalStateException("corrupt reference count of kernel promise " + kp + ": "
                    + RefNumbers.shown(stored));
        }
        return count;
    }

    private static String signed(long n) {
        return n >= 0 ? "+" + n : Long.toString(n);
    }
}
