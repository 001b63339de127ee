package io.jocap.bench;

import io.jocap.store.KVStore;
import io.jocap.store.KernelStore;

/** Keys and values shaped like a kernel's (short prefixed keys, CapData-sized values). */
final class StoreBenchData {
    private StoreBenchData() {}

    /** {@code n} keys like {@code kp12345.state}, spread over a few prefixes. */
    static String[] keys(int n) {
        String[] prefixes = {"ko", "kp", "v1.c.", "v2.c.", "runQueue."};
        String[] keys = new String[n];
        for (int i = 0; i < n; i++) {
            keys[i] = prefixes[i % prefixes.length] + i + ".state";
        }
        return keys;
    }

    /** {@code n} distinct values of 60-100 characters. */
    static String[] values(int n) {
        String[] values = new String[n];
        for (int i = 0; i < n; i++) {
            values[i] =
                    "{\"body\":\"#{\\\"method\\\":\\\"m" + i + "\\\",\\\"args\\\":[\\\"$0.Alleged: x\\\"]}\","
                            + "\"slots\":[\"ko" + (i * 7919) + "\"]}" + "x".repeat(i % 40);
        }
        return values;
    }

    /** Writes every key through cranks of {@code perCrank} keys. */
    static void load(KernelStore store, String[] keys, String[] values, int perCrank) {
        KVStore kv = store.kv();
        for (int start = 0; start < keys.length; start += perCrank) {
            store.beginCrank();
            for (int i = start; i < Math.min(keys.length, start + perCrank); i++) {
                kv.set(keys[i], values[i % values.length]);
            }
            store.commitCrank();
        }
    }
}
