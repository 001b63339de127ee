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
     * Implementation overview. Keys: pin.<kref> = number of pins, decimal, absent when unpinned;
     * hpin.<kref> the same for host pins. The count change and the pin key are written in the
     * same call, the count change first, so an unknown ref fails before the pin key is touched.
     */
    static final String PREFIX = "pin.";
    static final String HOST_PREFIX = "hpin.";

    private final KVStore kv;
    private final RefCounter counter;

    public Pins(KVStore kv) {
        this.kv = Objects.requireNonNull(kv, "kv");
        this.counter = new RefCounter(kv);
    }

    /** Adds a pin on {@code kref} and returns how many it now has. */
    public long pin(String kref) {
        return add(PREFIX, kref);
    }

    /** Removes a pin from {@code kref} and returns how many are left. */
    public long unpin(String kref) {
        return remove(PREFIX, kref);
    }

    /**
     * Adds a <em>host pin</em> on {@code kref}: the host was handed the ref (in an answer) and may
     * still send to it. Host pins belong to the running host process: {@link #dropHostPins} ends
     * them all when the kernel restarts. Returns how many host pins it now has.
     */
    public long pinForHost(String kref) {
        return add(HOST_PREFIX, kref);
    }

    /** Removes a host pin from {@code kref}; returns how many are left, or -1 if it had none. */
    public long unpinForHost(String kref) {
        return count(HOST_PREFIX, kref) == 0 ? -1 : remove(HOST_PREFIX, kref);
    }

    /** How many host pins {@code kref} has. */
    public long hostPinCount(String kref) {
        return count(HOST_PREFIX, kref);
    }

    /** Removes every host pin (a scan: at kernel start); returns how many there were. */
    public long dropHostPins() {
        List<String> pinned = new ArrayList<>();
        for (Map.Entry<String, String> e : kv.prefix(HOST_PREFIX)) {
            pinned.add(e.getKey().substring(HOST_PREFIX.length()));
        }
        long dropped = 0;
        for (String kref : pinned) {
            while (remove(HOST_PREFIX, kref) > 0) {
                dropped++;
            }
            dropped++;
        }
        return dropped;
    }

    private long add(String prefix, String kref) {
        long pins = count(prefix, kref);
        counter.apply(CountChange.adding().ref(kref));
        kv.set(prefix + kref, Long.toString(pins + 1));
        return pins + 1;
    }

    private long remove(String prefix, String kref) {
        long pins = count(prefix, kref);
        if (pins == 0) {
            throw new IllegalStateException("cannot unpin " + kref + ": it is not pinned (a kernel bug)");
        }
        counter.apply(CountChange.removing().ref(kref));
        if (pins == 1) {
            kv.delete(prefix + kref);
        } else {
            kv.set(prefix + kref, Long.toString(pins - 1));
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
        return count(PREFIX, kref);
    }

    private long count(String prefix, String kref) {
        String stored = kv.get(prefix + Kref.require(kref));
        if (stored == null) {
            return 0;
        }
        long n = RefNumbers.parse(stored, 0);
        if (n < 1) {
            throw new IllegalStateException("corrupt pin count " + prefix + kref + ": " + RefNumbers.shown(stored));
        }
        return n;
    }

}
