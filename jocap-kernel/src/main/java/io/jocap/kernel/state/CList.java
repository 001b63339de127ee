package io.jocap.kernel.state;

import io.jocap.store.KVStore;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;

/**
 * The c-list of one endpoint (a vat or a remote): the two-way map between the endpoint's erefs
 * and the kernel's krefs, one-to-one, with a reachable flag per entry, plus the counters from
 * which the kernel allocates new import erefs for the endpoint ({@code o-1}, {@code o-2}, ...,
 * {@code p-1}, ... for a vat; {@code ro-N}, {@code rp-N} for a remote).
 *
 * <p><b>Contract.</b> Erefs must suit the endpoint ({@link Eref#requireFor}) and krefs be well
 * formed, else {@link IllegalArgumentException}. Adding a mapping whose eref or kref is already
 * mapped throws {@link IllegalStateException} (a kernel bug: the map must stay one-to-one).
 * Lookups return null for unmapped refs. Writes must happen inside a crank.
 *
 * <p><b>Counting.</b> Entries are holders, counted here as they come and go (the package
 * documentation has the whole policy): a promise entry counts +1 for any endpoint; an object entry
 * of an endpoint that does not own the object (an importer) counts recognizable +1, and reachable
 * +1 while its flag is set; the owner's own entry (its export) counts nothing. Mapping an unknown
 * kref therefore throws {@link IllegalStateException}, and nothing is written.
 *
 * <p>A {@code CList} holds no data of its own, only the store and its key prefixes, so it is cheap
 * to create per use and never stale.
 */
public final class CList {
    /*
     * Implementation overview. Keys, with E the endpoint id (krefs start with "k" and erefs with
     * "o", "p" or "r", so the two directions share the E.c. prefix without colliding):
     *   E.c.<eref>   kref                      (eref -> kref)
     *   E.c.<kref>   "R <eref>" or "_ <eref>"  (kref -> eref; R = reachable, _ = not)
     *   E.i.o        next import object number (decimal; absent means 1)
     *   E.i.p        next import promise number
     * Listing all entries is a prefix scan of E.c.k, which holds exactly one key per entry.
     * Each change to an entry applies its count change first (which checks everything and throws
     * before writing), then writes the entry keys.
     */

    private final KVStore kv;
    private final String endpoint;
    private final String prefix;
    private final RefCounter counter;

    /** The c-list of {@code endpoint}, which must be a vat or a remote. */
    public CList(KVStore kv, String endpoint) {
        this.kv = Objects.requireNonNull(kv, "kv");
        this.endpoint = EndpointId.requireVatOrRemote(endpoint);
        this.prefix = endpoint + ".c.";
        this.counter = new RefCounter(kv);
    }

    /** The endpoint this c-list belongs to. */
    public String endpoint() {
        return endpoint;
    }

    /**
     * Maps {@code eref} to {@code kref} and back, with the given reachable flag, and counts the
     * entry (see the class documentation).
     *
     * @throws IllegalStateException if either side is already mapped or {@code kref} is unknown
     */
    public void add(String eref, String kref, boolean reachable) {
        Eref.requireFor(endpoint, eref);
        Kref.require(kref);
        if (Eref.kind(eref) != Kref.kind(kref)) {
            throw new IllegalArgumentException("cannot map " + endpoint + " " + eref + " to " + kref
                    + ": one is an object and the other a promise");
        }
        String mappedKref = kv.get(prefix + eref);
        if (mappedKref != null) {
            throw new IllegalStateException("c-list of " + endpoint + " already maps " + eref + " to " + mappedKref
                    + "; cannot map it to " + kref);
        }
        String mappedEref = kv.get(prefix + kref);
        if (mappedEref != null) {
            throw new IllegalStateException("c-list of " + endpoint + " already maps " + kref + " to "
                    + mappedEref.substring(2) + "; cannot map it to " + eref);
        }
        counter.apply(entryCounts(CountChange.adding(), kref, reachable));
        kv.set(prefix + eref, kref);
        kv.set(prefix + kref, (reachable ? "R " : "_ ") + eref);
    }

    /**
     * Allocates a new import eref for {@code kref} (kind from the kref), adds the mapping as
     * reachable and returns the eref.
     *
     * @throws IllegalStateException if {@code kref} is already mapped
     */
    public String addImport(String kref) {
        Kref.require(kref);
        if (kv.has(prefix + kref)) {
            throw new IllegalStateException("c-list of " + endpoint + " already maps " + kref);
        }
        // Peek, map, then take: a failed add (an unknown kref) must not use up an import number.
        String counter = importCounter(Kref.kind(kref));
        String eref = Eref.imported(endpoint, Kref.kind(kref), StoredCounter.peek(kv, counter));
        add(eref, kref, true);
        StoredCounter.take(kv, counter);
        return eref;
    }

    /**
     * Allocates the next import eref of {@code kind} for this endpoint without mapping it:
     * {@code o-1}, {@code o-2}, ... ({@code ro-1}, ... for a remote). Numbers are never reused
     * within the endpoint's life, except that an aborted crank takes its allocations back.
     */
    public String newImportEref(RefKind kind) {
        return Eref.imported(endpoint, kind, StoredCounter.take(kv, importCounter(kind)));
    }

