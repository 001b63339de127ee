package io.jocap.store;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link KernelStore} commits and caches.
 *
 * <p>{@link #defaults()}: {@code batched(500 cranks, 10 ms)}, a clean cache of 100,000 entries and
 * a 5 s SQLite busy timeout. 10 ms bounds how long a crank's outputs wait for durability under
 * light load; 500 cranks bounds a batch (and the flush that writes it) under heavy load while an
 * output waits, at roughly 10,000 rows for typical cranks, and 32,000 cranks or 262,144 keys
 * bound it otherwise (see {@link CommitPolicy.Batched}). The cache holds about 100,000 keys with
 * their values; with kernel-sized values (tens to hundreds of bytes) that is some 10-30 MB.
 *
 * @param policy when committed cranks reach SQLite
 * @param cleanCacheEntries how many clean entries (values and remembered absences) stay in memory;
 *     eviction approximates least-recently-used (CLOCK); 0 disables the cache
 * @param busyTimeout how long a SQLite connection waits for a lock held by another connection
 */
public record StoreOptions(CommitPolicy policy, int cleanCacheEntries, Duration busyTimeout) {
    public static final int DEFAULT_CLEAN_CACHE_ENTRIES = 100_000;
    public static final Duration DEFAULT_BUSY_TIMEOUT = Duration.ofSeconds(5);

    public StoreOptions {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(busyTimeout, "busyTimeout");
        if (cleanCacheEntries < 0) {
            throw new IllegalArgumentException(
                    "cleanCacheEntries must not be negative, was " + cleanCacheEntries);
        }
        if (busyTimeout.isNegative() || busyTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("busyTimeout out of range: " + busyTimeout);
        }
    }

    /** Batched commits (500 cranks / 10 ms), 100,000 cache entries, 5 s busy timeout. */
    public static StoreOptions defaults() {
        return batched(500, Duration.ofMillis(10));
    }

    /** The defaults with the {@link CommitPolicy.Strict strict} policy. */
    public static StoreOptions strict() {
        return new StoreOptions(CommitPolicy.strict(), DEFAULT_CLEAN_CACHE_ENTRIES, DEFAULT_BUSY_TIMEOUT);
    }

    /** The defaults with a {@link CommitPolicy.Batched batched} policy. */
    public static StoreOptions batched(int maxCranks, Duration maxDelay) {
        return new StoreOptions(
                CommitPolicy.batched(maxCranks, maxDelay), DEFAULT_CLEAN_CACHE_ENTRIES, DEFAULT_BUSY_TIMEOUT);
    }

    public StoreOptions withPolicy(CommitPolicy newPolicy) {
        return new StoreOptions(newPolicy, cleanCacheEntries, busyTimeout);
    }

    public StoreOptions withCleanCacheEntries(int entries) {
        return new StoreOptions(policy, entries, busyTimeout);
    }

    public StoreOptions withBusyTimeout(Duration timeout) {
        return new StoreOptions(policy, cleanCacheEntries, timeout);
    }
}
