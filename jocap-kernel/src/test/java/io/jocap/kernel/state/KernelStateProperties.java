package io.jocap.kernel.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jocap.marshal.CapData;
import io.jocap.store.KernelStore;
import io.jocap.store.StoreOptions;
import io.jocap.testkit.Gen;
import io.jocap.testkit.PropertyCheck;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Random cranks of run-queue pushes and polls and promise operations (create, decider changes,
 * subscriptions, queued messages, resolution, deletion), each crank committed, aborted, or rolled
 * back to a savepoint in its middle, compared after every step with a plain in-memory model. Runs
 * on a store with a 4-entry clean cache and frequent commit points, so reads really go through
 * the store's layers and SQLite.
 */
class KernelStateProperties {
    static final List<String> ENDPOINTS = List.of("v1", "v10", "r1", "kernel");
    static final int MAX_PROMISE = 8;
    /**
     * Holders are counted, so they must name existing refs: queue items and messages name only a
     * fixed pool, ko1..ko8 and kp1..kp4, created before the first crank and never changed by the
     * operations, which work on the promises after them (kp5 on).
     */
    static final int POOL_OBJECTS = 8;
    static final int POOL_PROMISES = 4;

    sealed interface Op {}

    record Push(RunQueueItem item) implements Op {}

    record Poll() implements Op {}

    record Create(String decider) implements Op {}

    record SetDecider(int promise, String endpoint) implements Op {}

    record ClearDecider(int promise) implements Op {}

    record Subscribe(int promise, String endpoint) implements Op {}

    record Enqueue(int promise, KernelMessage message) implements Op {}

    record Drain(int promise) implements Op {}

    record Resolve(int promise, boolean rejected, CapData value) implements Op {}

    record Delete(int promise) implements Op {}

    enum Outcome { COMMIT, ABORT, ROLLBACK_TO_SAVEPOINT }

    /** One crank: its operations, where its savepoint goes, and how it ends. */
    record Crank(List<Op> ops, int savepointAt, Outcome outcome) {}

    static final Gen<String> ENDPOINT = Gen.oneOf(ENDPOINTS.toArray(String[]::new));
    static final Gen<Integer> PROMISE = Gen.ints(POOL_PROMISES + 1, POOL_PROMISES + MAX_PROMISE);
    static final Gen<KernelMessage> MESSAGE = (r, size) -> new KernelMessage(
            new CapData("#[\"m" + r.nextInt(100) + "\",[]]",
                    r.nextBoolean() ? List.of() : List.of("ko" + r.nextInt(1, POOL_OBJECTS + 1))),
            r.nextBoolean() ? null : Kref.promise(r.nextInt(1, POOL_PROMISES + 1)));
    static final Gen<RunQueueItem> ITEM = Gen.anyOf(
            (r, size) -> new RunQueueItem.Notify(ENDPOINT.next(r, size), Kref.promise(r.nextInt(1, POOL_PROMISES + 1))),
            (r, size) -> new RunQueueItem.Send(Kref.object(r.nextInt(1, POOL_OBJECTS + 1)), MESSAGE.next(r, size)));

    static final Gen<Op> OP = Gen.frequency(
            Gen.weight(6, ITEM.map(Push::new)),
            Gen.weight(4, Gen.constant(new Poll())),
            Gen.weight(4, ENDPOINT.orNull(0.3).map(Create::new)),
            Gen.weight(3, (r, s) -> new SetDecider(PROMISE.next(r, s), ENDPOINT.next(r, s))),
            Gen.weight(1, PROMISE.map(ClearDecider::new)),
            Gen.weight(2, (r, s) -> new Subscribe(PROMISE.next(r, s), ENDPOINT.next(r, s))),
            Gen.weight(2, (r, s) -> new Enqueue(PROMISE.next(r, s), MESSAGE.next(r, s))),
            Gen.weight(1, PROMISE.map(Drain::new)),
            Gen.weight(2, (r, s) -> new Resolve(PROMISE.next(r, s), r.nextBoolean(),
                    new CapData("#" + r.nextInt(1000), List.of()))),
            Gen.weight(1, PROMISE.map(Delete::new)));

