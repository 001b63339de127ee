package io.jocap.kernel.state;

import io.jocap.marshal.CapData;
import io.jocap.marshal.MarshalException;
import io.jocap.store.KVStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Design invariant 5, checked: recomputes every reference count from scratch by scanning every
 * holder — all c-lists, the run queue, every promise's queue, every settled value, the pins — and
 * compares with the stored counts, checking the structural invariants of the same records on the
 * way:
 * <ul>
 *   <li>every c-list entry is mapped in both directions, between refs of the same kind, and names
 *       an existing ref;
 *   <li>the decider index ({@code dx.E.kpN}) matches {@code kpN.d} exactly;
 *   <li>an unresolved promise has no value; a settled promise has a value and no decider,
 *       subscribers or queued messages;
 *   <li>queue records agree with the items stored under them, and every item decodes;
 *   <li>every ref named by a holder, a pin or a maybe-free mark exists.
 * </ul>
 *
 * <p><b>Contract.</b> {@link #run} reads only and never throws on corrupt data: corruption is what
 * it reports, one sentence per problem naming the ref, e.g.
 * {@code ko5: stored 2,2 but holders give 1,2 (importers: v2 (R); run queue: 0; ...)}. The report
 * is empty exactly when the state is consistent. It is meant to run between cranks, when no
 * operation is half done (a crank may legitimately leave a settled promise's queue undrained for a
 * moment; at its end that is a bug). The cost is one pass over the kernel's object, promise,
 * c-list, queue, pin and maybe-free keys, so tests can run it after every crank.
 */
public final class RefAudit {
    /*
     * Implementation overview. The audit deliberately shares no counting code with the holder
     * operations (CountChange): a mistake in the policy code would otherwise be repeated here and
     * never found. One prefix scan per key family fills plain maps (objects, promises, c-lists,
     * decider index); holders are then walked once, each adding to a HolderTally per ref; finally
     * stored and recomputed counts are compared. Problems are collected, never thrown.
     */
    private static final Comparator<String> BY_KIND_AND_NUMBER =
            Comparator.comparing(Kref::kind).thenComparingLong(Kref::number);

    private final KVStore kv;

    public RefAudit(KVStore kv) {
        this.kv = Objects.requireNonNull(kv, "kv");
    }

    /** Runs the audit and returns what it found. */
    public AuditReport run() {
        return new Scan(kv).run();
    }

    /**
     * Runs the audit and returns quietly if it is clean.
     *
     * @throws IllegalStateException with the report as its message otherwise
     */
    public void assertClean() {
        AuditReport report = run();
        if (!report.isClean()) {
            throw new IllegalStateException(report.toString());
        }
    }

    /** The stored fields of one object. */
    private static final class ObjectRecord {
        String counts;
        String owner;
    }

    /** The stored fields of one promise. */
    private static final class PromiseRecord {
        String state;
        String decider;
        String subscribers;
        String count;
        String value;
        String queueRecord;
        final Map<String, String> queued = new TreeMap<>();
    }

    /** One audit pass: the maps it fills and the problems it finds. */
    private static final class Scan {
        private final KVStore kv;
        private final List<String> problems = new ArrayList<>();
        private final Map<String, ObjectRecord> objects = new HashMap<>();
        private final Map<String, PromiseRecord> promises = new HashMap<>();
        private final Map<String, HolderTally> tallies = new HashMap<>();

        Scan(KVStore kv) {
            this.kv = kv;
        }

        AuditReport run() {
            readObjects();
            readPromises();
            checkDeciderIndex();
            tallyCLists();
            tallyRunQueue();
            tallyPromiseHoldings();
            tallyPins();
            checkMaybeFree();
            compareCounts();
            return new AuditReport(problems);
        }

        private void readObjects() {
            for (Map.Entry<String, String> e : kv.prefix("ko")) {
                String[] kf = krefAndField(e.getKey());
                if (kf == null || !Kref.isObject(kf[0])) {
                    problems.add("unexpected key " + e.getKey());
                    continue;
                }
                ObjectRecord o = objects.computeIfAbsent(kf[0], k -> new ObjectRecord());
                switch (kf[1]) {
                    case "c" -> o.counts = e.getValue();
                    case "o" -> o.owner = e.getValue();
                    case "x" -> { }
                    default -> problems.add("unexpected key " + e.getKey());
                }
            }
            objects.entrySet().removeIf(e -> {
                if (e.getValue().counts == null) {
                    problems.add(e.getKey() + ": has records but no counts (" + e.getKey() + ".c), so it does not exist");
                    return true;
                }
                return false;
            });
        }

        private void readPromises() {
            for (Map.Entry<String, String> e : kv.prefix("kp")) {
                String[] kf = krefAndField(e.getKey());
                if (kf == null || !Kref.isPromise(kf[0])) {
                    problems.add("unexpected key " + e.getKey());
                    continue;
                }
                PromiseRecord p = promises.computeIfAbsent(kf[0], k -> new PromiseRecord());
                String field = kf[1];
                switch (field) {
                    case "s" -> p.state = e.getValue();
                    case "d" -> p.decider = e.getValue();
                    case "b" -> p.subscribers = e.getValue();
                    case "c" -> p.count = e.getValue();
                    case "v" -> p.value = e.getValue();
                    case "q" -> p.queueRecord = e.getValue();
                    default -> {
                        if (field.startsWith("q.")) {
                            p.queued.put(e.getKey(), e.getValue());
                        } else {
                            problems.add("unexpected key " + e.getKey());
                        }
                    }
                }
            }
            promises.entrySet().removeIf(e -> {
                if (e.getValue().state == null) {
                    problems.add(e.getKey() + ": has records but no state (" + e.getKey() + ".s), so it does not exist");
                    return true;
                }
                return false;
            });
            for (Map.Entry<String, PromiseRecord> e : promises.entrySet()) {
                checkPromiseShape(e.getKey(), e.getValue());
            }
        }

        private void checkPromiseShape(String kp, PromiseRecord p) {
            switch (p.state) {
                case "u" -> {
                    if (p.value != null) {
                        problems.add(kp + ": unresolved but has a value");
                    }
                }
                case "f", "r" -> {
                    String settled = p.state.equals("f") ? "fulfilled" : "rejected";
                    if (p.value == null) {
                        problems.add(kp + ": " + settled + " but has no value");
                    }
                    if (p.decider != null) {
                        problems.add(kp + ": " + settled + " but still has decider " + p.decider);
                    }
                    if (p.subscribers != null) {
                        problems.add(kp + ": " + settled + " but still has subscribers " + p.subscribers);
                    }
                    if (p.queueRecord != null || !p.queued.isEmpty()) {
                        problems.add(kp + ": " + settled + " but still has queued messages (they must be drained"
                                + " in the crank that settles it)");
                    }
                }
                default -> problems.add(kp + ": corrupt state " + RefNumbers.shown(p.state));
            }
            if (p.decider != null && !EndpointId.isValid(p.decider)) {
                problems.add(kp + ": corrupt decider " + RefNumbers.shown(p.decider));
            }
            checkQueueRecord(kp + ".q", p.queueRecord, p.queued.size());
        }

        private void checkDeciderIndex() {
            for (Map.Entry<String, String> e : kv.prefix("dx.")) {
                String rest = e.getKey().substring(3);
                int dot = rest.lastIndexOf('.');
                String endpoint = dot < 0 ? null : rest.substring(0, dot);
                String kp = dot < 0 ? null : rest.substring(dot + 1);
                if (kp == null || !Kref.isValid(kp) || !Kref.isPromise(kp) || !EndpointId.isValid(endpoint)) {
                    problems.add("corrupt decider index key " + e.getKey());
                    continue;
                }
                PromiseRecord p = promises.get(kp);
                if (p == null) {
                    problems.add(kp + ": decider index entry " + e.getKey() + " for a promise that does not exist");
                } else if (!endpoint.equals(p.decider)) {
                    problems.add(kp + ": decider index entry " + e.getKey() + " but its decider is "
                            + (p.decider == null ? "none" : p.decider));
                }
            }
            for (Map.Entry<String, PromiseRecord> e : promises.entrySet()) {
                String decider = e.getValue().decider;
                if (decider != null && EndpointId.isValid(decider) && !kv.has("dx." + decider + "." + e.getKey())) {
                    problems.add(e.getKey() + ": decider " + decider + " but no decider index entry dx." + decider
                            + "." + e.getKey());
                }
            }
        }

        private void tallyCLists() {
            tallyCLists("v");
            tallyCLists("r");
        }

        /** The c-lists of every endpoint whose id starts with {@code letter}. */
        private void tallyCLists(String letter) {
            // endpoint -> eref -> kref, and endpoint -> kref -> stored "F eref"
            Map<String, Map<String, String>> forward = new TreeMap<>();
            Map<String, Map<String, String>> reverse = new TreeMap<>();
            for (Map.Entry<String, String> e : kv.prefix(letter)) {
                String key = e.getKey();
                int dot = key.indexOf('.');
                if (dot < 0 || !key.startsWith(".c.", dot)) {
                    continue; // the run queue, import counters and other per-endpoint records
                }
                String endpoint = key.substring(0, dot);
                if (!EndpointId.isVat(endpoint) && !EndpointId.isRemote(endpoint)) {
                    continue;
                }
                String ref = key.substring(dot + 3);
                if (ref.startsWith("k")) {
                    reverse.computeIfAbsent(endpoint, k -> new TreeMap<>()).put(ref, e.getValue());
                } else {
                    forward.computeIfAbsent(endpoint, k -> new TreeMap<>()).put(ref, e.getValue());
                }
            }
            reverse.forEach((endpoint, entries) -> entries.forEach((kref, stored) ->
                    tallyEntry(endpoint, kref, stored, forward.getOrDefault(endpoint, Map.of()))));
            forward.forEach((endpoint, entries) -> entries.forEach((eref, kref) -> {
                String back = reverse.getOrDefault(endpoint, Map.of()).get(kref);
                if (back == null || back.length() < 2 || !back.substring(2).equals(eref)) {
                    problems.add(endpoint + ": c-list maps " + eref + " to " + RefNumbers.shown(kref)
                            + " but not back (" + endpoint + ".c." + kref + " is " + RefNumbers.shown(back) + ")");
                }
            }));
        }

        private void tallyEntry(String endpoint, String kref, String stored, Map<String, String> forward) {
            boolean ok = stored.length() > 2 && stored.charAt(1) == ' '
                    && (stored.charAt(0) == 'R' || stored.charAt(0) == '_');
            if (!Kref.isValid(kref) || !ok || !Eref.isValidFor(endpoint, stored.substring(2))) {
                problems.add(endpoint + ": corrupt c-list entry " + endpoint + ".c." + kref + " = "
                        + RefNumbers.shown(stored));
                return;
            }
            String eref = stored.substring(2);
            boolean reachable = stored.charAt(0) == 'R';
            if (!kref.equals(forward.get(eref))) {
                problems.add(endpoint + ": c-list maps " + kref + " to " + eref + " but not back (" + endpoint
                        + ".c." + eref + " is " + RefNumbers.shown(forward.get(eref)) + ")");
            }
            if (Eref.kind(eref) != Kref.kind(kref)) {
                problems.add(endpoint + ": c-list maps " + kref + " to " + eref + ", a ref of the other kind");
            }
            if (Kref.isObject(kref)) {
                ObjectRecord o = objects.get(kref);
                if (o == null) {
                    problems.add(kref + ": in the c-list of " + endpoint + " but does not exist");
                    return;
                }
                if (endpoint.equals(o.owner)) {
                    return; // the owner's export counts nothing
                }
                HolderTally t = tally(kref);
                t.add(reachable);
                t.clists.add(reachable ? endpoint + " (R)" : endpoint);
            } else {
                if (!promises.containsKey(kref)) {
                    problems.add(kref + ": in the c-list of " + endpoint + " but does not exist");
                    return;
                }
                HolderTally t = tally(kref);
                t.add(true);
                t.clists.add(endpoint);
            }
        }

        private void tallyRunQueue() {
            int items = 0;
            for (Map.Entry<String, String> e : kv.prefix("rq.")) {
                items++;
                RunQueueItem item;
                try {
                    item = QueueCodec.decodeItem(e.getValue());
                } catch (IllegalArgumentException ex) {
                    problems.add("corrupt run-queue item " + e.getKey() + ": " + ex.getMessage());
                    continue;
                }
                String where = "run-queue item " + e.getKey();
                switch (item) {
                    case RunQueueItem.Send send -> {
                        holdRunQueue(send.target(), where);
                        if (send.message().result() != null) {
                            holdRunQueue(send.message().result(), where);
                        }
                        send.message().methargs().slots().forEach(slot -> holdRunQueue(slot, where));
                    }
                    case RunQueueItem.Notify notify -> holdRunQueue(notify.promise(), where);
                }
            }
            checkQueueRecord("rq", kv.get("rq"), items);
        }

        private void holdRunQueue(String kref, String where) {
            if (exists(kref, where)) {
                HolderTally t = tally(kref);
                t.add(true);
                t.runQueue++;
            }
        }

        private void tallyPromiseHoldings() {
            promises.forEach((kp, p) -> {
                p.queued.forEach((key, stored) -> {
                    KernelMessage message;
                    try {
                        message = QueueCodec.decodeMessage(stored);
                    } catch (IllegalArgumentException ex) {
                        problems.add("corrupt queued message " + key + ": " + ex.getMessage());
                        return;
                    }
                    String where = "queued message " + key;
                    if (message.result() != null) {
                        holdIn(message.result(), where, t -> t.promiseQueues.add(kp));
                    }
                    message.methargs().slots().forEach(slot -> holdIn(slot, where, t -> t.promiseQueues.add(kp)));
                });
                if (p.value != null) {
                    CapData value;
                    try {
                        value = CapData.fromJson(p.value);
                    } catch (MarshalException | IllegalArgumentException ex) {
                        problems.add(kp + ": corrupt value: " + ex.getMessage());
                        return;
                    }
                    for (String slot : value.slots()) {
                        if (!Kref.isValid(slot)) {
                            problems.add(kp + ": value slot " + RefNumbers.shown(slot) + " is not a kref");
                            continue;
                        }
                        holdIn(slot, "the value of " + kp, t -> t.values.add(kp));
                    }
                }
            });
        }

        private void holdIn(String kref, String where, Consumer<HolderTally> note) {
            if (exists(kref, where)) {
                HolderTally t = tally(kref);
                t.add(true);
                note.accept(t);
            }
        }

        private void tallyPins() {
            tallyPins(Pins.PREFIX);
            tallyPins(Pins.HOST_PREFIX);
        }

        private void tallyPins(String prefix) {
            for (Map.Entry<String, String> e : kv.prefix(prefix)) {
                String kref = e.getKey().substring(prefix.length());
                long n = RefNumbers.parse(e.getValue(), 0);
                if (!Kref.isValid(kref) || n < 1) {
                    problems.add("corrupt pin " + e.getKey() + " = " + RefNumbers.shown(e.getValue()));
                    continue;
                }
                if (exists(kref, "pin " + e.getKey())) {
                    HolderTally t = tally(kref);
                    t.reachable += n;
                    t.recognizable += n;
                    t.pins += n;
                }
            }
        }

        private void checkMaybeFree() {
            for (Map.Entry<String, String> e : kv.prefix(MaybeFree.PREFIX)) {
                String kref = e.getKey().substring(MaybeFree.PREFIX.length());
                if (!Kref.isValid(kref)) {
                    problems.add("corrupt maybe-free key " + e.getKey());
                } else {
                    exists(kref, "maybe-free mark " + e.getKey());
                }
            }
        }

        private void compareCounts() {
            List<String> krefs = new ArrayList<>(objects.size() + promises.size());
            krefs.addAll(objects.keySet());
            krefs.addAll(promises.keySet());
            krefs.sort(BY_KIND_AND_NUMBER);
            HolderTally none = new HolderTally();
            for (String kref : krefs) {
                HolderTally t = tallies.getOrDefault(kref, none);
                if (Kref.isObject(kref)) {
                    String stored = objects.get(kref).counts;
                    String expected = t.reachable + "," + t.recognizable;
                    RefCounts parsed;
                    try {
                        parsed = RefCounter.parseObjectCounts(kref, stored);
                    } catch (IllegalStateException ex) {
                        problems.add(kref + ": " + ex.getMessage() + "; holders give " + expected
                                + " (" + t.describe(true) + ")");
                        continue;
                    }
                    if (parsed.reachable() != t.reachable || parsed.recognizable() != t.recognizable) {
                        problems.add(kref + ": stored " + parsed.reachable() + "," + parsed.recognizable()
                                + " but holders give " + expected + " (" + t.describe(true) + ")");
                    }
                } else {
                    String stored = promises.get(kref).count;
                    long parsed = stored == null ? 0 : RefNumbers.parseCount(stored);
                    if (parsed < 0 || (stored != null && parsed == 0)) {
                        problems.add(kref + ": corrupt count " + RefNumbers.shown(stored) + "; holders give "
                                + t.recognizable + " (" + t.describe(false) + ")");
                    } else if (parsed != t.recognizable) {
                        problems.add(kref + ": stored " + parsed + " but holders give " + t.recognizable
                                + " (" + t.describe(false) + ")");
                    }
                }
            }
        }

        /** Whether {@code kref} exists; if not, reports that {@code where} names it. */
        private boolean exists(String kref, String where) {
            boolean found = Kref.isObject(kref) ? objects.containsKey(kref) : promises.containsKey(kref);
            if (!found) {
                problems.add(kref + ": named by " + where + " but does not exist");
            }
            return found;
        }

        private void checkQueueRecord(String base, String record, int items) {
            if (record == null) {
                if (items > 0) {
                    problems.add("queue " + base + ": " + items + " items but no queue record");
                }
                return;
            }
            int space = record.indexOf(' ');
            long head = space < 0 ? -1 : RefNumbers.parse(record.substring(0, space), 0);
            long tail = space < 0 ? -1 : RefNumbers.parse(record, space + 1);
            if (head < 1 || tail <= head) {
                problems.add("queue " + base + ": corrupt queue record " + RefNumbers.shown(record));
            } else if (tail - head != items) {
                problems.add("queue " + base + ": record " + RefNumbers.shown(record) + " covers " + (tail - head)
                        + " items but " + items + " are stored");
            }
        }

        private HolderTally tally(String kref) {
            return tallies.computeIfAbsent(kref, k -> new HolderTally());
        }

        /** {kref, field} of a key "kref.field", or null if it has no valid kref before its first dot. */
        private static String[] krefAndField(String key) {
            int dot = key.indexOf('.');
            if (dot < 0 || !Kref.isValid(key.substring(0, dot))) {
                return null;
            }
            return new String[] {key.substring(0, dot), key.substring(dot + 1)};
        }
    }
}
