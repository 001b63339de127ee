package io.jocap.kernel.state;

import io.jocap.store.KVStore;
import io.jocap.store.KernelStore;
import java.util.HashMap;
import java.util.List;
import java.util.Objects;

/**
 * The kernel's persistent state, typed: objects, promises (with the decider index), c-lists, id
 * counters, the run queue, pins and the maybe-free set, all in the kernel key space of one
 * {@link KernelStore}; and the reference-count audit over them.
 *
 * <p>Nothing here holds store data in memory: each accessor is a thin view that reads and writes
 * the store on every call, so after {@link KernelStore#abortCrank()} or
 * {@link KernelStore#rollbackTo} every view already shows the restored state (design invariant 4).
 * Writes must happen inside a crank. Kernel thread only, like the store.
 */
public final class KernelState {
    private final KVStore kv;
    private final IdCounters ids;
    private final KernelObjects objects;
    private final KernelPromises promises;
    private final RunQueue runQueue;
    private final Pins pins;
    private final MaybeFree maybeFree;
    private final GcActions gcActions;
    private final ReapQueue reapQueue;
    private final TerminatedVats terminatedVats;
    private final HashMap<String, CList> clists = new HashMap<>();

    /** Views over {@code kv}, the kernel key space ({@link KernelStore#kv()}). */
    public KernelState(KVStore kv) {
        this.kv = Objects.requireNonNull(kv, "kv");
        this.ids = new IdCounters(kv);
        this.objects = new KernelObjects(kv, ids);
        this.promises = new KernelPromises(kv, ids);
        this.runQueue = new RunQueue(kv);
        this.pins = new Pins(kv);
        this.maybeFree = new MaybeFree(kv);
        this.gcActions = new GcActions(kv);
        this.reapQueue = new ReapQueue(kv);
        this.terminatedVats = new TerminatedVats(kv);
    }

    /** Views over the kernel key space of {@code store}. */
    public static KernelState of(KernelStore store) {
        return new KernelState(store.kv());
    }

    /** The kernel key space these views read and write. */
    public KVStore kv() {
        return kv;
    }

    /** The id counters. */
    public IdCounters ids() {
        return ids;
    }

    /** The kernel object table. */
    public KernelObjects objects() {
        return objects;
    }

    /** The kernel promise table and its decider index. */
    public KernelPromises promises() {
        return promises;
    }

    /** The run queue. */
    public RunQueue runQueue() {
        return runQueue;
    }

    /** The GC actions owed to vats, delivered before the run queue. */
    public GcActions gcActions() {
        return gcActions;
    }

    /** The vats owed a reap ({@code bringOutYourDead}), delivered after GC actions. */
    public ReapQueue reapQueue() {
        return reapQueue;
    }

    /** Terminated vats whose c-list entries the run loop is still removing. */
    public TerminatedVats terminatedVats() {
        return terminatedVats;
    }

    /** The references the kernel holds itself. */
    public Pins pins() {
        return pins;
    }

    /** The refs a decrement has brought to a zero count since the set was last taken. */
    public MaybeFree maybeFree() {
        return maybeFree;
    }

    /** Returns the maybe-free refs and clears the set (a write: inside a crank). */
    public List<String> takeMaybeFree() {
        return maybeFree.take();
    }

    /** An audit that recomputes every count from its holders and checks the structural invariants. */
    public RefAudit audit() {
        return new RefAudit(kv);
    }

    /** The c-list of {@code endpoint} (a vat or a remote). */
    public CList clist(String endpoint) {
        // A CList is a stateless view (no store data), so one per endpoint can be kept.
        CList clist = clists.get(endpoint);
        if (clist == null) {
            clist = new CList(kv, endpoint);
            clists.put(endpoint, clist);
        }
        return clist;
    }
}
