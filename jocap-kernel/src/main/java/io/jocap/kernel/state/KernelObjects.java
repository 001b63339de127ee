package io.jocap.kernel.state;

import io.jocap.store.KVStore;
import java.util.Objects;

/**
 * The kernel object table: for each object {@code koN}, its owner (the endpoint that exported it,
 * or none), its reachable and recognizable counts, and whether it has been revoked.
 *
 * <p><b>Contract.</b> Arguments are checked: a malformed kref or endpoint id throws
 * {@link IllegalArgumentException}. Operating on a well-formed kref that names no object throws
 * {@link IllegalStateException} ("unknown kernel object"), as does any change that would break
 * {@code 0 <= reachable <= recognizable}: the kernel only handles krefs it created, so either
 * means a kernel bug, and the message names the object and the counts. Who increments which count
 * when is kernel policy and not decided here.
 *
 * <p>Writes must happen inside a crank (the store throws otherwise).
 */
public final class KernelObjects {
    /*
     * Implementation overview. Keys, all read and written straight through the store (no cache,
     * so a rolled-back crank leaves nothing stale):
     *   koN.c   "<reachable>,<recognizable>"; present exactly while the object exists, so it is
     *           also the existence marker (every object has counts, not every object an owner)
     *   koN.o   owner endpoint id; absent for an orphan
     *   koN.x   "1" when revoked; absent otherwise
     * The owner read, the routing hot path, costs one get unless the owner is absent, when a
     * second get tells an orphan from an unknown object.
     */

    private final KVStore kv;
    private final IdCounters ids;

    public KernelObjects(KVStore kv, IdCounters ids) {
        this.kv = Objects.requireNonNull(kv, "kv");
        this.ids = Objects.requireNonNull(ids, "ids");
    }

    /** Creates an object owned by {@code owner} (a vat, a remote or the kernel), with counts 0,0. */
    public String create(String owner) {
        EndpointId.require(owner);
        String ko = ids.nextObjectId();
        kv.set(ko + ".c", "0,0");
        kv.set(ko + ".o", owner);
        return ko;
    }

    /** Whether {@code ko} names an existing object. */
    public boolean exists(String ko) {
        return kv.has(Kref.requireObject(ko) + ".c");
    }

    /** The owner of {@code ko}, or null if it is an orphan. */
    public String owner(String ko) {
        String owner = kv.get(Kref.requireObject(ko) + ".o");
        if (owner == null) {
            requireExists(ko);
        }
        return owner;
    }

    /** Makes {@code owner} the owner of {@code ko}. */
    public void setOwner(String ko, String owner) {
        EndpointId.require(owner);
        requireExists(ko);
        kv.set(ko + ".o", owner);
    }

    /** Leaves {@code ko} without an owner (an orphan): messages to it can no longer be delivered. */
    public void clearOwner(String ko) {
        requireExists(ko);
        kv.delete(ko + ".o");
    }

    /** The counts of {@code ko}. */
    public RefCounts counts(String ko) {
        String stored = kv.get(Kref.requireObject(ko) + ".c");
        if (stored == null) {
            throw unknown(ko);
        }
        return parseCounts(ko, stored);
    }

    /** Sets the counts of {@code ko}; they must satisfy {@code 0 <= reachable <= recognizable}. */
    public void setCounts(String ko, RefCounts counts) {
        Objects.requireNonNull(counts, "counts");
        RefCounts old = counts(ko);
        if (!counts.isValid()) {
            throw new IllegalStateException("kernel object " + ko + " would have " + counts + " (had " + old
                    + "): counts must satisfy 0 <= reachable <= recognizable (a kernel bug)");
        }
        kv.set(ko + ".c", counts.reachable() + "," + counts.recognizable());
    }

    /**
     * Adds the (possibly negative) deltas to the counts of {@code ko} and returns the new counts.
     *
     * @throws IllegalStateException if the result would break {@code 0 <= reachable <= recognizable};
     *     nothing is written then
     */
    public RefCounts adjustCounts(String ko, long reachableDelta, long recognizableDelta) {
        RefCounts old = counts(ko);
        RefCounts updated = old.plus(reachableDelta, recognizableDelta);
        if (!updated.isValid()) {
            throw new IllegalStateException("kernel object " + ko + " would have " + updated + " (had " + old
                    + ", change " + signed(reachableDelta) + " reachable, " + signed(recognizableDelta)
                    + " recognizable): counts must satisfy 0 <= reachable <= recognizable (a kernel bug)");
        }
        kv.set(ko + ".c", updated.reachable() + "," + updated.recognizable());
        return updated;
    }

    /** Whether {@code ko} has been revoked. */
    public boolean isRevoked(String ko) {
        if (kv.has(Kref.requireObject(ko) + ".x")) {
            return true;
        }
        requireExists(ko);
        return false;
    }

    /** Revokes {@code ko} for good; returns false if it already was (revoking twice is allowed). */
    public boolean revoke(String ko) {
        if (isRevoked(ko)) {
            return false;
        }
        kv.set(ko + ".x", "1");
        return true;
    }

    /** Deletes every record of {@code ko}. */
    public void delete(String ko) {
        requireExists(ko);
        kv.delete(ko + ".c");
        kv.delete(ko + ".o");
        kv.delete(ko + ".x");
    }

    private void requireExists(String ko) {
        if (!exists(ko)) {
            throw unknown(ko);
        }
    }

    private static IllegalStateException unknown(String ko) {
        return new IllegalStateException("unknown kernel object " + ko);
    }

    private static RefCounts parseCounts(String ko, String stored) {
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

    private static String signed(long n) {
        return n >= 0 ? "+" + n : Long.toString(n);
    }
}
