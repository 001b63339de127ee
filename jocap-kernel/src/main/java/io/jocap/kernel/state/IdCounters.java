package io.jocap.kernel.state;

import io.jocap.store.KVStore;
import java.util.Objects;

/**
 * The kernel's id counters: vats ({@code v1}, {@code v2}, ...), remotes ({@code r1}, ...),
 * subclusters ({@code s1}, ...), kernel objects ({@code ko1}, ...) and kernel promises
 * ({@code kp1}, ...). Each starts at 1 and is persisted in the kernel key space; taking an id is a
 * write, so it must happen inside a crank, and an aborted crank hands the same id out again (which
 * is safe: everything that used the id was aborted with it).
 *
 * <p>Keys: {@code id.v}, {@code id.r}, {@code id.s}, {@code id.o}, {@code id.p}, each holding the
 * next number in decimal (absent means 1).
 */
public final class IdCounters {
    static final String VAT = "id.v";
    static final String REMOTE = "id.r";
    static final String SUBCLUSTER = "id.s";
    static final String OBJECT = "id.o";
    static final String PROMISE = "id.p";

    private final KVStore kv;

    public IdCounters(KVStore kv) {
        this.kv = Objects.requireNonNull(kv, "kv");
    }

    /** A new vat id. */
    public String nextVatId() {
        return EndpointId.vat(StoredCounter.take(kv, VAT));
    }

    /** A new remote id. */
    public String nextRemoteId() {
        return EndpointId.remote(StoredCounter.take(kv, REMOTE));
    }

    /** A new subcluster id ({@code sN}). */
    public String nextSubclusterId() {
        return "s" + StoredCounter.take(kv, SUBCLUSTER);
    }

    /**
     * A new kernel object kref. Only {@link KernelObjects#create} should call this: a kref handed
     * out without a record behind it would be a dangling reference.
     */
    String nextObjectId() {
        return Kref.object(StoredCounter.take(kv, OBJECT));
    }

    /**
     * Whether {@code kref} (a valid kref) was ever handed out: its number is below the next one.
     * A kref that was handed out and no longer exists was collected or deleted.
     */
    public boolean wasIssued(String kref) {
        return Kref.number(kref) < StoredCounter.peek(kv, Kref.isObject(kref) ? OBJECT : PROMISE);
    }

    /** A new kernel promise kref; only {@link KernelPromises#create} should call this. */
    String nextPromiseId() {
        return Kref.promise(StoredCounter.take(kv, PROMISE));
    }
}
