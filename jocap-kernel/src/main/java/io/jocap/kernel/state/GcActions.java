package io.jocap.kernel.state;

import io.jocap.store.KVStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The garbage-collection actions the kernel owes vats: tell an exporter that nobody can reach
 * an object any more ({@code dropExports}) or that nobody even recognises it
 * ({@code retireExports}), tell an importer that an object it still recognises is gone
 * ({@code retireImports}). The run loop delivers them before anything on the run queue, a batch
 * per crank.
 *
 * <p><b>Contract.</b> An action is a (vat, kind, kref) triple; scheduling one twice keeps one.
 * Actions are only intentions: what was true when one was scheduled may have changed by the time
 * it is taken (the object was re-exported, the vat terminated), so the taker re-validates each
 * action against the current state and drops the stale ones. {@link #takeBatch} returns the
 * actions of one vat and one kind (drops before retirements, exports before imports), oldest
 * vat first in key order, at most {@code budget} of them, and removes them; a rolled-back crank
 * puts them back with everything else. Writes must happen inside a crank.
 */
public final class GcActions {
    /*
     * Implementation overview. One key per action, ga.<vat>.<kind code>.<kref> = "", so that
     * scheduling is idempotent and O(1), the first key in order names the next vat and kind, and
     * a batch is one prefix scan. Kind codes sort in delivery order. "gan" counts the actions
     * (absent: none), so that the run loop's check before every crank is one point read rather
     * than an ordered scan of the store's in-memory layers.
     */

    /** The kinds of action, in the order they are delivered to one vat. */
    public enum Kind {
        /** Tell the exporter the object is unreachable. */
        DROP_EXPORT('1'),
        /** Tell the exporter the object is no longer recognisable: it may forget it. */
        RETIRE_EXPORT('2'),
        /** Tell an importer the object is gone: it may forget it. */
        RETIRE_IMPORT('3');

        final char code;

        Kind(char code) {
            this.code = code;
        }

        static Kind of(char code) {
            for (Kind kind : values()) {
                if (kind.code == code) {
                    return kind;
                }
            }
            return null;
        }

        /** The name the kernel's status and logs use: {@code dropExport} and so on. */
        public String displayName() {
            String lower = name().toLowerCase(Locale.ROOT);
            int cut = lower.indexOf('_');
            return lower.substring(0, cut) + Character.toUpperCase(lower.charAt(cut + 1)) + lower.substring(cut + 2);
        }
    }

    /** One scheduled action. */
    public record Action(String vat, Kind kind, String kref) {
        public Action {
            Objects.requireNonNull(vat, "vat");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(kref, "kref");
        }
    }

    /** Actions of one vat and one kind, taken together. */
    public record Batch(String vat, Kind kind, List<String> krefs) {
        public Batch {
            krefs = List.copyOf(krefs);
        }
    }

    private static final String PREFIX = "ga.";
    private static final String COUNT = "gan";

    private final KVStore kv;

    public GcActions(KVStore kv) {
        this.kv = Objects.requireNonNull(kv, "kv");
    }

    /**
     * Schedules an action for vat {@code vat} about the object {@code ko}.
     *
     * @throws IllegalArgumentException if {@code vat} is not a vat id or {@code ko} not an object kref
     */
    public void schedule(String vat, Kind kind, String ko) {
        if (!EndpointId.isVat(vat)) {
            throw new IllegalArgumentException("GC actions are for vats, not " + RefNumbers.shown(vat));
        }
        Objects.requireNonNull(kind, "kind");
        String key = key(vat, kind, Kref.requireObject(ko));
        if (!kv.has(key)) {
            kv.set(key, "");
            adjustCount(1);
        }
    }

    /** Whether no action is scheduled. */
    public boolean isEmpty() {
        return count() == 0;
    }

    private long count() {
        String stored = kv.get(COUNT);
        return stored == null ? 0 : Long.parseLong(stored);
    }

    private void adjustCount(long delta) {
        long next = count() + delta;
        if (next <= 0) {
            kv.delete(COUNT);
        } else {
            kv.set(COUNT, Long.toString(next));
        }
    }

    /**
     * Removes and returns up to {@code budget} actions of the first vat and kind in order, or
     * nothing if none is scheduled.
     */
    public Optional<Batch> takeBatch(int budget) {
        if (budget < 1) {
            throw new IllegalArgumentException("budget must be at least 1, got " + budget);
        }
        if (isEmpty()) {
            return Optional.empty();
        }
        String first = kv.getNextKey(PREFIX);
        if (first == null || !first.startsWith(PREFIX)) {
            return Optional.empty();
        }
        Action head = parse(first);
        String batchPrefix = PREFIX + head.vat() + "." + head.kind().code + ".";
        List<String> keys = new ArrayList<>();
        for (Map.Entry<String, String> e : kv.prefix(batchPrefix)) {
            keys.add(e.getKey());
            if (keys.size() == budget) {
                break;
            }
        }
        List<String> krefs = new ArrayList<>(keys.size());
        for (String key : keys) {
            krefs.add(key.substring(batchPrefix.length()));
            kv.delete(key);
        }
        adjustCount(-keys.size());
        return Optional.of(new Batch(head.vat(), head.kind(), krefs));
    }

    /**
     * Removes the first action without interpreting it and returns its key, or null if there is
     * none (for setting aside an action whose handling failed, even a corrupt one).
     */
    public String discardFirst() {
        String first = kv.getNextKey(PREFIX);
        if (first == null || !first.startsWith(PREFIX)) {
            return null;
        }
        kv.delete(first);
        adjustCount(-1);
        return first;
    }

    /** Every scheduled action, in delivery order (for status and tests). */
    public List<Action> list() {
        List<Action> out = new ArrayList<>();
        for (Map.Entry<String, String> e : kv.prefix(PREFIX)) {
            out.add(parse(e.getKey()));
        }
        return out;
    }

    /** How many actions are scheduled. */
    public int size() {
        return (int) count();
    }

    private static String key(String vat, Kind kind, String ko) {
        return PREFIX + vat + "." + kind.code + "." + ko;
    }

    private static Action parse(String key) {
        // ga.<vat>.<code>.<kref>: vat ids and krefs contain no dots
        int a = PREFIX.length();
        int b = key.indexOf('.', a);
        Kind kind = b < 0 || b + 2 >= key.length() || key.charAt(b + 2) != '.' ? null : Kind.of(key.charAt(b + 1));
        if (kind == null || !EndpointId.isVat(key.substring(a, b)) || !Kref.isObject(key.substring(b + 3))) {
            throw new IllegalStateException("corrupt GC action key " + RefNumbers.shown(key));
        }
        return new Action(key.substring(a, b), kind, key.substring(b + 3));
    }
}
