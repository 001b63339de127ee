package io.jocap.store;

import static io.jocap.store.TestStores.all;
import static io.jocap.store.TestStores.crank;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class VatstoreTest {
    private KernelStore store;

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jocap.store.TestStores#policies")
    void vatstoresAreIsolatedFromEachOtherAndFromKv(String name, StoreOptions options) {
        store = KernelStore.openTemporary(options);
        KVStore v1 = store.vatstore("v1");
        KVStore v2 = store.vatstore("v2");
        KVStore kv = store.kv();
        crank(store, () -> {
            v1.set("k", "one");
            v2.set("k", "two");
            kv.set("k", "kernel");
            v1.set("only1", "x");
        });
        store.flush();
        assertThat(v1.get("k")).isEqualTo("one");
        assertThat(v2.get("k")).isEqualTo("two");
        assertThat(kv.get("k")).isEqualTo("kernel");
        assertThat(v2.has("only1")).isFalse();
        assertThat(kv.has("only1")).isFalse();
        assertThat(all(v1)).containsExactly(Map.entry("k", "one"), Map.entry("only1", "x"));
        assertThat(all(v2)).containsExactly(Map.entry("k", "two"));
        assertThat(v2.getNextKey("k")).isNull();
        assertThat(store.vatstore("v1")).isSameAs(v1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jocap.store.TestStores#policies")
    void vatstoreWritesCommitAndRollBackWithTheCrank(String name, StoreOptions options) {
        store = KernelStore.openTemporary(options);
        KVStore v1 = store.vatstore("v1");
        store.beginCrank();
        v1.set("a", "1");
        store.kv().set("x", "1");
        store.abortCrank();
        assertThat(v1.has("a")).isFalse();
        store.beginCrank();
        v1.set("a", "1");
        store.savepoint("delivery");
        v1.set("b", "2");
        v1.delete("a");
        store.rollbackTo("delivery");
        store.commitCrank();
        store.flush();
        assertThat(all(v1)).containsExactly(Map.entry("a", "1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jocap.store.TestStores#policies")
    void deleteVatstoreRemovesEveryKeyOfThatVatOnly(String name, StoreOptions options) {
        store = KernelStore.openTemporary(options);
        KVStore v1 = store.vatstore("v1");
        KVStore v2 = store.vatstore("v2");
        crank(store, () -> {
            for (int i = 0; i < 100; i++) {
                v1.set("stored" + i, "x");
                v2.set("stored" + i, "y");
            }
        });
        store.flush();
        crank(store, () -> v1.set("dirty", "x"));
        v1.get("stored7"); // cached
        store.beginCrank();
        v1.set("early", "gone with the delete");
        store.deleteVatstore("v1");
        assertThat(v1.has("stored7")).isFalse();
        assertThat(v1.has("dirty")).isFalse();
        assertThat(all(v1)).isEmpty();
        v1.set("after", "kept");
        assertThat(all(v1)).containsExactly(Map.entry("after", "kept"));
        store.commitCrank();
        assertThat(all(v1)).containsExactly(Map.entry("after", "kept"));
        assertThat(v1.get("stored7")).isNull();
        assertThat(all(v2)).hasSize(100);
        store.flush();
        assertThat(all(v1)).containsExactly(Map.entry("after", "kept"));
        assertThat(v1.get("stored7")).isNull();
        assertThat(v1.getNextKey("")).isEqualTo("after");
        assertThat(all(v2)).hasSize(100);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jocap.store.TestStores#policies")
    void deleteVatstoreIsUndoneByRollback(String name, StoreOptions options) {
        store = KernelStore.openTemporary(options);
        KVStore v1 = store.vatstore("v1");
        crank(store, () -> {
            v1.set("a", "1");
            v1.set("b", "2");
        });
        store.beginCrank();
        v1.set("c", "3");
        store.savepoint("s");
        v1.set("d", "4");
        store.deleteVatstore("v1");
        v1.set("e", "5");
        assertThat(all(v1)).containsExactly(Map.entry("e", "5"));
        store.rollbackTo("s");
        assertThat(all(v1)).containsExactly(Map.entry("a", "1"), Map.entry("b", "2"), Map.entry("c", "3"));
        store.commitCrank();
        store.flush();
        assertThat(all(v1)).containsExactly(Map.entry("a", "1"), Map.entry("b", "2"), Map.entry("c", "3"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jocap.store.TestStores#policies")
    void deletedVatstoreStaysDeletedAfterReopen(String name, StoreOptions options, @TempDir Path dir) {
        Path file = dir.resolve("s.sqlite");
        try (KernelStore s = KernelStore.open(file, options)) {
            crank(s, () -> {
                s.vatstore("v1").set("a", "1");
                s.vatstore("v2").set("a", "2");
            });
            s.flush();
            crank(s, () -> s.deleteVatstore("v1"));
        }
        try (KernelStore s = KernelStore.open(file, options)) {
            assertThat(all(s.vatstore("v1"))).isEmpty();
            assertThat(all(s.vatstore("v2"))).containsExactly(Map.entry("a", "2"));
        }
    }
}
