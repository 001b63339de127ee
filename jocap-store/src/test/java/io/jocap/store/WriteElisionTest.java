package io.jocap.store;

import static io.jocap.store.TestStores.all;
import static io.jocap.store.TestStores.crank;
import static io.jocap.store.TestStores.storedKv;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A key made and deleted between two commit points costs no SQLite row; a key that may have a
 * row (written before, or one the key filter could not vouch for) still gets its DELETE.
 */
class WriteElisionTest {
    @TempDir Path dir;
    private KernelStore store;

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    private KernelStore open() {
        store = KernelStore.open(dir.resolve("store.sqlite"), TestStores.batchedManual(), FlushListener.NONE, false);
        return store;
    }

    private long rowsOfNextFlush() {
        long before = store.stats().rowsFlushed();
        store.flush();
        return store.stats().rowsFlushed() - before;
    }

    @Test
    void madeAndDeletedInOneCrankWritesNothing() {
        open();
        crank(store, () -> {
            store.kv().set("kp1.s", "unresolved");
            store.kv().delete("kp1.s");
            store.kv().set("kept", "1");
        });
        assertThat(store.stats().dirtyKeys()).as("a fresh key deleted leaves nothing in the batch").isEqualTo(1);
        assertThat(rowsOfNextFlush()).isEqualTo(1);
        assertThat(store.kv().get("kp1.s")).isNull();
        assertThat(all(store.kv())).isEqualTo(Map.of("kept", "1"));
    }

    @Test
    void madeInOneCrankAndDeletedInALaterOneOfTheSameBatchWritesNothing() throws Exception {
        open();
        crank(store, () -> store.kv().set("kp1.s", "unresolved"));
        crank(store, () -> store.kv().set("kp1.s", "fulfilled")); // an update keeps the key fresh
        assertThat(store.kv().get("kp1.s")).isEqualTo("fulfilled");
        crank(store, () -> store.kv().delete("kp1.s"));
        assertThat(store.kv().get("kp1.s")).isNull();
        assertThat(rowsOfNextFlush()).isZero();
        assertThat(store.kv().get("kp1.s")).isNull();
        assertThat(storedKv(store.file(), "kp1.s")).isNull();
    }

    @Test
    void aKeyAlreadyInSqliteGetsItsDelete() throws Exception {
        open();
        crank(store, () -> store.kv().set("ko1.o", "v1"));
        assertThat(rowsOfNextFlush()).isEqualTo(1);
        crank(store, () -> store.kv().set("ko1.o", "v2"));
        crank(store, () -> store.kv().delete("ko1.o"));
        assertThat(rowsOfNextFlush()).isEqualTo(1);
        assertThat(storedKv(store.file(), "ko1.o")).isNull();
        assertThat(store.kv().get("ko1.o")).isNull();
    }

    @Test
    void aKeyRemadeAfterItsDeleteIsWrittenAgain() throws Exception {
        open();
        crank(store, () -> store.kv().set("k", "1"));
        crank(store, () -> store.kv().delete("k"));
        crank(store, () -> store.kv().set("k", "2")); // the filter knows it now: not fresh, but absent below
        assertThat(rowsOfNextFlush()).isEqualTo(1);
        assertThat(storedKv(store.file(), "k")).isEqualTo("2");
    }

    @Test
    void aRolledBackDeleteKeepsTheFreshKey() throws Exception {
        open();
        crank(store, () -> store.kv().set("k", "1"));
        store.beginCrank();
        store.savepoint("s");
        store.kv().delete("k");
        store.rollbackTo("s");
        store.commitCrank();
        assertThat(store.kv().get("k")).isEqualTo("1");
        store.beginCrank();
        store.kv().delete("k");
        store.abortCrank();
        assertThat(rowsOfNextFlush()).isEqualTo(1);
        assertThat(storedKv(store.file(), "k")).isEqualTo("1");
    }

    @Test
    void aFreshKeyInAHandedOverBatchIsDeletedByRow() throws Exception {
        open();
        crank(store, () -> store.kv().set("k", "1"));
        store.flush();
        crank(store, () -> store.kv().delete("k"));
        assertThat(rowsOfNextFlush()).isEqualTo(1);
        assertThat(storedKv(store.file(), "k")).isNull();
    }

    @Test
    void vatstoreKeysAreElidedToo() {
        open();
        crank(store, () -> store.vatstore("v1").set("vc.1", "x"));
        crank(store, () -> store.vatstore("v1").delete("vc.1"));
        assertThat(rowsOfNextFlush()).isZero();
        assertThat(all(store.vatstore("v1"))).isEmpty();
    }

    @Test
    void deletingAKeyNeverWrittenWritesNothing() {
        open();
        crank(store, () -> store.kv().delete("kp9.b"));
        assertThat(store.stats().filteredReads()).as("a delete is no read the filter saved").isZero();
        assertThat(rowsOfNextFlush()).isZero();
        assertThat(store.kv().get("kp9.b")).isNull(); // the tombstone, remembered by the clean cache
    }

    @Test
    void deletingAKeyAlreadyDeletedWritesNothingMore() throws Exception {
        open();
        crank(store, () -> store.kv().set("kp1.b", "v2"));
        store.flush();
        crank(store, () -> store.kv().delete("kp1.b")); // a real DELETE: SQLite has the row
        crank(store, () -> store.kv().delete("kp1.b")); // known absent: nothing more
        assertThat(rowsOfNextFlush()).isEqualTo(1);
        crank(store, () -> store.kv().delete("kp1.b")); // remembered absent by the clean cache
        assertThat(rowsOfNextFlush()).isZero();
        assertThat(storedKv(store.file(), "kp1.b")).isNull();
    }
}
