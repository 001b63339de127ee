package io.jocap.kernel.state;

import io.jocap.store.KVStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Which unresolved promises each endpoint decides, so that when an endpoint goes away every
 * promise it decided can be rejected without scanning c-lists or the promise table (MetaMask's
 * kernel found them by scanning an obsolete key prefix and so never rejected any).
 *
 * <p>One key per (decider, promise): {@code dx.<endpoint>.<kp>} = {@code ""}. Only
 * {@link KernelPromises} writes it, in the same calls that change a promise's decider or settle
 * it, so the index cannot drift from the promise records.
 */
final class DeciderIndex {
    private static final Comparator<String> BY_NUMBER = Comparator.comparingLong(Kref::number);

    private final KVStore kv;

    DeciderIndex(KVStore kv) {
        this.kv = kv;
    }

    void add(String endpoint, String kp) {
        kv.set(key(endpoint, kp), "");
    }

    void remove(String endpoint, String kp) {
        kv.delete(key(endpoint, kp));
    }

    boolean contains(String endpoint, String kp) {
        return kv.has(key(endpoint, kp));
    }

    /** The promises {@code endpoint} decides, in creation (kref number) order. */
    List<String> promisesDecidedBy(String endpoint) {
        String prefix = prefix(endpoint);
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> entry : kv.prefix(prefix)) {
            String kp = entry.getKey().substring(prefix.length());
            if (!Kref.isValid(kp) || !Kref.isPromise(kp)) {
                throw new IllegalStateException("corrupt decider index key " + entry.getKey());
            }
            out.add(kp);
        }
        // Key order is string order (kp10 before kp2); creation order is friendlier to read and test.
        out.sort(BY_NUMBER);
        return out;
    }

    private static String prefix(String endpoint) {
        return "dx." + endpoint + ".";
    }

    private static String key(String endpoint, String kp) {
        return "dx." + endpoint + "." + kp;
    }
}
