package io.jocap.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * The one transactional store of a kernel: the kernel's key space ({@link #kv()}) and one key
 * space per vat ({@link #vatstore(String)}), written in cranks and persisted in a SQLite file.
 *
 * <h2>Cranks</h2>
 *
 * All writes happen inside a crank: {@link #beginCrank()}, then any number of
 * {@link KVStore#set}, {@link KVStore#delete} and {@link #deleteVatstore} calls across all key
 * spaces, optionally {@link #savepoint(String) savepoints} that can be {@link #rollbackTo rolled
 * back to} or {@link #release released}, and finally {@link #commitCrank()} (the crank's writes
 * become visible as committed and will reach SQLite at the next commit point) or
 * {@link #abortCrank()} (they vanish). Writes outside a crank throw {@link IllegalStateException};
 * there is deliberately no implicit one-write crank, so that no write can escape a rollback. Reads
 * are allowed at any time and always see the current crank's writes.
 *
 * <h2>Commit points and durability</h2>
 *
 * Committed cranks are numbered 1, 2, 3, ... and the numbering continues across restarts from the
 * last crank that reached SQLite. When they reach SQLite depends on the {@link CommitPolicy}:
 * {@linkplain CommitPolicy.Strict strict} writes each crank inside {@code commitCrank};
 * {@linkplain CommitPolicy.Batched batched} writes groups of cranks on a background flusher
 * thread. A commit point writes every dirty key of every space in one SQLite transaction and
 * syncs it (WAL, {@code synchronous=FULL}); only then does {@link #durableCrank()} advance and do
 * {@link #whenDurable(long)} futures complete. Outputs of a crank must wait for that.
 *
 * <p>After a crash, the file holds exactly the cranks up to some commit point: never part of a
 * commit point, never a crank that was not committed, and at least every crank that was reported
 * durable.
 *
 * <h2>Failure</h2>
 *
 * If a commit point cannot be written (a SQLite error, a full disk), the store fails: pending and
 * later {@code whenDurable} futures complete exceptionally, and every later operation (reads
 * included) throws a {@link StoreException} whose cause chain holds the original error. Cranks
 * that had not reached SQLite are lost; the kernel has to stop and restart from the file. A
 * failed read (rare: SQLite I/O errors) throws {@code StoreException} but does not fail the store.
 *
 * <h2>Threading</h2>
 *
 * A {@code KernelStore} and its {@link KVStore}s are used by one kernel thread. The exceptions
 * are {@link #durableCrank()}, {@link #lastCommittedCrank()}, {@link #whenDurable(long)} and
 * {@link #requestFlush()}, which any thread may call. Futures are completed by the thread that ran the commit point (the flusher
 * thread in batched mode), so dependent actions registered with non-async methods run there:
 * keep them short and do not touch the store from them (hand work to the kernel thread).
 */
public final class KernelStore implements AutoCloseable {
    /*
     * Implementation overview (for maintainers).
     *
     * Layers, newest first, per key space (KeySpace holds the references):
     *   overlay   CrankOverlay: this crank's writes, one hash map per touched space, plus an undo
     *             journal that savepoints index into.
     *   dirty     DirtySet: committed cranks not yet handed to a commit point.
     *   flushing  batches handed to commit points and not yet dropped, newest first (a chain,
     *             usually empty or one long): being written, or written and waiting to be dropped.
     *   cache     CleanCache: bounded (CLOCK) cache of clean values and remembered absences.
     *   filter    KeyFilter: a Bloom filter over every key ever written since it was built from
     *             SQLite's keys, asked before any layer: a read of a key it has never seen returns
     *             "absent" at once (the first read of a new promise's or c-list entry's keys).
     *             Rebuilt from SQLite's keys and the in-memory batches' at the start of a crank
     *             once saturated. A key it had never seen is written "fresh": deleted before its
     *             commit point, it leaves the dirty set and costs no DELETE row (SpaceWrites). A
     *             delete of a key memory shows absent writes nothing at all (SpaceView).
     *   SQLite    SqliteBackend: tables meta, kv, vatstore; a reader and a writer connection.
     * A layer's "cleared" flag (deleteVatstore) hides everything below it for that space.
     *
     * WriteBack owns the life of a batch: commit merges the overlay into the dirty set; a commit
     * point hands the dirty set over (it joins the flushing chains; a new dirty set starts); the
     * writer connection writes it in one transaction and syncs; then its cranks are durable. The
     * kernel thread drops written batches at its next entry (beginCrank, flush): it copies their
     * values into the cache, unlinks them and bumps the flush epoch.
     *
     * Why reads stay consistent while the flusher runs (batched mode):
     *  - A key in dirty or flushing is found there, whatever the flusher does meanwhile: the
     *    hand-over links the batch into flushing before it clears dirty, and readers load dirty
     *    first. Batches leave flushing only on the kernel thread, after their COMMIT returned, so
     *    nothing the kernel reads can disappear under it, and once a batch is gone its rows are
     *    visible to the reader connection (each read is a fresh read transaction).
     *  - A key no layer holds has no write in flight, so its SQLite row cannot change while the
     *    kernel reads it, and filling the cache from that read is safe. A cached entry can be stale
     *    only for a key some layer still holds (reads never get to the cache then), and dropping
     *    that layer refreshes the entry first.
     *  - Iterators tag each SQLite page with the flush epoch and re-read it after a drop, because
     *    the dropped batch may be newer than the page.
     * Only the kernel thread mutates the overlay, the dirty set's contents and the cache. The
     * flusher reads a batch only after the hand-over, which happens under the lock that every
     * commit takes.
     */

    private final SqliteBackend backend;
    private final boolean temporary;
    private final CleanCache cache;
    private final KeyFilter filter = new KeyFilter(KeyFilter.MIN_CAPACITY);
    /**
     * How far rebuilds grow the key filter beyond twice the keys it holds (see {@link #loadFilter}):
     * 131,072 keys, a filter of 256 KB. Measured on fan-out against 2^19 and 2^21: no better, and
     * a bigger filter no longer stays in the processor's cache.
     */
    static final long FILTER_CHURN_CAPACITY = 1L << 17;
    private final CrankOverlay crank = new CrankOverlay();
    private final WriteBack writeBack;
    private final SpaceView kv;
    private final HashMap<String, SpaceView> vatstores = new HashMap<>();
    private boolean closed;

    private KernelStore(SqliteBackend backend, StoreOptions options, FlushListener listener,
            boolean temporary) {
        this.backend = backend;
        this.temporary = temporary;
        this.cache = new CleanCache(options.cleanCacheEntries());
        this.writeBack =
                new WriteBack(backend.file, backend.writes, cache, options.policy(), backend.lastCrank,
                        listener);
        this.kv = view(null);
        loadFilter();
    }

    /**
     * Opens (creating it if absent) the store in {@code file}.
     *
     * @throws StoreException if the file is not a SQLite database, is a SQLite database but not a
     *     jocap store, was written by a newer schema version, is already open, or cannot be opened;
     *     the message names the file
     */
    public static KernelStore open(Path file, StoreOptions options) {
        return open(file, options, FlushListener.NONE, false);
    }

    /**
     * A store on a fresh temporary file, deleted on {@link #close()}: real SQLite, for tests and
     * tools, with {@link StoreOptions#defaults()}.
     */
    public static KernelStore openTemporary() {
        return openTemporary(StoreOptions.defaults());
    }

    /** A store on a fresh temporary file, deleted on {@link #close()}. */
    public static KernelStore openTemporary(StoreOptions options) {
        return openTemporary(options, FlushListener.NONE);
    }

    static KernelStore openTemporary(StoreOptions options, FlushListener listener) {
        Path file;
        try {
            file = Files.createTempFile("jocap-store-", ".sqlite");
        } catch (IOException e) {
            throw new StoreException("cannot create a temporary store file: " + e.getMessage(), e);
        }
        return open(file, options, listener, true);
    }

    static KernelStore open(Path file, StoreOptions options, FlushListener listener,
            boolean temporary) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(options, "options");
        SqliteBackend backend = SqliteBackend.open(file, options);
        KernelStore store = new KernelStore(backend, options, listener, temporary);
        store.writeBack.start();
        return store;
    }

    /** The database file. */
    public Path file() {
        return backend.file;
    }

    /** The kernel's key space (table {@code kv}). */
    public KVStore kv() {
        return kv;
    }

    /** The key space of one vat (its rows of table {@code vatstore}). */
    public KVStore vatstore(String vatId) {
        KeyRules.vatId(vatId);
        SpaceView view = vatstores.get(vatId);
        if (view == null) {
            view = view(vatId);
            vatstores.put(vatId, view);
        }
        return view;
    }

    /**
     * Deletes every key of a vat's key space, as part of the current crank (undone by a rollback
     * or abort like any other write). Costs O(1) now and one {@code DELETE} at the commit point.
     *
     * @throws IllegalStateException outside a crank
     */
    public void deleteVatstore(String vatId) {
        SpaceView view = (SpaceView) vatstore(vatId);
        checkUsable();
        crank.clear(view.space(), "deleteVatstore");
    }

    /** Whether a crank is in progress. */
    public boolean inCrank() {
        return crank.active();
    }

    /**
     * Starts a crank.
     *
     * @throws IllegalStateException if one is already in progress
     */
    public void beginCrank() {
        checkUsable();
        writeBack.dropWritten();
        if (filter.saturated() && !crank.active()) {
            loadFilter();
        }
        crank.begin();
    }

    /**
     * Marks the current point of the crank under {@code name}, which must match
     * {@code [A-Za-z_][A-Za-z0-9_]{0,63}} and must not name a savepoint already open in this crank.
     *
     * @throws IllegalStateException outside a crank
     * @throws IllegalArgumentException for a bad or duplicate name
     */
    public void savepoint(String name) {
        checkUsable();
        crank.savepoint(name);
    }

    /**
     * Undoes every write made since savepoint {@code name} (sets, new keys, deletes, vatstore
     * deletions) and discards the savepoints opened after it. The savepoint itself stays, as in SQL,
     * and can be rolled back to again.
     *
     * @throws IllegalArgumentException if no savepoint of that name is open
     */
    public void rollbackTo(String name) {
        checkUsable();
        crank.rollbackTo(name);
    }

    /**
     * Forgets savepoint {@code name} and those opened after it, keeping their writes (they now
     * belong to the enclosing savepoint, or to the crank).
     *
     * @throws IllegalArgumentException if no savepoint of that name is open
     */
    public void release(String name) {
        checkUsable();
        crank.release(name);
    }

    /**
     * Commits the current crank and returns its number, one more than the previous committed crank
     * (persisted, so numbers keep increasing across restarts). In strict mode the crank is durable
     * when this returns; in batched mode see {@link #whenDurable(long)}. In batched mode this may
     * block while a full batch waits for the flush in progress.
     *
     * @throws IllegalStateException outside a crank
     * @throws StoreException if the store has failed, or (strict mode) the crank could not be
     *     written, which fails the store
     */
    public long commitCrank() {
        checkUsable();
        crank.requireActive("commitCrank");
        try {
            return writeBack.commit(crank.touched());
        } finally {
            crank.end();
        }
    }

    /**
     * Drops every write of the current crank. Allowed on a failed store, so that cleanup code does
     * not hide the original failure.
     *
     * @throws IllegalStateException outside a crank
     */
    public void abortCrank() {
        crank.requireActive("abortCrank");
        crank.end();
    }

    /**
     * Runs {@code body} in a crank of its own: begins one, commits it if {@code body} returns, or
     * aborts it and rethrows if {@code body} throws. For hosts, tools and tests; the kernel's own
     * loop, which decides between commit and abort by the crank's outcome, uses the steps directly.
     *
     * @return what {@code body} returned
     * @throws IllegalStateException if a crank is already in progress
     */
    public <T> T inCrank(Supplier<T> body) {
        Objects.requireNonNull(body, "body");
        beginCrank();
        T result;
        try {
            result = body.get();
        } catch (RuntimeException | Error e) {
            abortCrank();
            throw e;
        }
        commitCrank();
        return result;
    }

    /** As {@link #inCrank(Supplier)}, for a body without a result. */
    public void inCrank(Runnable body) {
        Objects.requireNonNull(body, "body");
        inCrank(() -> {
            body.run();
            return null;
        });
    }

    /** The number of the last committed crank (0 if none, ever). Any thread. */
    public long lastCommittedCrank() {
        return writeBack.lastCommittedCrank();
    }

    /** The highest crank number known to be in SQLite and synced. Any thread. */
    public long durableCrank() {
        return writeBack.durableCrank();
    }

    /**
     * A future that completes, with the durable crank number at that time ({@code >= crank}), once
     * crank {@code crank} is in SQLite and synced; already complete if it is. It completes
     * exceptionally with a {@link StoreException} if the store fails first. Any thread.
     *
     * @throws IllegalArgumentException if {@code crank} is negative or has not been committed
     */
    public CompletableFuture<Long> whenDurable(long crank) {
        return writeBack.whenDurable(crank);
    }

    /**
     * Asks for a commit point now without waiting for it, and returns {@link #whenDurable} of the
     * last committed crank. Any thread but the flusher's.
     */
    public CompletableFuture<Long> requestFlush() {
        return writeBack.requestFlush();
    }

    /**
     * Makes every committed crank durable now: a commit point, waited for.
     *
     * @throws StoreException if it cannot be written (the store is then failed)
     */
    public void flush() {
        checkUsable();
        try {
            writeBack.requestFlush().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof StoreException se ? new StoreException(se.getMessage(), se) : e;
        }
        writeBack.dropWritten();
    }

    /** Counters for metrics. Call on the kernel thread. */
    public StoreStats stats() {
        return writeBack.stats(filter.skipped());
    }

    /**
     * Discards an uncommitted crank, writes every committed crank to SQLite, stops the flusher and
     * closes the file (deleting it if {@linkplain #openTemporary() temporary}). Idempotent.
     *
     * @throws StoreException if the store had failed or the final commit point fails: the cranks
     *     not yet durable are lost, and this says so
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        StoreException failure = null;
        try {
            if (crank.active()) {
                crank.end();
            }
            if (!writeBack.isFailed()) {
                writeBack.requestFlush().join();
            }
        } catch (CompletionException e) {
            failure = new StoreException("closing " + backend.file + ": " + e.getCause().getMessage(),
                    e.getCause());
        } finally {
            writeBack.stop();
            writeBack.markClosed();
            try {
                backend.close();
            } catch (SQLException | IOException e) {
                StoreException closing =
                        new StoreException("closing " + backend.file + ": " + e.getMessage(), e);
                if (failure == null) {
                    failure = closing;
                } else {
                    failure.addSuppressed(closing);
                }
            }
            if (temporary) {
                deleteFiles();
            }
        }
        if (failure == null && writeBack.isFailed()) {
            failure = writeBack.failed();
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void deleteFiles() {
        String name = backend.file.getFileName().toString();
        for (String suffix : new String[] {"", "-wal", "-shm", "-journal", ".lock"}) {
            try {
                Files.deleteIfExists(backend.file.resolveSibling(name + suffix));
            } catch (IOException e) {
                // best effort: a leftover temporary file is harmless
            }
        }
    }

    private void checkUsable() {
        if (closed) {
            throw new IllegalStateException("the KernelStore for " + backend.file + " is closed");
        }
        writeBack.throwIfFailed();
    }

    private SpaceView view(String vatId) {
        return new SpaceView(new KeySpace(vatId, cache.newPartition()), crank, cache, filter,
                backend.reads, writeBack, backend.file);
    }

    /** The key filter's current capacity (for tests). */
    int filterCapacity() {
        return filter.capacity();
    }

    /**
     * Rebuilds the key filter from every key that may exist: SQLite's rows plus the keys of the
     * batches still in memory (dirty and flushing; no crank is open). Either may see a batch that
     * the flusher commits meanwhile; a key is in at least one of them, which is all a superset
     * needs, so the kernel never waits for a flush here.
     */
    private void loadFilter() {
        record Pending(long seed, SpaceWrites layer) {}
        List<Pending> pending = new ArrayList<>();
        List<SpaceView> views = new ArrayList<>(vatstores.values());
        views.add(kv);
        for (SpaceView view : views) {
            KeySpace space = view.space();
            SpaceWrites dirty = space.dirty; // dirty before flushing: see KeySpace
            if (dirty != null) {
                pending.add(new Pending(space.filterSeed, dirty));
            }
            for (SpaceWrites layer = space.flushing; layer != null; layer = layer.older) {
                pending.add(new Pending(space.filterSeed, layer));
            }
        }
        try {
            long count = backend.reads.countKeys();
            for (Pending p : pending) {
                count += p.layer().size();
            }
            // Rebuilds come when more new keys were added than the filter was sized for; where
            // most of them die young (a burst of promises), the live count alone would size the
            // next filter for as few, and rebuilds would come as often. So each rebuild also
            // doubles the last size, up to a bound that keeps the filter in the processor's cache.
            filter.reset(Math.max(2L * count, Math.min(2L * filter.capacity(), FILTER_CHURN_CAPACITY)));
            backend.reads.forEachKey(new BiConsumer<String, String>() {
                private String vat;
                private long seed = KeyFilter.seed(null);

                @Override
                public void accept(String vatId, String key) {
                    if (!Objects.equals(vatId, vat)) {
                        vat = vatId;
                        seed = KeyFilter.seed(vatId);
                    }
                    filter.add(seed, key);
                }
            });
        } catch (SQLException e) {
            throw new StoreException("cannot read the keys of " + backend.file + ": " + e.getMessage(), e);
        }
        for (Pending p : pending) {
            p.layer().forEach((key, value) -> filter.add(p.seed(), key));
        }
    }
}