    static final Gen<List<Crank>> CRANKS = Gen.listOf((r, size) -> {
        List<Op> ops = Gen.listOf(OP, 12).next(r, size);
        return new Crank(ops, r.nextInt(ops.size() + 1), Gen.oneOf(Outcome.values()).next(r, size));
    }, 40);

    /** The model of one promise. */
    static final class PromiseModel {
        PromiseState state = PromiseState.UNRESOLVED;
        String decider;
        List<String> subscribers = new ArrayList<>();
        CapData value;
        List<KernelMessage> messages = new ArrayList<>();

        PromiseModel copy() {
            PromiseModel c = new PromiseModel();
            c.state = state;
            c.decider = decider;
            c.subscribers = new ArrayList<>(subscribers);
            c.value = value;
            c.messages = new ArrayList<>(messages);
            return c;
        }
    }

    /** The whole model: what the store should show. */
    static final class Model {
        ArrayDeque<RunQueueItem> queue = new ArrayDeque<>();
        Map<Integer, PromiseModel> promises = new TreeMap<>();
        int nextPromise = POOL_PROMISES + 1;

        Model copy() {
            Model c = new Model();
            c.queue = new ArrayDeque<>(queue);
            promises.forEach((k, v) -> c.promises.put(k, v.copy()));
            c.nextPromise = nextPromise;
            return c;
        }
    }

    @Test
    void queueAndPromisesAgreeWithAModelThroughCommitsAbortsAndRollbacks() {
        PropertyCheck.forAll("kernel state matches the model", 150, CRANKS, cranks -> {
            StoreOptions options = StoreOptions.batched(3, Duration.ofMillis(1)).withCleanCacheEntries(4);
            try (KernelStore store = KernelStore.openTemporary(options)) {
                KernelState state = KernelState.of(store);
                store.beginCrank();
                for (int i = 0; i < POOL_OBJECTS; i++) {
                    state.objects().create("kernel");
                }
                for (int i = 0; i < POOL_PROMISES; i++) {
                    state.promises().create(null);
                }
                store.commitCrank();
                Model model = new Model();
                for (Crank crank : cranks) {
                    Model before = model.copy();
                    Model atSavepoint = null;
                    store.beginCrank();
                    for (int i = 0; i <= crank.ops().size(); i++) {
                        if (i == crank.savepointAt()) {
                            store.savepoint("sp");
                            atSavepoint = model.copy();
                        }
                        if (i < crank.ops().size()) {
                            apply(crank.ops().get(i), state, model);
                            check(state, model);
                        }
                    }
                    switch (crank.outcome()) {
                        case COMMIT -> store.commitCrank();
                        case ABORT -> {
                            store.abortCrank();
                            model = before;
                        }
                        case ROLLBACK_TO_SAVEPOINT -> {
                            store.rollbackTo("sp");
                            model = atSavepoint;
                            check(state, model);
                            store.commitCrank();
                        }
                    }
                    check(state, model);
                }
            }
        });
    }

