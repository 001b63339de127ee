package io.jocap.kernel.state;

import io.jocap.store.KVStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * References the kernel holds itself, outside any c-list or queue: a subcluster's vat roots, a
 * kernel service object. Each pin is a holder like any other (an object's reachable and
 * recognizable counts +1, a promise's count +1), so a pinned ref is never collected.
 *
 * <p><b>Contract.</b> Pins are counted: pinning twice needs two unpins (two owners of a pin —
 * say a service registry and a subcluster — need not know about each other). Pinning an unknown
 * ref, or unpinning a ref that is not pinned, throws {@link IllegalStateException} and writes
 * nothing. Writes must happen inside a crank.
 */
public final class Pins {
    /*
     * Implementation overview. Keys: pin.<kref> = number of pins, decimal, absent when unpinned.
     * The count change and the pin key are written in the same call, the count change first, so
     * an unknown ref fails before the pin key is touched.
     */
    static final String PREFIX = "pin.";

    private final KVStore kv;
    private final RefCounter counter;

    public Pins(KVStore kv) {
        this.kv = Objects.requireNonNull(kv, "kv");
        this.counter = new RefCounter(kv);
    }

    /** Adds a pin on {@code kref} and returns how many it now has. */
    public long pin(String kref) {
        long pins = pinCount(kref);
        counter.apply(CountChange.adding().ref(kref));
        kv.set(PREFIX + kref, Long.toString(pins + 1));
        return pins + 1;
    }

    /** Removes a pin from {@code kref} and returns how many are left. */
    public long unpin(String kref) {
        long pins = pinCount(kref);
        if (pins == 0) {
            throw new IllegalStateException("cannot unpin " + kref + ": it is not pinned (a kernel bug)");
        }
        counter.apply(CountChange.removing().ref(kref));
        if (pins == 1) {
            kv.delete(PREFIX + kref);
        } else {
            kv.set(PREFIX + kref, Long.toString(pins - 1));
        }
        return pins - 1;
    }

    /** The pinned promises, in key order (a scan: for recovery at kernel start). */
    public List<String> pinnedPromises() {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : kv.prefix(PREFIX + "kp")) {
            out.add(e.getKey().substring(PREFIX.length()));
        }
        return out;
    }

    /** How many pins {@code kref} has (0 if none; the ref need not exist). */
    public long pinCount(String kref) {
        String stored = kv.get(PREFIX + Kref.require(kref));
        if (stored == null) {
            return 0;
        }
        long n = RefNumbers.parse(stored, 0);
        if (n < 1) {
            throw new IllegalStateException("corrupt pin count " + PREFIX + kref + ": " + RefNumbers.shown(stored));
        }
        return n;
    }
}
