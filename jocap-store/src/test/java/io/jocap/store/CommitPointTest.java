package io.jocap.store;

import static io.jocap.store.TestStores.all;
import static io.jocap.store.TestStores.crank;
import static io.jocap.store.TestStores.storedKv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Commit points: where they run, when they happen, what readers see meanwhile, failures. */
class CommitPointTest {
    @TempDir Path dir;
    private final PausingFlushListener listener = new PausingFlushListener();
    private KernelStore store;

    @AfterEach
    void close() {
        listener.pauseAt(PausingFlushListener.Phase.NONE);
        listener.resume();
        if (store != null) {
            try {
                store.close();
            } catch (StoreException expectedForFailedStores) {
                // failure tests leave a failed store behind
            }
        }
    }

    private KernelStore open(StoreOptions options) {
        store = KernelStore.open(dir.resolve("store.sqlite"), options, listener, false);
        return store;
    }

    @Test
    void batchedCommitPointsRunOnTheFlusherThread() {
        open(TestStores.batchedManual());
        crank(store, () -> store.kv().set("a", "1"));
        store.flush();
        assertThat(listener.threadName)
                .startsWith("jocap-store-flusher-")
                .isNotEqualTo(Thread.currentThread().getName());
    }

    @Test
    void strictCommitPointsRunInsideCommitCrank() throws Exception {
        open(TestStores.strict());
        long crank = crank(store, () -> store.kv().set("a", "1"));
        assertThat(listener.threadName).isEqualTo(Thread.currentThread().getName());
        assertThat(store.durableCrank()).isEqualTo(crank);
        assertThat(store.whenDurable(crank)).isCompletedWithValue(crank);
        assertThat(storedKv(store.file(), "a")).isEqualTo("1");
    }

