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
 * means a kernel bug, and the message names the object and the counts.
 *
 * <p><b>Counting.</b> The counts are kept by the operations that add and remove holders (c-lists,
 * queues, promise values, pins; see the package documentation), not by callers. The owner's own
 * c-list entry counts nothing while an importer's does, so {@link #setOwner} and
 * {@link #clearOwner} re-count the entries of the old and new owner. {@link #adjustCounts} and
 * {@link #setCounts} change counts without a holder: they are for repair tools and tests, and a
 * count changed with them alone is reported by {@link RefAudit}.
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
     * second get tells an orphan from an unknown object. Count keys are read and written through
     * RefCounter, which also marks maybe-free refs.
     */

    private final KVStore kv;
    private final IdCounters ids;
    private final RefCounter counter;

    public KernelObjects(KVStore kv, IdCounters ids) {
        this.kv = Objects.requireNonNull(kv, "kv");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.counter = new RefCounter(kv);
    }

    /** Creates an object owned by {@code owner} (a vat, a remote or the kernel), with counts 0,0. */
    public String create(String owner) {
        EndpointId.require(owner);
        String ko = ids.nextObjectId();
        kv.set(ko + ".c", "0,0");
        kv.set(ko + ".o", owner);
        return ko;
    }

    /** How many objects exist (a scan of the object keys: for operators and benchmarks). */
    public long count() {
        long n = 0;
        for (var e : kv.prefix("ko")) {
            if (e.getKey().endsWith(".c")) {
                n++;
            }
        }
        return n;
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

    /**
     * Makes {@code owner} the owner of {@code ko}. If the old owner has a c-list entry for it, that
     * entry now counts as an import; if the new owner has one, it stops counting.
     */
    public void setOwner(String ko, String owner) {
        EndpointId.require(owner);
        String old = owner(ko);
        if (owner.equals(old)) {
            return;
        }
        recountOwnEntry(ko, old, owner);
        kv.set(ko + ".o", owner);
    }

    /**
     * Leaves {@code ko} without an owner (an orphan): messages to it can no longer be delivered. If
     * the old owner still has a c-list entry for it, that entry now counts as an import.
     */
    public void clearOwner(String ko) {
        String old = owner(ko);
        if (old == null) {
            return;
        }
        recountOwnEntry(ko, old, null);
        kv.delete(ko + ".o");
    }

    /** The counts of {@code ko}. */
    public RefCounts counts(String ko) {
        return counter.objectCounts(ko);
    }

    /**
     * Sets the counts of {@code ko}; they must satisfy {@code 0 <= reachable <= recognizable}. A raw
     * write for repair tools and tests: it bypasses holder counting and the maybe-free set.
     */
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
     * Adds the (possibly negative) deltas to the counts of {@code ko} and returns the new counts;
     * a decrement to a zero reachable count marks it maybe-free. No holder goes with the change,
     * so this is for repair tools and tests (see the class documentation).
     *
     * @throws IllegalStateException if the result would break {@code 0 <= reachable <= recognizable};
     *     nothing is written then
     */
    public RefCounts adjustCounts(String ko, long reachableDelta, long recognizableDelta) {
        Kref.requireObject(ko);
        counter.apply(CountChange.adding().raw(ko, reachableDelta, recognizableDelta));
        return counts(ko);
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

    /**
     * Deletes every record of {@code ko}, and its maybe-free mark. Holders are not looked for: the
     * collector deletes only objects nothing holds, and {@link RefAudit} reports any holder left
     * pointing at a deleted object.
     */
    public void delete(String ko) {
        requireExists(ko);
        kv.delete(ko + ".c");
        kv.delete(ko + ".o");
        kv.delete(ko + ".x");
        new MaybeFree(kv).forget(ko);
    }

    /**
     * Re-counts the c-list entries of the old and new owner of {@code ko} (either may be null or
     * the kernel, which has no c-list): an owner's entry counts nothing, an importer's does.
     */
    private void recountOwnEntry(String ko, String oldOwner, String newOwner) {
        CountChange change = CountChange.adding();
        CListEntry formerExport = ownEntry(oldOwner, ko);
        if (formerExport != null) {
            change.importEntry(ko, formerExport.reachable());
        }
        CListEntry formerImport = ownEntry(newOwner, ko);
        if (formerImport != null) {
            change.include(CountChange.removing().importEntry(ko, formerImport.reachable()));
        }
        counter.apply(change);
    }

    private CListEntry ownEntry(String endpoint, String ko) {
        if (endpoint == null || EndpointId.isKernel(endpoint)) {
            return null;
        }
        return new CList(kv, endpoint).entry(ko);
    }

    private void requireExists(String ko) {
        if (!exists(ko)) {
            throw unknown(ko);
        }
    }

    private static IllegalStateException unknown(String ko) {
        return new IllegalStateException("unknown kernel object " + ko);
    }
}
