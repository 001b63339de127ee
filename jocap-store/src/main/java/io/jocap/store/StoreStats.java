package io.jocap.store;

import java.time.Duration;
import java.time.Instant;

/**
 * A snapshot of a {@link KernelStore}'s counters, for metrics and the console.
 *
 * @param lastCommittedCrank the number of the last committed crank (0 if none ever)
 * @param durableCrank the highest crank known to be in SQLite and synced
 * @param dirtyKeys keys committed but not yet handed to a flush
 * @param flushingKeys keys in the flush now being written (0 if none)
 * @param cacheEntries entries in the clean cache
 * @param cacheCapacity the clean cache's bound
 * @param cacheHits reads answered by the clean cache
 * @param cacheMisses reads the clean cache could not answer (they went to SQLite)
 * @param filteredReads reads of keys never written, answered "absent" by the store's key filter
 *     before any other layer (not counted as cache hits or misses)
 * @param flushCount commit points completed since the store was opened
 * @param rowsFlushed rows (sets and deletes) written by those commit points
 * @param lastFlushAt when the last commit point completed, or null if none yet
 * @param lastFlushDuration how long the last commit point took (SQLite transaction and sync)
 */
public record StoreStats(
    long lastCommittedCrank,
    long durableCrank,
    int dirtyKeys,
    int flushingKeys,
    int cacheEntries,
    int cacheCapacity,
    long cacheHits,
    long cacheMisses,
    long filteredReads,
    long flushCount,
    long rowsFlushed,
    Instant lastFlushAt,
    Duration lastFlushDuration) {}
