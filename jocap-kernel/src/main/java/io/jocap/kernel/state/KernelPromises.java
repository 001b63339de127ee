package io.jocap.kernel.state;

import io.jocap.marshal.CapData;
import io.jocap.marshal.MarshalException;
import io.jocap.store.KVStore;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The kernel promise table: for each promise {@code kpN}, its state, its decider (the one endpoint
 * allowed to resolve it, or none), its subscribers (endpoints to notify when it settles), a
 * reference count, its settled value, and the messages sent to it while unresolved.
 *
 * <p><b>Contract.</b> A promise is created {@link PromiseState#UNRESOLVED} and settles once, by
 * {@link #resolve}, which records the value and forgets the decider and subscribers (returning the
 * subscribers so the caller can notify them). Deciders, subscribers and queued messages belong to
 * unresolved promises only: changing them on a settled promise throws
 * {@link IllegalStateException}. Every unresolved promise with a decider is listed by
 * {@link #promisesDecidedBy}, which reads an index maintained by this class alone.
 *
 * <p>Malformed krefs and endpoint ids throw {@link IllegalArgumentException}; a well-formed kref
 * naming no promise, a second resolution and a count going below zero throw
 * {@link IllegalStateException} (kernel bugs). Who may resolve a promise is kernel policy and not
 * checked here. Writes must happen inside a crank.
 *
 * <p><b>Counting.</b> Queued messages and settled values are holders, counted here (the package
 * documentation has the whole policy): {@link #enqueueMessage} counts the message's result and
 * slots (not the promise it waits on), {@link #drainMessages} releases them (the caller's next
 * step, typically pushing them on the run queue, counts them again), {@link #resolve} counts the
 * value's slots and {@link #delete} releases the value's slots and those of any message still
 * queued. A ref in a message or value that does not exist throws {@link IllegalStateException}
 * with nothing written. {@link #adjustRefCount} changes the count without a holder and is for
 * repair tools and tests.
 *
 * <p>Messages queued on a promise outlive its resolution only until the caller drains them, in
 * the same crank: {@link RefAudit} reports a settled promise that still has a queue.
 */
public final class KernelPromises {
    /*
     * Implementation overview. Keys, all read and written straight through the store (no cache,
     * so a rolled-back crank leaves nothing stale):
     *   kpN.s    state "u" / "f" / "r"; present exactly while the promise exists (existence marker)
     *   kpN.d    decider endpoint id; absent when there is none or the promise is settled
     *   kpN.b    subscribers, endpoint ids joined by ",", in subscription order; absent when none
     *   kpN.c    reference count, decimal; absent means 0 (saves a write per new promise)
     *   kpN.v    settled value, CapData.toJson(); absent while unresolved
     *   kpN.q    message queue record and kpN.q.<pos> queued messages (StoredFifo + QueueCodec)
     *   dx.<endpoint>.kpN   decider index entry (DeciderIndex), present exactly when kpN.d is
     * Count changes go through RefCounter and are applied before the keys of the operation are
     * written, so a refused change (unknown ref, underflow) leaves everything as it was.
     */

    private final KVStore kv;
    private final IdCounters ids;
    private final DeciderIndex deciders;
    private final RefCounter counter;

    public KernelPromises(KVStore kv, IdCounters ids) {
        this.kv = Objects.requireNonNull(kv, "kv");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.deciders = new DeciderIndex(kv);
        this.counter = new RefCounter(kv);
    }

    /** Creates an unresolved promise with the given decider (an endpoint id, or null for none). */
    public String create(String decider) {
        if (decider != null) {
            EndpointId.require(decider);
        }
        String kp = ids.nextPromiseId();
        kv.set(kp + ".s", PromiseState.UNRESOLVED.code);
        if (decider != null) {
            kv.set(kp + ".d", decider);
            deciders.add(decider, kp);
        }
        return kp;
    }

    /** How many promises exist (a scan of the promise keys: for operators and benchmarks). */
    public long count() {
        long n = 0;
        for (var e : kv.prefix("kp")) {
            if (e.getKey().endsWith(".s")) {
                n++;
            }
        }
        return n;
    }

    /** Whether {@code kp} names an existing promise. */
    public boolean exists(String kp) {
        return kv.has(Kref.requirePromise(kp) + ".s");
    }

    /** The state of {@code kp}. */
    public PromiseState state(String kp) {
        String code = kv.get(Kref.requirePromise(kp) + ".s");
        if (code == null) {
            throw unknown(kp);
        }
        return PromiseState.fromCode(kp, code);
    }

    /** The decider of {@code kp}, or null if it has none (always null once settled). */
    public String decider(String kp) {
        String decider = kv.get(Kref.requirePromise(kp) + ".d");
        if (decider == null) {
            state(kp); // tells "no decider" from "no such promise"
        }
        return decider;
    }

    /** Makes {@code endpoint} the decider of the unresolved promise {@code kp}. */
    public void setDecider(String kp, String endpoint) {
        EndpointId.require(endpoint);
        requireUnresolved(kp, "set the decider of");
        String old = kv.get(kp + ".d");
        if (endpoint.equals(old)) {
            return;
        }
        if (old != null) {
            deciders.remove(old, kp);
        }
        kv.set(kp + ".d", endpoint);
        deciders.add(endpoint, kp);
    }

    /** Leaves the unresolved promise {@code kp} without a decider. */
    public void clearDecider(String kp) {
        requireUnresolved(kp, "clear the decider of");
        forgetDecider(kp);
    }

    /**
     * The unresolved promises {@code endpoint} decides, in creation order, read from the decider
     * index (never a scan of c-lists or promises).
     */
    public List<String> promisesDecidedBy(String endpoint) {
        return deciders.promisesDecidedBy(EndpointId.require(endpoint));
    }

    /** The subscribers of {@code kp}, in subscription order (empty once settled). */
    public List<String> subscribers(String kp) {
        String stored = kv.get(Kref.requirePromise(kp) + ".b");
        if (stored == null) {
            state(kp);
            return List.of();
        }
        return splitSubscribers(stored);
    }

    /**
     * Subscribes {@code endpoint} to the unresolved promise {@code kp}; returns false if it already
     * was (subscribing twice is allowed and changes nothing).
     */
    public boolean addSubscriber(String kp, String endpoint) {
        EndpointId.require(endpoint);
        requireUnresolved(kp, "subscribe to");
        String stored = kv.get(kp + ".b");
        if (stored == null) {
            kv.set(kp + ".b", endpoint);
            return true;
        }
        if (splitSubscribers(stored).contains(endpoint)) {
            return false;
        }
        kv.set(kp + ".b", stored + "," + endpoint);
        return true;
    }

    /** The reference count of {@code kp}. */
    public long refCount(String kp) {
        return counter.promiseCount(kp);
    }

    /**
     * Adds {@code delta} (possibly negative) to the reference count of {@code kp} and returns the
     * new count; a decrement to zero marks it maybe-free. No holder goes with the change, so this
     * is for repair tools and tests (see the class documentation).
     *
     * @throws IllegalStateException if the count would go below zero; nothing is written then
     */
    public long adjustRefCount(String kp, long delta) {
        Kref.requirePromise(kp);
        counter.apply(CountChange.adding().raw(kp, delta, delta));
        return refCount(kp);
    }

    /** The settled value of {@code kp} (the fulfillment or the rejection reason), or null while unresolved. */
    public CapData value(String kp) {
        String stored = kv.get(Kref.requirePromise(kp) + ".v");
        if (stored == null) {
            state(kp);
            return null;
        }
        try {
            return CapData.fromJson(stored);
        } catch (MarshalException e) {
            throw new IllegalStateException("corrupt value of kernel promise " + kp + ": " + e.getMessage(), e);
        }
    }

    /**
     * Settles the unresolved promise {@code kp}: records the state and value, counts the refs in
     * the value's slots, forgets its decider (and its decider-index entry) and its subscribers, and
     * returns the subscribers, in subscription order, for the caller to notify. Messages queued on
     * the promise stay queued: the caller drains them ({@link #drainMessages}) in the same crank
     * and routes them onward.
     *
     * @throws IllegalStateException if {@code kp} is unknown or already settled, or a slot of
     *     {@code value} names no existing ref; nothing is written then
     */
    public List<String> resolve(String kp, boolean rejected, CapData value) {
        Objects.requireNonNull(value, "value");
        requireKrefSlots(value, "value of " + kp);
        requireUnresolved(kp, "resolve");
        List<String> subscribers = subscribers(kp);
        counter.apply(CountChange.adding().slots(value));
        forgetDecider(kp);
        kv.delete(kp + ".b");
        kv.set(kp + ".s", (rejected ? PromiseState.REJECTED : PromiseState.FULFILLED).code);
        kv.set(kp + ".v", value.toJson());
        return subscribers;
    }

    /**
     * Appends {@code message} to the queue of the unresolved promise {@code kp} and counts its
     * result and slots.
     *
     * @throws IllegalStateException if {@code kp} is unknown or settled, or the message names a
     *     ref that does not exist; nothing is written then
     */
    public void enqueueMessage(String kp, KernelMessage message) {
        Objects.requireNonNull(message, "message");
        requireUnresolved(kp, "queue a message on");
        counter.apply(CountChange.adding().queuedMessage(message));
        queue(kp).push(message);
    }

    /**
     * Removes and returns the messages queued on {@code kp}, oldest first (settled or not), and
     * releases their counts: the caller counts them again wherever it puts them next.
     */
    public List<KernelMessage> drainMessages(String kp) {
        state(kp);
        StoredFifo<KernelMessage> queue = queue(kp);
        List<KernelMessage> messages = queue.items();
        CountChange release = CountChange.removing();
        messages.forEach(release::queuedMessage);
        counter.apply(release);
        queue.clear();
        return messages;
    }

    /** How many messages are queued on {@code kp}. */
    public long queuedMessageCount(String kp) {
        state(kp);
        return queue(kp).size();
    }

    /**
     * Deletes every record of {@code kp}: state, decider and its index entry, subscribers, count,
     * value, queued messages and its maybe-free mark, releasing the counts of the refs in the
     * value and in the queued messages. A queued message that cannot be decoded is discarded
     * without releasing anything (its refs cannot be known; {@link RefAudit} will then report
     * their counts as too high), so a corrupt queue never blocks the deletion.
     *
     * <p>A settled promise lost its decider, subscribers and queue when it settled ({@link
     * #resolve} and {@link #drainMessages}, in one crank), so they are not looked for: most
     * promises are deleted soon after they settle, and a key deleted so recently may be known to
     * the store only as a SQLite query away (see {@code docs/store.md}). An unresolved promise's
     * value is not looked for either.
     *
     * <p>Holders of {@code kp} itself are not looked for: the collector deletes only promises
     * nothing holds, and {@link RefAudit} reports any holder left pointing at a deleted promise.
     */
    public void delete(String kp) {
        boolean settled = state(kp).isSettled();
        CountChange release = CountChange.removing();
        CapData value = settled ? decodableValue(kp) : null;
        if (value != null) {
            release.slots(value);
        }
        StoredFifo<KernelMessage> queue = settled ? null : queue(kp);
        if (queue != null) {
            queue.forEachDecodable(release::queuedMessage);
        }
        counter.apply(release);
        if (queue != null) {
            forgetDecider(kp);
            queue.clear();
            kv.delete(kp + ".b");
        }
        new MaybeFree(kv).forget(kp);
        kv.delete(kp + ".s");
        kv.delete(kp + ".c");
        if (settled) {
            kv.delete(kp + ".v");
        }
    }

    /** The value of {@code kp}, or null if it has none or it is corrupt (see {@link #delete}). */
    private CapData decodableValue(String kp) {
        try {
            CapData value = value(kp);
            if (value != null) {
                requireKrefSlots(value, "value of " + kp);
            }
            return value;
        } catch (IllegalStateException | IllegalArgumentException e) {
            return null;
        }
    }

    private void forgetDecider(String kp) {
        String old = kv.get(kp + ".d");
        if (old != null) {
            kv.delete(kp + ".d");
            deciders.remove(old, kp);
        }
    }

    /** Checks, before anything is written, that every slot is a kref (CapData accepts any string). */
    private static void requireKrefSlots(CapData data, String what) {
        List<String> slots = data.slots();
        for (int i = 0; i < slots.size(); i++) {
            if (!Kref.isValid(slots.get(i))) {
                throw new IllegalArgumentException("slot " + i + " of the " + what + " is not a kref: "
                        + RefNumbers.shown(slots.get(i)));
            }
        }
    }

    private StoredFifo<KernelMessage> queue(String kp) {
        return new StoredFifo<>(kv, kp + ".q", QueueCodec::encode, QueueCodec::decodeMessage);
    }

    private void requireUnresolved(String kp, String action) {
        PromiseState state = state(kp);
        if (state != PromiseState.UNRESOLVED) {
            throw new IllegalStateException(
                    "cannot " + action + " kernel promise " + kp + ": it is already " + state.name().toLowerCase(Locale.ROOT));
        }
    }

    private static List<String> splitSubscribers(String stored) {
        return stored.indexOf(',') < 0 ? List.of(stored) : List.of(stored.split(","));
    }

    private static IllegalStateException unknown(String kp) {
        return new IllegalStateException("unknown kernel promise " + kp);
    }
}
