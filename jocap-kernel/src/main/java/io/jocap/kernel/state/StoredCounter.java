package io.jocap.kernel.state;

import io.jocap.store.KVStore;

/**
 * A persisted counter: one key holding the next number to hand out, in decimal; an absent key
 * means 1. Read and written straight through the store on every use, so an aborted crank takes
 * back the numbers it handed out together with everything that used them.
 */
final class StoredCounter {
    private StoredCounter() {}

    /** Hands out the next number of the counter at {@code key} (1, 2, 3, ...). */
    static long take(KVStore kv, String key) {
        long n = peek(kv, key);
        kv.set(key, Long.toString(n + 1));
        return n;
    }

    /** The number {@link #take} would hand out next, without taking it. */
    static long peek(KVStore kv, String key) {
        String stored = kv.get(key);
        if (stored == null) {
            return 1;
        }
        long n = RefNumbers.parse(stored, 0);
        if (n < 1) {
            throw new IllegalStateException("corrupt counter " + key + ": " + RefNumbers.shown(stored)
                    + " is not a positive decimal number");
        }
        return n;
    }
}
