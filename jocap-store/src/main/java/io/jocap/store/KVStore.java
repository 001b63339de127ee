package io.jocap.store;

import java.util.Map;

/**
 * An ordered string-to-string key space of a {@link KernelStore}: the kernel's own
 * ({@link KernelStore#kv()}) or one vat's ({@link KernelStore#vatstore(String)}).
 *
 * <p><b>Threading.</b> Not thread-safe: use it only on the kernel thread that runs the cranks.
 *
 * <p><b>Transactions.</b> Reads are allowed at any time and see the current crank's uncommitted
 * writes. Writes ({@link #set}, {@link #delete}) are allowed only inside a crank
 * ({@link KernelStore#beginCrank()}); outside one they throw {@link IllegalStateException}. There
 * is no implicit auto-commit: every change belongs to exactly one crank that commits or rolls back
 * as a whole.
 *
 * <p><b>Keys and values.</b> Keys are non-empty strings and values non-null strings; both must be
 * well-formed UTF-16 (no unpaired surrogates), because SQLite stores UTF-8 and would silently
 * replace an unpaired surrogate. Violations throw {@link IllegalArgumentException}. Keys are
 * ordered by Unicode code point, which is the byte order of their UTF-8 encoding and SQLite's
 * {@code BINARY} collation (it differs from {@link String#compareTo} only for characters outside
 * the Basic Multilingual Plane).
 *
 * <p><b>Iteration.</b> {@link #range}, {@link #prefix} and {@link #getNextKey} merge the crank's
 * writes, committed-but-unflushed writes and SQLite, in key order, hiding deleted keys. Iterators
 * are weakly consistent, like those of {@link java.util.concurrent.ConcurrentSkipListMap}: the
 * caller may set and delete keys while iterating (never a
 * {@link java.util.ConcurrentModificationException}); keys are returned in strictly increasing
 * order and never twice; a key present throughout the iteration is returned; a key set or deleted
 * during the iteration may or may not be seen; the value returned for a key is its value when the
 * iterator reached it. Iterators read SQLite a page at a time, so a large range is never loaded
 * into memory at once. Each call to {@code iterator()} starts a fresh iteration.
 *
 * <p>Every method throws {@link StoreException} if the store has failed (a flush could not be
 * written) and {@link IllegalStateException} if it is closed.
 */
public interface KVStore {

    /** The value of {@code key}, or null if it has none. */
    String get(String key);

    /** Whether {@code key} has a value. */
    boolean has(String key);

    /**
     * Sets {@code key} to {@code value} in the current crank.
     *
     * @throws IllegalStateException outside a crank
     */
    void set(String key, String value);

    /**
     * Removes {@code key} in the current crank; removing an absent key is allowed and does nothing
     * visible.
     *
     * @throws IllegalStateException outside a crank
     */
    void delete(String key);

    /**
     * The smallest key strictly greater than {@code key} in code-point order, or null if there is
     * none. {@code key} need not be present; the empty string gives the first key.
     */
    String getNextKey(String key);

    /**
     * The entries with {@code fromInclusive <= key < toExclusive}, in key order. A null bound is
     * unbounded on that side; an empty or inverted range yields nothing.
     */
    Iterable<Map.Entry<String, String>> range(String fromInclusive, String toExclusive);

    /** The entries whose key starts with {@code prefix}, in key order; {@code ""} means all. */
    Iterable<Map.Entry<String, String>> prefix(String prefix);
}
