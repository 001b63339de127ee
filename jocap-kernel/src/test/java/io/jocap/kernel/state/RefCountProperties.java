package io.jocap.kernel.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.jocap.marshal.CapData;
import io.jocap.store.KVStore;
import io.jocap.store.KernelStore;
import io.jocap.store.StoreOptions;
import io.jocap.testkit.Gen;
import io.jocap.testkit.PropertyCheck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * Design invariant 5 as a property: random cranks of holder operations through the public API —
 * objects and promises created, c-list entries of importers and exporters added and removed,
 * reachable flags flipped, sends and notifies pushed and polled, messages queued on promises and
 * drained back to the run queue, promises resolved with refs in their values and deleted, pins
 * taken and released, owners changed — each crank committed or aborted, and the audit clean after
 * every one. Operations pick their refs from what exists, as the kernel would; an operation that
 * does not apply (nothing to poll, an already mapped ref) is skipped.
 */
class RefCountProperties {
    static final List<String> ENDPOINTS = List.of("v1", "v2", "v10", "r1");
    static final List<String> OWNERS = List.of("v1", "v2", "v10", "r1", "kernel");

    /** One operation, chosen and resolved against the current state by {@link #apply}. */
    enum Op {
        CREATE_OBJECT, CREATE_PROMISE, EXPORT, IMPORT, REMOVE_ENTRY, FLIP_REACHABLE, PUSH_SEND, PUSH_NOTIFY,
        POLL, ENQUEUE, RESOLVE, DELETE_SETTLED, PIN, UNPIN, SET_OWNER, CLEAR_OWNER
    }

    record Crank(List<Op> ops, boolean commit, long seed) {}

    static final Gen<Op> OP = Gen.frequency(
            Gen.weight(3, Gen.constant(Op.CREATE_OBJECT)),
            Gen.weight(3, Gen.constant(Op.CREATE_PROMISE)),
            Gen.weight(2, Gen.constant(Op.EXPORT)),
            Gen.weight(4, Gen.constant(Op.IMPORT)),
            Gen.weight(3, Gen.constant(Op.REMOVE_ENTRY)),
            Gen.weight(3, Gen.constant(Op.FLIP_REACHABLE)),
            Gen.weight(4, Gen.constant(Op.PUSH_SEND)),
            Gen.weight(2, Gen.constant(Op.PUSH_NOTIFY)),
            Gen.weight(4, Gen.constant(Op.POLL)),
            Gen.weight(3, Gen.constant(Op.ENQUEUE)),
            Gen.weight(2, Gen.constant(Op.RESOLVE)),
            Gen.weight(1, Gen.constant(Op.DELETE_SETTLED)),
            Gen.weight(1, Gen.constant(Op.PIN)),
            Gen.weight(1, Gen.constant(Op.UNPIN)),
            Gen.weight(1, Gen.constant(Op.SET_OWNER)),
            Gen.weight(1, Gen.constant(Op.CLEAR_OWNER)));

    static final Gen<List<Crank>> CRANKS = Gen.listOf(
            (r, size) -> new Crank(Gen.listOf(OP, 15).next(r, size), r.nextInt(4) != 0, r.nextLong()), 40);

