/**
 * The kernel's transactional key-value store: crank savepoints over an in-memory overlay, a
 * write-back dirty set flushed to SQLite at commit points, and per-vat vatstores.
 *
 * <h2>Using it</h2>
 *
 * {@link io.jocap.store.KernelStore} is the one store of a kernel, opened on a SQLite file with
 * {@link io.jocap.store.StoreOptions}. Its {@link io.jocap.store.KVStore key spaces} are the
 * kernel's ({@code kv()}) and one per vat ({@code vatstore(vatId)}). Every write belongs to a
 * crank: {@code beginCrank()}, writes and savepoints, then {@code commitCrank()} or
 * {@code abortCrank()}. Committed cranks become durable at commit points chosen by the
 * {@link io.jocap.store.CommitPolicy}; {@code whenDurable(crank)} says when, and only then may the
 * kernel release the crank's outputs.
 *
 * <h2>Layers</h2>
 *
 * A read looks through these layers, newest first, and stops at the first that knows the key
 * (a delete is knowledge too, and a deleted vatstore hides everything below it):
 *
 * <ol>
 *   <li><b>crank overlay</b>: the current crank's writes, with an undo journal for savepoints;
 *       dropped by abort or rollback, merged into the dirty set by commit;
 *   <li><b>dirty set</b>: committed cranks not yet handed to a commit point;
 *   <li><b>flushing</b>: batches handed to a commit point and not yet dropped from memory: being
 *       written to SQLite by the flusher thread (batched policy), or written and waiting for the
 *       kernel thread to drop them;
 *   <li><b>clean cache</b>: a bounded CLOCK (approximate LRU) cache of values as stored, and of
 *       keys known to be absent;
 *   <li><b>SQLite</b>: tables {@code kv} and {@code vatstore} in a WAL-mode database, read through
 *       the kernel thread's own connection.
 * </ol>
 *
 * Iteration merges the same layers in key order (Unicode code point order, which is SQLite's
 * order for UTF-8 text), reading SQLite a page at a time. A commit point writes the whole dirty
 * set in one SQLite transaction on a separate connection and syncs it; the batch stays readable in
 * memory until that transaction has committed, so the kernel thread never sees a write vanish or
 * an old value come back. See {@code docs/store.md} for the full picture, including crash
 * semantics.
 */
package io.jocap.store;