    @Test
    void whenDurableCompletesOnlyOnceTheDataIsInSqlite() throws Exception {
        open(TestStores.batchedManual());
        Path file = store.file();
        long crank = crank(store, () -> store.kv().set("answer", "42"));
        CompletableFuture<Long> durable = store.whenDurable(crank);
        CompletableFuture<String> seenBySqlite =
                durable.thenApply(c -> {
                    try {
                        return storedKv(file, "answer"); // runs on the flusher thread at completion
                    } catch (Exception e) {
                        throw new RuntimeException(e);
                    }
                });
        assertThat(durable).isNotDone();
        assertThat(storedKv(file, "answer")).isNull();

        listener.pauseAt(PausingFlushListener.Phase.AFTER_HAND_OVER);
        store.requestFlush();
        listener.awaitPaused();
        assertThat(durable).isNotDone();
        assertThat(storedKv(file, "answer")).isNull();
        assertThat(store.kv().get("answer")).isEqualTo("42"); // from the flushing set
        listener.pauseAt(PausingFlushListener.Phase.AFTER_COMMIT);
        listener.resume();
        listener.awaitPaused();
        assertThat(storedKv(file, "answer")).isEqualTo("42");
        assertThat(durable).isNotDone(); // completes after the batch is dropped
        listener.resume();
        assertThat(durable.get(30, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(crank);
        assertThat(seenBySqlite.get(30, TimeUnit.SECONDS)).isEqualTo("42");
        assertThat(store.durableCrank()).isGreaterThanOrEqualTo(crank);
        assertThat(store.whenDurable(crank)).isCompleted();
        assertThatThrownBy(() -> store.whenDurable(crank + 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has not been committed");
    }

    @Test
    void readsStayConsistentThroughEveryWindowOfACommitPoint() throws Exception {
        open(TestStores.batchedManual().withCleanCacheEntries(8));
        KVStore kv = store.kv();
        crank(store, () -> {
            for (int i = 0; i < 20; i++) {
                kv.set("s" + i, "stored" + i);
            }
        });
        store.flush();
        crank(store, () -> {
            kv.set("s1", "batch");
            kv.delete("s2");
            kv.set("n1", "batch");
        });
        Map<String, String> expected = new java.util.TreeMap<>(all(kv));
        listener.pauseAt(PausingFlushListener.Phase.AFTER_HAND_OVER);
        store.requestFlush();
        listener.awaitPaused();
        assertThat(all(kv)).isEqualTo(expected);
        // reads of keys outside the batch fill the cache from SQLite meanwhile
        for (int i = 0; i < 20; i++) {
            assertThat(kv.get("s" + i)).isEqualTo(expected.get("s" + i));
        }
        // the kernel goes on with new cranks while the flush is held
        crank(store, () -> {
            kv.set("s3", "next");
            kv.delete("n1");
        });
        expected.put("s3", "next");
        expected.remove("n1");
        assertThat(all(kv)).isEqualTo(expected);
        listener.pauseAt(PausingFlushListener.Phase.AFTER_COMMIT);
        listener.resume();
        listener.awaitPaused();
        for (int i = 0; i < 20; i++) {
            assertThat(kv.get("s" + i)).isEqualTo(expected.get("s" + i));
        }
        assertThat(kv.get("n1")).isNull();
        assertThat(all(kv)).isEqualTo(expected);
        listener.resume();
        store.flush();
        for (int i = 0; i < 20; i++) {
            assertThat(kv.get("s" + i)).isEqualTo(expected.get("s" + i));
        }
        assertThat(all(kv)).isEqualTo(expected);
    }

    @Test
    void readsSeeEveryBatchInTheFlushingChain() throws Exception {
        open(TestStores.batchedManual().withCleanCacheEntries(4));
        KVStore kv = store.kv();
        crank(store, () -> {
            for (int i = 0; i < 10; i++) {
                kv.set("k" + i, "stored");
            }
        });
        store.flush();
        // Batch A: written to SQLite, held before it is finished, so it is not yet dropped.
        crank(store, () -> {
            kv.set("k1", "A");
            kv.delete("k2");
            kv.set("a", "A");
        });
        listener.pauseAt(PausingFlushListener.Phase.AFTER_COMMIT);
        store.requestFlush();
        listener.awaitPaused();
        // Batch B: committed meanwhile, then handed over and held before it is written.
        long b = crank(store, () -> {
            kv.set("k1", "B");
            kv.set("k3", "B");
            kv.delete("a");
            kv.set("b", "B");
        });
        listener.pauseAt(PausingFlushListener.Phase.AFTER_HAND_OVER);
        store.requestFlush();
        listener.resume(); // A finishes; the flusher takes B and holds it
        listener.awaitPaused();
        Map<String, String> expected = new java.util.TreeMap<>();
        for (int i = 0; i < 10; i++) {
            expected.put("k" + i, "stored");
        }
        expected.put("k1", "B");
        expected.remove("k2");
        expected.put("k3", "B");
        expected.put("b", "B");
        for (String key : List.of("a", "b", "k0", "k1", "k2", "k3", "k9")) {
            assertThat(kv.get(key)).as(key).isEqualTo(expected.get(key));
        }
        assertThat(all(kv)).isEqualTo(expected);
        assertThat(kv.getNextKey("k1")).isEqualTo("k3");
        listener.resume();
        assertThat(store.whenDurable(b).get(30, TimeUnit.SECONDS)).isEqualTo(b);
        store.flush(); // drops both
        assertThat(all(kv)).isEqualTo(expected);
        for (String key : List.of("a", "b", "k0", "k1", "k2", "k3", "k9")) {
            assertThat(kv.get(key)).as(key).isEqualTo(expected.get(key));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jocap.store.TestStores#policies")
    void cachedEntriesNeverOutliveAFlushOfTheirKey(String name, StoreOptions options) {
        open(options.withCleanCacheEntries(16));
        KVStore kv = store.kv();
        crank(store, () -> kv.set("a", "1"));
        store.flush();
        assertThat(kv.get("a")).isEqualTo("1"); // cached
        assertThat(kv.get("b")).isNull(); // cached as absent
        crank(store, () -> {
            kv.set("a", "2");
            kv.set("b", "new");
        });
        store.flush();
        assertThat(kv.get("a")).isEqualTo("2");
        assertThat(kv.get("b")).isEqualTo("new");
        crank(store, () -> kv.delete("a"));
        store.flush();
        assertThat(kv.get("a")).isNull();
        assertThat(kv.has("a")).isFalse();
    }

    @Test
    void batchedCommitPointsHappenAfterMaxCranks() throws Exception {
        open(StoreOptions.batched(3, Duration.ofDays(1)));
        crank(store, () -> store.kv().set("a", "1"));
        long second = crank(store, () -> store.kv().set("a", "2"));
        assertThat(store.whenDurable(second)).isNotDone();
        long third = crank(store, () -> store.kv().set("a", "3"));
        assertThat(store.whenDurable(third).get(30, TimeUnit.SECONDS)).isEqualTo(third);
        assertThat(storedKv(store.file(), "a")).isEqualTo("3");
    }

    @Test
    void batchedCommitPointsHappenAfterMaxDelayEvenWhenTheKernelIsIdle() throws Exception {
        open(StoreOptions.batched(1000, Duration.ofMillis(20)));
        long crank = crank(store, () -> store.kv().set("a", "1"));
        assertThat(store.whenDurable(crank).get(30, TimeUnit.SECONDS)).isEqualTo(crank);
        assertThat(storedKv(store.file(), "a")).isEqualTo("1");
        assertThat(store.stats().flushCount()).isEqualTo(1);
    }

    @Test
    void aFullBacklogWaitsBehindTheFlushInProgress() throws Exception {
        open(StoreOptions.batched(1, Duration.ofDays(1))); // a backlog of WriteBack.BACKLOG cranks
        listener.pauseAt(PausingFlushListener.Phase.AFTER_HAND_OVER);
        CompletableFuture<Long> lastCommit = new CompletableFuture<>();
        java.util.concurrent.CountDownLatch heldFlush = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger committed = new java.util.concurrent.atomic.AtomicInteger();
        int backlog = WriteBack.BACKLOG;
        // The kernel thread for this test: the store is confined to it.
        Thread kernel =
                Thread.ofPlatform().start(() -> {
                    try {
                        store.whenDurable(crank(store, () -> store.kv().set("k0", "v"))); // somebody waits: handed over
                        heldFlush.await();
                        for (int i = 1; i <= backlog; i++) { // the next batch grows meanwhile
                            String key = "k" + i;
                            crank(store, () -> store.kv().set(key, "v"));
                            committed.incrementAndGet();
                        }
                        lastCommit.complete(crank(store, () -> store.kv().set("last", "v"))); // must wait
                    } catch (Throwable t) {
                        lastCommit.completeExceptionally(t);
                    }
                });
        listener.awaitPaused();
        heldFlush.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!(committed.get() == backlog && kernel.getState() == Thread.State.WAITING)
                && !lastCommit.isDone() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(committed.get()).as("cranks committed while the flush was held").isEqualTo(backlog);
        assertThat(lastCommit).isNotDone();
        listener.resume();
        assertThat(lastCommit.get(30, TimeUnit.SECONDS)).isEqualTo(backlog + 2);
        kernel.join();
        store.flush();
        assertThat(store.stats().flushCount()).isEqualTo(3); // [1] [2..backlog+1] [backlog+2]
    }

    @Test
    void aBatchReachingItsKeyBoundIsWrittenThoughNobodyWaits() throws Exception {
        open(TestStores.batchedManual()); // no crank bound, no delay: only the key bound applies
        int perCrank = WriteBack.MAX_BATCH_KEYS / 4;
        for (int c = 0; c < 3; c++) {
            int first = c * perCrank;
            crank(store, () -> {
                for (int i = first; i < first + perCrank; i++) {
                    store.kv().set("k" + i, "v");
                }
            });
        }
        Thread.sleep(200);
        assertThat(store.stats().flushCount()).as("below the bound").isZero();
        long last = crank(store, () -> {
            for (int i = 3 * perCrank; i < 4 * perCrank; i++) {
                store.kv().set("k" + i, "v");
            }
        });
        assertThat(store.whenDurable(last).get(30, TimeUnit.SECONDS)).isEqualTo(last);
        assertThat(store.stats().flushCount()).isEqualTo(1);
        assertThat(storedKv(store.file(), "k" + (WriteBack.MAX_BATCH_KEYS - 1))).isEqualTo("v");
    }

    @Test
    void statsCountCacheUseAndCommitPoints() {
        open(TestStores.batchedManual().withCleanCacheEntries(10));
        crank(store, () -> {
            for (int i = 0; i < 5; i++) {
                store.kv().set("k" + i, "v");
            }
        });
        StoreStats before = store.stats();
        assertThat(before.dirtyKeys()).isEqualTo(5);
        assertThat(before.lastCommittedCrank()).isEqualTo(1);
        assertThat(before.durableCrank()).isZero();
        store.flush();
        store.kv().get("k1"); // cached by the commit
        store.kv().get("absent"); // never written: the key filter answers before the cache
        store.kv().get("absent");
        store.beginCrank();
        store.kv().set("later", "v"); // the filter learns the key; the write is rolled back
        store.abortCrank();
        store.kv().get("later"); // a real miss (SQLite has no row), then remembered
        store.kv().get("later");
        StoreStats after = store.stats();
        assertThat(after.dirtyKeys()).isZero();
        assertThat(after.flushCount()).isEqualTo(1);
        assertThat(after.rowsFlushed()).isEqualTo(5);
        assertThat(after.durableCrank()).isEqualTo(1);
        assertThat(after.cacheHits()).isEqualTo(2);
        assertThat(after.cacheMisses()).as("only \"later\" reached the cache").isEqualTo(1);
        assertThat(after.filteredReads()).isEqualTo(2);
        assertThat(after.cacheEntries()).isEqualTo(6);
        assertThat(after.cacheCapacity()).isEqualTo(10);
        assertThat(after.lastFlushAt()).isNotNull();
    }

    /** A real SQLite error inside the commit point: a trigger that aborts the transaction. */
    private void installFailingTrigger() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + store.file());
                Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = 5000");
            s.execute(
                    "CREATE TRIGGER fail BEFORE INSERT ON kv WHEN NEW.key = 'boom'"
                            + " BEGIN SELECT RAISE(ABORT, 'simulated disk full'); END");
        }
    }

    @Test
    void aFailedCommitPointFailsTheStoreLoudly() throws Exception {
        open(TestStores.batchedManual());
        long good = crank(store, () -> store.kv().set("good", "1"));
        store.flush();
        installFailingTrigger();
        long bad = crank(store, () -> {
            store.kv().set("boom", "x");
            store.kv().set("other", "y");
        });
        CompletableFuture<Long> pending = store.whenDurable(bad);
        assertThatThrownBy(store::flush)
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("could not be written")
                .hasRootCauseMessage("[SQLITE_CONSTRAINT_TRIGGER] A RAISE function within a trigger fired, causing the SQL statement to abort (simulated disk full)");
        assertThatThrownBy(() -> pending.get(30, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(StoreException.class);
        assertThat(store.whenDurable(good)).isCompletedExceptionally();
        assertThatThrownBy(() -> store.kv().get("good")).isInstanceOf(StoreException.class);
        assertThatThrownBy(store::beginCrank)
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("simulated disk full");
        assertThat(store.durableCrank()).isEqualTo(good);
        Path file = store.file();
        assertThatThrownBy(store::close).isInstanceOf(StoreException.class);
        store = null;
        assertThat(storedKv(file, "good")).isEqualTo("1");
        assertThat(storedKv(file, "other")).isNull(); // the failed commit point left nothing behind
    }

    @Test
    void aFailedStrictCommitThrowsFromCommitCrank() throws Exception {
        open(TestStores.strict());
        crank(store, () -> store.kv().set("good", "1"));
        installFailingTrigger();
        store.beginCrank();
        store.kv().set("boom", "x");
        assertThatThrownBy(store::commitCrank)
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("simulated disk full");
        assertThat(store.inCrank()).isFalse();
        assertThatThrownBy(() -> store.kv().has("good")).isInstanceOf(StoreException.class);
        assertThat(store.durableCrank()).isEqualTo(1);
    }
}