    @Test
    void theAuditIsCleanAfterEveryCrank() {
        PropertyCheck.forAll("holder operations keep every count exact", 120, CRANKS, cranks -> {
            StoreOptions options = StoreOptions.batched(3, Duration.ofMillis(1)).withCleanCacheEntries(8);
            try (KernelStore store = KernelStore.openTemporary(options)) {
                KernelState state = KernelState.of(store);
                for (Crank crank : cranks) {
                    RandomGenerator r = new SplittableRandom(crank.seed());
                    store.beginCrank();
                    for (Op op : crank.ops()) {
                        apply(op, state, store.kv(), r);
                    }
                    if (crank.commit()) {
                        store.commitCrank();
                    } else {
                        store.abortCrank();
                    }
                    AuditReport report = state.audit().run();
                    assertThat(report.isClean()).as(report.toString()).isTrue();
                }
                // and everything can be released again, down to zero counts everywhere
                store.beginCrank();
                releaseEverything(state, store.kv());
                store.commitCrank();
                state.audit().assertClean();
                // unless settled values hold each other in a cycle, nothing holds anything any more
                List<String> left = promises(store.kv());
                if (left.stream().noneMatch(kp -> state.promises().state(kp).isSettled())) {
                    for (String kp : left) {
                        assertThat(state.promises().refCount(kp)).as(kp).isZero();
                    }
                    for (String ko : objects(store.kv())) {
                        assertThat(state.objects().counts(ko)).as(ko).isEqualTo(RefCounts.ZERO);
                    }
                }
            }
        });
    }

    static void apply(Op op, KernelState s, KVStore kv, RandomGenerator r) {
        List<String> objects = objects(kv);
        List<String> promises = promises(kv);
        List<String> refs = new ArrayList<>(objects);
        refs.addAll(promises);
        String endpoint = pick(ENDPOINTS, r);
        CList clist = s.clist(endpoint);
        switch (op) {
            case CREATE_OBJECT -> s.objects().create(pick(OWNERS, r));
            case CREATE_PROMISE -> s.promises().create(r.nextBoolean() ? pick(OWNERS, r) : null);
            case EXPORT -> {
                // an endpoint's export: an object it owns, or a promise it decides
                String kref = refs.isEmpty() ? null : pick(refs, r);
                if (kref != null && !clist.contains(kref)) {
                    String eref = (Kref.isObject(kref) ? "o+" : "p+") + Kref.number(kref);
                    eref = EndpointId.isRemote(endpoint) ? "r" + eref : eref;
                    if (clist.krefFor(eref) == null) {
                        clist.add(eref, kref, r.nextBoolean());
                    }
                }
            }
            case IMPORT -> {
                String kref = refs.isEmpty() ? null : pick(refs, r);
                if (kref != null && !clist.contains(kref)) {
                    clist.addImport(kref);
                }
            }
            case REMOVE_ENTRY -> {
                List<CListEntry> entries = entries(clist);
                if (!entries.isEmpty()) {
                    clist.remove(pick(entries, r).kref());
                }
            }
            case FLIP_REACHABLE -> {
                List<CListEntry> entries = entries(clist);
                if (!entries.isEmpty()) {
                    CListEntry e = pick(entries, r);
                    clist.setReachable(e.kref(), !e.reachable());
                }
            }
            case PUSH_SEND -> {
                if (!refs.isEmpty()) {
                    s.runQueue().push(new RunQueueItem.Send(pick(refs, r), message(objects, promises, r)));
                }
            }
            case PUSH_NOTIFY -> {
                if (!promises.isEmpty()) {
                    s.runQueue().push(new RunQueueItem.Notify(pick(ENDPOINTS, r), pick(promises, r)));
                }
            }
            case POLL -> s.runQueue().poll();
            case ENQUEUE -> {
                List<String> unresolved = unresolved(s, promises);
                if (!unresolved.isEmpty()) {
                    s.promises().enqueueMessage(pick(unresolved, r), message(objects, promises, r));
                }
            }
            case RESOLVE -> {
                List<String> unresolved = unresolved(s, promises);
                if (!unresolved.isEmpty()) {
                    String kp = pick(unresolved, r);
                    List<String> slots = slots(objects, promises, r);
                    s.promises().resolve(kp, r.nextBoolean(), new CapData("#" + slots.size(), slots));
                    // as the kernel does, in the same crank: queued messages go back to the run queue
                    for (KernelMessage m : s.promises().drainMessages(kp)) {
                        s.runQueue().push(new RunQueueItem.Send(kp, m));
                    }
                }
            }
            case DELETE_SETTLED -> {
                // the collector's deletion: a settled promise nothing holds any more
                for (String kp : promises) {
                    if (s.promises().state(kp).isSettled() && s.promises().refCount(kp) == 0) {
                        s.promises().delete(kp);
                        break;
                    }
                }
            }
            case PIN -> {
                if (!refs.isEmpty()) {
                    s.pins().pin(pick(refs, r));
                }
            }
            case UNPIN -> {
                for (String kref : refs) {
                    if (s.pins().pinCount(kref) > 0) {
                        s.pins().unpin(kref);
                        break;
                    }
                }
            }
            case SET_OWNER -> {
                if (!objects.isEmpty()) {
                    s.objects().setOwner(pick(objects, r), pick(OWNERS, r));
                }
            }
            case CLEAR_OWNER -> {
                if (!objects.isEmpty()) {
                    s.objects().clearOwner(pick(objects, r));
                }
            }
        }
    }