    /** Applies {@code op} to the store and, if the model says it is legal, to the model. */
    static void apply(Op op, KernelState state, Model model) {
        KernelPromises promises = state.promises();
        switch (op) {
            case Push(RunQueueItem item) -> {
                state.runQueue().push(item);
                model.queue.addLast(item);
            }
            case Poll() -> assertThat(state.runQueue().poll()).isEqualTo(model.queue.pollFirst());
            case Create(String decider) -> {
                assertThat(promises.create(decider)).isEqualTo(Kref.promise(model.nextPromise));
                PromiseModel p = new PromiseModel();
                p.decider = decider;
                model.promises.put(model.nextPromise++, p);
            }
            case SetDecider(int n, String endpoint) -> {
                if (unresolved(model, n, () -> promises.setDecider(Kref.promise(n), endpoint))) {
                    promises.setDecider(Kref.promise(n), endpoint);
                    model.promises.get(n).decider = endpoint;
                }
            }
            case ClearDecider(int n) -> {
                if (unresolved(model, n, () -> promises.clearDecider(Kref.promise(n)))) {
                    promises.clearDecider(Kref.promise(n));
                    model.promises.get(n).decider = null;
                }
            }
            case Subscribe(int n, String endpoint) -> {
                if (unresolved(model, n, () -> promises.addSubscriber(Kref.promise(n), endpoint))) {
                    List<String> subscribers = model.promises.get(n).subscribers;
                    boolean added = !subscribers.contains(endpoint);
                    assertThat(promises.addSubscriber(Kref.promise(n), endpoint)).isEqualTo(added);
                    if (added) {
                        subscribers.add(endpoint);
                    }
                }
            }
            case Enqueue(int n, KernelMessage message) -> {
                if (unresolved(model, n, () -> promises.enqueueMessage(Kref.promise(n), message))) {
                    promises.enqueueMessage(Kref.promise(n), message);
                    model.promises.get(n).messages.add(message);
                }
            }
            case Drain(int n) -> {
                PromiseModel p = model.promises.get(n);
                if (p == null) {
                    assertThatThrownBy(() -> promises.drainMessages(Kref.promise(n)))
                            .isInstanceOf(IllegalStateException.class);
                } else {
                    assertThat(promises.drainMessages(Kref.promise(n))).isEqualTo(p.messages);
                    p.messages = new ArrayList<>();
                }
            }
            case Resolve(int n, boolean rejected, CapData value) -> {
                if (unresolved(model, n, () -> promises.resolve(Kref.promise(n), rejected, value))) {
                    PromiseModel p = model.promises.get(n);
                    assertThat(promises.resolve(Kref.promise(n), rejected, value)).isEqualTo(p.subscribers);
                    p.state = rejected ? PromiseState.REJECTED : PromiseState.FULFILLED;
                    p.value = value;
                    p.decider = null;
                    p.subscribers = new ArrayList<>();
                }
            }
            case Delete(int n) -> {
                if (model.promises.containsKey(n)) {
                    promises.delete(Kref.promise(n));
                    model.promises.remove(n);
                } else {
                    assertThatThrownBy(() -> promises.delete(Kref.promise(n))).isInstanceOf(IllegalStateException.class);
                }
            }
        }
    }

    /**
     * Whether promise {@code n} is unresolved in the model; if not, checks that {@code attempt}
     * is refused by the store.
     */
    static boolean unresolved(Model model, int n, Runnable attempt) {
        PromiseModel p = model.promises.get(n);
        if (p != null && p.state == PromiseState.UNRESOLVED) {
            return true;
        }
        assertThatThrownBy(attempt::run).isInstanceOf(IllegalStateException.class);
        return false;
    }

    static void check(KernelState state, Model model) {
        RunQueue queue = state.runQueue();
        assertThat(queue.size()).isEqualTo(model.queue.size());
        assertThat(queue.isEmpty()).isEqualTo(model.queue.isEmpty());
        assertThat(queue.peek()).isEqualTo(model.queue.peekFirst());

        KernelPromises promises = state.promises();
        Map<String, List<String>> decided = new LinkedHashMap<>();
        ENDPOINTS.forEach(e -> decided.put(e, new ArrayList<>()));
        for (int n = POOL_PROMISES + 1; n <= Math.max(POOL_PROMISES + MAX_PROMISE, model.nextPromise); n++) {
            String kp = Kref.promise(n);
            PromiseModel p = model.promises.get(n);
            assertThat(promises.exists(kp)).as(kp).isEqualTo(p != null);
            if (p == null) {
                continue;
            }
            assertThat(promises.state(kp)).as(kp).isEqualTo(p.state);
            assertThat(promises.decider(kp)).as(kp).isEqualTo(p.decider);
            assertThat(promises.subscribers(kp)).as(kp).isEqualTo(p.subscribers);
            assertThat(promises.value(kp)).as(kp).isEqualTo(p.value);
            assertThat(promises.queuedMessageCount(kp)).as(kp).isEqualTo(p.messages.size());
            if (p.decider != null) {
                decided.get(p.decider).add(kp);
            }
        }
        for (String endpoint : ENDPOINTS) {
            assertThat(promises.promisesDecidedBy(endpoint)).as("decided by " + endpoint)
                    .isEqualTo(decided.get(endpoint));
        }
    }
}
