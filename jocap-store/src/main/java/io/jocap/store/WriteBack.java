package io.jocap.store;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Committed cranks on their way to SQLite: the current {@link DirtySet}, the batch being written,
 * written batches not yet dropped from memory, commit points (inline in strict mode, on a flusher
 * thread in batched mode), durability notifications and the failed state.
 *
 * <p>A batch's life: the kernel thread merges committed cranks into it (the dirty set); at a
 * commit point it is <em>handed over</em> (it joins the spaces' flushing chains and a new dirty
 * set starts); the flusher <em>writes</em> it (one SQLite transaction, synced), after which its
 * cranks are durable and their futures complete; at its next entry into the store the kernel
 * thread <em>drops</em> it: it copies the batch's values into the clean cache (so that the cache
 * holds no stale entry once the batch no longer hides it), unlinks it from the chains and bumps
 * {@link #flushEpoch}. Dropping on the kernel thread keeps the cache single-threaded and costs one
 * cache update per distinct key per batch rather than one per write.
 *
 * <p>One lock guards hand-over, the merge of each committed crank, the flushing chains' links,
 * the written queue, the waiters and the counters. The kernel thread takes it once per commit;
 * reads never take it (see {@link KeySpace} for why they need not).
 */
final class WriteBack {
    private final Path file;
    private final SqliteWrites sql;
    private final CleanCache cache;
    private final boolean batched;
    private final int maxCranks;
    /** The most cranks a batch may hold: {@code maxCranks} × {@link #BACKLOG}, saturated. */
    private final long maxBatch;
    private final long maxDelayNanos;
    private final FlushListener listener;
    private final Thread flusher;

    /**
     * A batch's bound, in multiples of {@code maxCranks}: while nobody waits for durability, or
     * while the previous commit point is still being written, a batch grows up to it (or to
     * {@link #MAX_BATCH_KEYS}); then it is handed over, or commits wait for the flush in flight.
     * Large, because keys made and deleted within one batch never reach SQLite: a burst of
     * short-lived promises (10,000 sends answered, 20,000 cranks) costs no rows if its batch
     * holds it whole, and ~6.6 rows a delivery if cut into three.
     */
    static final int BACKLOG = 64;

    /**
     * The most distinct keys a batch may hold before it is handed over, whatever its cranks: the
     * bound on a batch's memory (about 150 bytes a key for the kernel's typical keys and values).
     */
    static final int MAX_BATCH_KEYS = 1 << 18;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();

    // Guarded by lock.
    private DirtySet dirty;
    private DirtySet inFlight;
    /** Whether the flusher has picked up {@code inFlight} (the kernel thread may hand over too). */
    private boolean inFlightTaken;
    private final ArrayDeque<DirtySet> written = new ArrayDeque<>();
    private boolean flushRequested;
    private boolean stopping;
    private long lastCommittedCrank;
    private final TreeMap<Long, List<CompletableFuture<Long>>> waiters = new TreeMap<>();
    private long flushCount;
    private long rowsFlushed;
    private Instant lastFlushAt;
    private Duration lastFlushDuration = Duration.ZERO;

    private volatile long durableCrank;
    private volatile long writtenCount;
    private volatile StoreException failure;
    private volatile boolean closed;

    // Kernel thread only.
    private long droppedCount;
    private long flushEpoch;

    WriteBack(Path file, SqliteWrites sql, CleanCache cache, CommitPolicy policy, long lastCrank,
            FlushListener listener) {
        this.file = file;
        this.sql = sql;
        this.cache = cache;
        this.listener = listener;
        this.lastCommittedCrank = lastCrank;
        this.durableCrank = lastCrank;
        switch (policy) {
            case CommitPolicy.Strict() -> {
                batched = false;
                maxCranks = 1;
                maxBatch = 1;
                maxDelayNanos = 0;
                flusher = null;
            }
            case CommitPolicy.Batched b -> {
                batched = true;
                maxCranks = b.maxCranks();
                maxBatch = (long) b.maxCranks() * BACKLOG;
                maxDelayNanos = b.maxDelayNanos();
                flusher =
                        Thread.ofPlatform()
                                .name("jocap-store-flusher-" + file.getFileName())
                                .daemon(true) // close() flushes; a forgotten store must not keep the JVM alive
                                .unstarted(this::runFlusher);
            }
        }
    }

    void start() {
        if (flusher != null) {
            flusher.start();
        }
    }

    // ---- kernel thread ----

    /**
     * Merges a committed crank's overlays into the dirty set and returns its crank number. In strict
     * mode also writes it to SQLite before returning.
     */
    long commit(List<KeySpace> touched) {
        long crank;
        lock.lock();
        try {
            // While a commit point is written, the next batch grows (under load commit points get
            // bigger, cheaper per row, and more short-lived keys never reach SQLite), up to a bound.
            while (batched && dirty != null && full(dirty) && failure == null) {
                if (inFlight == null) {
                    handOver(); // possible if the flusher has not come round yet
                    changed.signalAll();
                    break;
                }
                changed.awaitUninterruptibly(); // back-pressure: a full batch waits behind a flush
            }
            throwIfFailed();
            if (dirty == null) {
                dirty = new DirtySet();
                dirty.startedAt(System.nanoTime());
                changed.signalAll(); // the flusher arms its maxDelay timer
            }
            for (KeySpace space : touched) {
                SpaceWrites writes = space.overlay;
                if (!writes.isEmpty()) {
                    dirty.absorb(space, writes);
                }
            }
            crank = ++lastCommittedCrank;
            dirty.addCrank(crank);
            if (batched && inFlight == null && due()) {
                // Hand over here rather than let the flusher do it when it wakes up, so that a batch
                // does not outgrow its bound meanwhile.
                handOver();
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
        if (!batched) {
            flushInline();
        }
        return crank;
    }

    private void flushInline() {
        DirtySet batch;
        lock.lock();
        try {
            batch = handOver();
            inFlightTaken = true;
        } finally {
            lock.unlock();
        }
        if (batch != null) {
            writeAndFinish(batch);
        }
        throwIfFailed();
        dropWritten();
    }

    /**
     * Drops the batches written since the last call: refreshes the clean cache from them, unlinks
     * them from the flushing chains and bumps the flush epoch. Cheap when there is nothing to do.
     */
    void dropWritten() {
        if (writtenCount == droppedCount) {
            return;
        }
        List<DirtySet> batches;
        lock.lock();
        try {
            batches = new ArrayList<>(written);
            written.clear();
            for (DirtySet batch : batches) { // oldest first: each is the tail of its chains
                for (DirtySet.Part part : batch.parts()) {
                    unlinkTail(part.space(), part.writes());
                }
            }
        } finally {
            lock.unlock();
        }
        for (DirtySet batch : batches) {
            for (DirtySet.Part part : batch.parts()) {
                CleanCache.Partition partition = part.space().cached;
                if (part.writes().cleared()) {
                    cache.purge(partition);
                }
                // Fresh tombstones too: the kernel reads some deleted keys again (a promise's
                // decider when it is collected), and a miss would be a SQLite query.
                part.writes().forEach((key, value) -> cache.put(partition, key, value));
            }
        }
        droppedCount += batches.size();
        flushEpoch++;
    }

    private static void unlinkTail(KeySpace space, SpaceWrites tail) {
        SpaceWrites layer = space.flushing;
        if (layer == tail) {
            space.flushing = null;
            return;
        }
        while (layer.older != tail) {
            layer = layer.older;
        }
        layer.older = null;
    }

    /**
     * Changes whenever a batch leaves memory. Iterators re-read their SQLite page when it has
     * changed, because the page may predate the commit of the batch that no longer hides it.
     * Kernel thread only.
     */
    long flushEpoch() {
        return flushEpoch;
    }

    // ---- any thread ----

    CompletableFuture<Long> whenDurable(long crank) {
        if (crank < 0) {
            throw new IllegalArgumentException("crank number must not be negative, was " + crank);
        }
        lock.lock();
        try {
            if (failure != null) {
                return CompletableFuture.failedFuture(failed());
            }
            if (crank <= durableCrank) {
                return CompletableFuture.completedFuture(durableCrank);
            }
            if (crank > lastCommittedCrank) {
                throw new IllegalArgumentException(
                        "crank " + crank + " has not been committed (the last committed crank is "
                                + lastCommittedCrank + ")");
            }
            return waiterFor(crank);
        } finally {
            lock.unlock();
        }
    }

    CompletableFuture<Long> requestFlush() {
        if (Thread.currentThread() == flusher) {
            throw new IllegalStateException(
                    "flush requested on the store's flusher thread (from a whenDurable callback?);"
                            + " that would wait for itself");
        }
        lock.lock();
        try {
            if (failure != null) {
                return CompletableFuture.failedFuture(failed());
            }
            long target = lastCommittedCrank;
            if (target <= durableCrank) {
                return CompletableFuture.completedFuture(durableCrank);
            }
            if (dirty != null) {
                flushRequested = true;
                changed.signalAll();
            }
            return waiterFor(target);
        } finally {
            lock.unlock();
        }
    }

    private CompletableFuture<Long> waiterFor(long crank) {
        CompletableFuture<Long> future = new CompletableFuture<>();
        if (waiters.isEmpty()) {
            changed.signalAll(); // the flusher now has a reason to watch maxCranks and maxDelay
        }
        waiters.computeIfAbsent(crank, k -> new ArrayList<>(1)).add(future);
        return future;
    }

    long durableCrank() {
        return durableCrank;
    }

    long lastCommittedCrank() {
        lock.lock();
        try {
            return lastCommittedCrank;
        } finally {
            lock.unlock();
        }
    }

    /** Throws if the store is closed or failed; called at the start of every operation. */
    void checkUsable() {
        if (closed) {
            throw new IllegalStateException("the KernelStore for " + file + " is closed");
        }
        throwIfFailed();
    }

    void markClosed() {
        closed = true;
    }

    boolean isFailed() {
        return failure != null;
    }

    void throwIfFailed() {
        if (failure != null) {
            throw failed();
        }
    }

    /** A fresh exception (with this call's stack) whose cause is the original failure. */
    StoreException failed() {
        StoreException f = failure;
        return new StoreException(f.getMessage(), f);
    }

    /** Stops the flusher after it has written whatever is dirty (unless the store failed). */
    void stop() {
        lock.lock();
        try {
            stopping = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (flusher != null && flusher.isAlive() && Thread.currentThread() != flusher) {
            boolean interrupted = false;
            while (true) {
                try {
                    flusher.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Counters for {@link KernelStore#stats()}, taken under the lock. */
    StoreStats stats(long filteredReads) {
        lock.lock();
        try {
            return new StoreStats(
                    lastCommittedCrank,
                    durableCrank,
                    dirty == null ? 0 : dirty.keys(),
                    inFlight == null ? 0 : inFlight.keys(),
                    cache.size(),
                    cache.capacity(),
                    cache.hits(),
                    cache.misses(),
                    filteredReads,
                    flushCount,
                    rowsFlushed,
                    lastFlushAt,
                    lastFlushDuration);
        } finally {
            lock.unlock();
        }
    }

    // ---- commit points ----

    private void runFlusher() {
        while (true) {
            DirtySet batch;
            lock.lock();
            try {
                batch = awaitBatch();
            } finally {
                lock.unlock();
            }
            if (batch == null) {
                return;
            }
            writeAndFinish(batch);
        }
    }

    /**
     * Waits until there is a batch to write: one the kernel thread handed over, or the dirty set
     * once a commit point is due (then hands it over). Null when stopping or failed.
     */
    private DirtySet awaitBatch() {
        while (failure == null) {
            if (inFlight != null && !inFlightTaken) {
                inFlightTaken = true;
                return inFlight;
            }
            if (dirty == null) {
                if (stopping) {
                    return null;
                }
                changed.awaitUninterruptibly();
                continue;
            }
            if (due()) {
                handOver();
                continue;
            }
            if (waiters.isEmpty()) {
                changed.awaitUninterruptibly(); // a waiter, a request or a bigger batch signals
                continue;
            }
            try {
                changed.await(dirty.startedAt() + maxDelayNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                // Nobody but the JVM interrupts this thread; keep going, close() stops it.
            }
        }
        return null;
    }

    /**
     * Whether the dirty set should become a commit point as soon as the flusher is free (under the
     * lock). Asked for, or closing: yes. Otherwise durability only matters to whoever waits for it
     * (host answers, messages to other kernels: outputs wait for the commit point that covers
     * them), so while nobody waits the batch grows until its memory bound; once somebody waits,
     * the policy's {@code maxCranks} and {@code maxDelay} apply.
     */
    private boolean due() {
        if (flushRequested || stopping) {
            return true;
        }
        int cranks = dirty.cranks();
        if (full(dirty)) {
            return true;
        }
        return !waiters.isEmpty()
                && (cranks >= maxCranks || System.nanoTime() - dirty.startedAt() >= maxDelayNanos);
    }

    /** Whether {@code batch} reached a batch's bound (see {@link #BACKLOG}). */
    private boolean full(DirtySet batch) {
        return batch.cranks() >= maxBatch || batch.keys() >= MAX_BATCH_KEYS;
    }

    /** Starts a commit point: the dirty set joins the flushing chains, a new one will start. */
    private DirtySet handOver() {
        DirtySet batch = dirty;
        if (batch == null) {
            return null;
        }
        for (DirtySet.Part part : batch.parts()) {
            KeySpace space = part.space();
            part.writes().older = space.flushing;
            space.flushing = part.writes(); // before clearing dirty: see KeySpace
            space.dirty = null;
        }
        dirty = null;
        inFlight = batch;
        inFlightTaken = false;
        flushRequested = false;
        return batch;
    }

    private void writeAndFinish(DirtySet batch) {
        long start = System.nanoTime();
        long rows = 0;
        StoreException error = null;
        try {
            listener.handedOver(batch);
            rows = sql.write(batch);
            listener.committed(batch);
        } catch (SQLException | RuntimeException | Error e) {
            error =
                    new StoreException(
                            "commit point for cranks " + batch.firstCrank() + ".." + batch.lastCrank() + " ("
                                    + batch.keys() + " rows) could not be written to " + file
                                    + "; the store is now unusable and those cranks are not durable: " + e, e);
        }
        List<CompletableFuture<Long>> ready = new ArrayList<>();
        long durable;
        lock.lock();
        try {
            inFlight = null;
            if (error == null) {
                written.add(batch);
                writtenCount++;
                durableCrank = batch.lastCrank();
                flushCount++;
                rowsFlushed += rows;
                lastFlushAt = Instant.now();
                lastFlushDuration = Duration.ofNanos(System.nanoTime() - start);
                Map<Long, List<CompletableFuture<Long>>> done = waiters.headMap(durableCrank, true);
                done.values().forEach(ready::addAll);
                done.clear();
            } else {
                failure = error; // the batch stays in memory; every later operation throws
                waiters.values().forEach(ready::addAll);
                waiters.clear();
            }
            durable = durableCrank;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        // Outside the lock: dependents of these futures run right here.
        for (CompletableFuture<Long> future : ready) {
            if (error == null) {
                future.complete(durable);
            } else {
                future.completeExceptionally(error);
            }
        }
        // After the futures: a due WAL checkpoint no longer delays the outputs of this commit point.
        if (error == null) {
            sql.checkpointIfDue();
        }
    }
}