    static void releaseEverything(KernelState s, KVStore kv) {
        while (s.runQueue().poll() != null) {
            // each poll releases its item
        }
        for (String kref : refs(kv)) {
            while (s.pins().pinCount(kref) > 0) {
                s.pins().unpin(kref);
            }
        }
        for (String endpoint : ENDPOINTS) {
            CList clist = s.clist(endpoint);
            for (CListEntry e : entries(clist)) {
                clist.remove(e.kref());
            }
        }
        for (String kp : promises(kv)) {
            s.promises().drainMessages(kp);
        }
        // delete settled promises nothing holds, as a collector would, until none is left to delete
        // (values can hold each other in a cycle, which counting alone never frees)
        boolean deleted = true;
        while (deleted) {
            deleted = false;
            for (String kp : promises(kv)) {
                if (s.promises().state(kp).isSettled() && s.promises().refCount(kp) == 0) {
                    s.promises().delete(kp);
                    deleted = true;
                }
            }
        }
    }

    static KernelMessage message(List<String> objects, List<String> promises, RandomGenerator r) {
        String result = promises.isEmpty() || r.nextBoolean() ? null : pick(promises, r);
        List<String> slots = slots(objects, promises, r);
        return new KernelMessage(new CapData("#[\"m\",[]]", slots), result);
    }

    static List<String> slots(List<String> objects, List<String> promises, RandomGenerator r) {
        List<String> slots = new ArrayList<>();
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) {
            List<String> from = r.nextBoolean() ? objects : promises;
            if (!from.isEmpty()) {
                slots.add(pick(from, r)); // repeats allowed: each slot is its own holder
            }
        }
        return slots;
    }

    /** The existing objects, found from the id counter (the property never deletes objects). */
    static List<String> objects(KVStore kv) {
        List<String> out = new ArrayList<>();
        long next = StoredCounter.peek(kv, IdCounters.OBJECT);
        for (long n = 1; n < next; n++) {
            out.add(Kref.object(n));
        }
        return out;
    }

    /** The existing promises (settled ones that nothing held may have been deleted). */
    static List<String> promises(KVStore kv) {
        List<String> out = new ArrayList<>();
        long next = StoredCounter.peek(kv, IdCounters.PROMISE);
        for (long n = 1; n < next; n++) {
            if (kv.has(Kref.promise(n) + ".s")) {
                out.add(Kref.promise(n));
            }
        }
        return out;
    }

    static List<String> refs(KVStore kv) {
        List<String> out = new ArrayList<>(objects(kv));
        out.addAll(promises(kv));
        return out;
    }

    static List<String> unresolved(KernelState s, List<String> promises) {
        return promises.stream().filter(kp -> !s.promises().state(kp).isSettled()).toList();
    }

    static List<CListEntry> entries(CList clist) {
        List<CListEntry> out = new ArrayList<>();
        clist.entries().forEach(out::add);
        return out;
    }

    static <T> T pick(List<T> from, RandomGenerator r) {
        return from.get(r.nextInt(from.size()));
    }
}