    private String importCounter(RefKind kind) {
        return endpoint + (kind == RefKind.OBJECT ? ".i.o" : ".i.p");
    }

    /** The kref {@code eref} maps to, or null. */
    public String krefFor(String eref) {
        return kv.get(prefix + Eref.requireFor(endpoint, eref));
    }

    /** The eref {@code kref} maps to, or null. */
    public String erefFor(String kref) {
        CListEntry entry = entry(kref);
        return entry == null ? null : entry.eref();
    }

    /** The entry for {@code kref}, or null if it is not mapped. */
    public CListEntry entry(String kref) {
        String stored = kv.get(prefix + Kref.require(kref));
        return stored == null ? null : parse(kref, stored);
    }

    /** Whether {@code kref} is mapped. */
    public boolean contains(String kref) {
        return kv.has(prefix + Kref.require(kref));
    }

    /**
     * Whether the entry for {@code kref} is reachable.
     *
     * @throws IllegalStateException if {@code kref} is not mapped
     */
    public boolean isReachable(String kref) {
        return requireEntry(kref).reachable();
    }

    /**
     * Sets the reachable flag of the entry for {@code kref} and returns its previous value. When
     * the flag changes on an importer's object entry, the object's reachable count follows.
     *
     * @throws IllegalStateException if {@code kref} is not mapped
     */
    public boolean setReachable(String kref, boolean reachable) {
        CListEntry entry = requireEntry(kref);
        if (entry.reachable() != reachable) {
            if (Kref.isObject(kref) && !isOwner(kref)) {
                counter.apply((reachable ? CountChange.adding() : CountChange.removing()).reachableFlag(kref));
            }
            kv.set(prefix + kref, (reachable ? "R " : "_ ") + entry.eref());
        }
        return entry.reachable();
    }

    /**
     * Removes the mapping of {@code kref} in both directions and releases its counts; returns it, or
     * null if there was none.
     *
     * @throws IllegalStateException if {@code kref} no longer exists or its counts would go below
     *     zero (kernel bugs); nothing is written then
     */
    public CListEntry remove(String kref) {
        CListEntry entry = entry(kref);
        if (entry != null) {
            counter.apply(entryCounts(CountChange.removing(), kref, entry.reachable()));
            kv.delete(prefix + entry.eref());
            kv.delete(prefix + kref);
        }
        return entry;
    }

    /**
     * Every entry, in kref string order ({@code ko10} before {@code ko2}; objects before promises),
     * read lazily from the store. Entries may be removed while iterating (the store's iterators are
     * weakly consistent), which is how an endpoint's c-list is emptied when it goes away.
     */
    public Iterable<CListEntry> entries() {
        String krefPrefix = prefix + "k";
        return () -> new Iterator<>() {
            private final Iterator<Map.Entry<String, String>> keys = kv.prefix(krefPrefix).iterator();

            @Override
            public boolean hasNext() {
                return keys.hasNext();
            }

            @Override
            public CListEntry next() {
                Map.Entry<String, String> e = keys.next();
                return parse(e.getKey().substring(prefix.length()), e.getValue());
            }
        };
    }

    /** Whether the c-list has no entries. */
    public boolean isEmpty() {
        String next = kv.getNextKey(prefix);
        return next == null || !next.startsWith(prefix);
    }

    /**
     * Deletes the endpoint's import counters, for when the endpoint is gone for good.
     *
     * @throws IllegalStateException if the c-list still has entries (restarting the counters then
     *     could hand out an eref that is still mapped)
     */
    public void deleteCounters() {
        if (!isEmpty()) {
            throw new IllegalStateException("c-list of " + endpoint + " still has entries; remove them before"
                    + " deleting its import counters");
        }
        kv.delete(endpoint + ".i.o");
        kv.delete(endpoint + ".i.p");
    }

    /** What an entry of this endpoint for {@code kref} counts, added to {@code change}. */
    private CountChange entryCounts(CountChange change, String kref, boolean reachable) {
        if (Kref.isObject(kref) && isOwner(kref)) {
            return change; // an export: the owner's flag only remembers whether dropExports was sent
        }
        return change.importEntry(kref, reachable);
    }

    /** Whether this endpoint owns the object {@code ko} (which must exist). */
    private boolean isOwner(String ko) {
        String owner = kv.get(ko + ".o");
        if (owner == null) {
            counter.objectCounts(ko); // tells an orphan from an unknown object
            return false;
        }
        return owner.equals(endpoint);
    }

    private CListEntry requireEntry(String kref) {
        CListEntry entry = entry(kref);
        if (entry == null) {
            throw new IllegalStateException("c-list of " + endpoint + " does not map " + kref);
        }
        return entry;
    }

    private CListEntry parse(String kref, String stored) {
        boolean ok = stored.length() > 2 && stored.charAt(1) == ' '
                && (stored.charAt(0) == 'R' || stored.charAt(0) == '_');
        if (!ok || !Eref.isValidFor(endpoint, stored.substring(2))) {
            throw new IllegalStateException("corrupt c-list entry " + prefix + kref + ": " + RefNumbers.shown(stored)
                    + "; expected \"R <eref>\" or \"_ <eref>\"");
        }
        return new CListEntry(stored.substring(2), kref, stored.charAt(0) == 'R');
    }
}
