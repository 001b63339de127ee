package io.jocap.store;

import static io.jocap.store.TestStores.all;
import static io.jocap.store.TestStores.crank;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class CrankTransactionTest {
    private KernelStore store;

    private KVStore open(StoreOptions options) {
        store = KernelStore.openTemporary(options);
        return store.kv();
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    /** Committed base state: a=1, b=2, c=3 (flushed, so part of it is in SQLite). */
    private KVStore base(StoreOptions options) {
        KVStore kv = open(options);
        crank(store, () -> {
            kv.set("a", "1");
            kv.set("b", "2");
            kv.set("c", "3");
        });
        store.flush();
        return kv;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jocap.store.TestStores#policies")
    void rollbackUndoesSetsNewKeysAndDeletesAtEveryLevel(String name, StoreOptions options) {
        KVStore kv = base(options);
        store.beginCrank();
        kv.set("a", "1.0");
        store.savepoint("s1");
        kv.set("a", "1.1");
        kv.set("n1", "new1");
        kv.delete("b");
        store.savepoint("s2");
        kv.set("a", "1.2");
        kv.set("n2", "new2");
        kv.delete("c");
        kv.delete("n1");
        assertThat(all(kv)).containsExactly(Map.entry("a", "1.2"), Map.entry("n2", "new2"));

        store.rollbackTo("s2");
        assertThat(all(kv))
                .containsExactly(Map.entry("a", "1.1"), Map.entry("c", "3"), Map.entry("n1", "new1"));
        assertThat(kv.get("n2")).isNull();
        assertThat(kv.has("c")).isTrue();

        store.rollbackTo("s1");
        assertThat(all(kv))
                .containsExactly(Map.entry("a", "1.0"), Map.entry("b", "2"), Map.entry("c", "3"));
        assertThat(kv.has("n1")).isFalse();

        store.commitCrank();
        assertThat(all(kv))
                .containsExactly(Map.entry("a", "1.0"), Map.entry("b", "2"), Map.entry("c", "3"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jocap.store.TestStores#policies")
    void rollbackToOuterSavepointDropsInnerOnesAndKeepsItself(String name, StoreOptions options) {
        KVStore kv = base(options);
        store.beginCrank();
        store.savepoint("outer");
        kv.set("x", "1");
        store.savepoint("inner");
        kv.set("y", "2");
        store.rollbackTo("outer");
        assertThat(kv.has("x")).isFalse();
        assertThat(kv.has("y")).isFalse();
        assertThatThrownBy(() -> store.rollbackTo("inner"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no savepoint named 'inner'");
        // the savepoint survives its rollback, as in SQL
        kv.set("z", "3");
        store.rollbackTo("outer");
        assertThat(kv.has("z")).isFalse();
        kv.set("w", "4");
        store.commitCrank();
        assertThat(all(kv)).containsOnlyKeys("a", "b", "c", "w");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jocap.store.TestStores#policies")
    void releaseMergesIntoTheEnclosingLevel(String name, StoreOptions options) {
        KVStore kv = base(options);
        store.beginCrank();
        store.savepoint("outer");
        kv.set("a", "A");
        store.savepoint("inner");
        kv.delete("b");
        kv.set("d", "4");
        store.release("inner");
        assertThat(kv.get("d")).isEqualTo("4");
        assertThatThrownBy(() -> store.release("inner")).isInstanceOf(IllegalArgumentException.class);
        // the released writes now belong to "outer" and go with it
        store.rollbackTo("outer");
        assertThat(all(kv)).containsExactly(Map.entry("a", "1"), Map.entry("b", "2"), Map.entry("c", "3"));
        kv.set("e", "5");
        store.savepoint("again");
        kv.set("f", "6");
        store.release("outer"); // releases "again" too
        assertThatThrownBy(() -> store.rollbackTo("again")).isInstanceOf(IllegalArgumentException.class);
        store.commitCrank();
        assertThat(all(kv)).containsOnlyKeys("a", "b", "c", "e", "f");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jocap.store.TestStores#policies")
    void abortDropsEverythingOfTheCrank(String name, StoreOptions options) {
        KVStore kv = base(options);
        KVStore v1 = store.vatstore("v1");
        crank(store, () -> v1.set("k", "v"));
        store.beginCrank();
        kv.set("a", "changed");
        kv.set("new", "x");
        kv.delete("b");
        store.savepoint("sp");
        kv.delete("c");
        v1.set("k2", "v2");
        store.deleteVatstore("v1");
        store.abortCrank();
        assertThat(store.inCrank()).isFalse();
        assertThat(all(kv)).containsExactly(Map.entry("a", "1"), Map.entry("b", "2"), Map.entry("c", "3"));
        assertThat(all(v1)).containsExactly(Map.entry("k", "v"));
        store.flush();
        assertThat(all(kv)).containsExactly(Map.entry("a", "1"), Map.entry("b", "2"), Map.entry("c", "3"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jocap.store.TestStores#policies")
    void crankNumbersIncreaseAndAbortsDoNotUseOne(String name, StoreOptions options) {
        KVStore kv = open(options);
        long first = crank(store, () -> kv.set("a", "1"));
        store.beginCrank();
        store.abortCrank();
        long second = crank(store, () -> {});
        assertThat(first).isEqualTo(1);
        assertThat(second).isEqualTo(2);
        assertThat(store.lastCommittedCrank()).isEqualTo(2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jocap.store.TestStores#policies")
    void writesOutsideACrankAreRejectedButReadsAreNot(String name, StoreOptions options) {
        KVStore kv = base(options);
        assertThat(kv.get("a")).isEqualTo("1");
        assertThatThrownBy(() -> kv.set("a", "2"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("set outside a crank")
                .hasMessageContaining("beginCrank()");
        assertThatThrownBy(() -> kv.delete("a")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.deleteVatstore("v1")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.savepoint("s")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.commitCrank()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.abortCrank()).isInstanceOf(IllegalStateException.class);
        store.beginCrank();
        assertThatThrownBy(() -> store.beginCrank())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already in progress");
        store.abortCrank();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1abc", "a-b", "a b", "ä", "x;DROP", "abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcde"})
    void badSavepointNamesAreRejectedClearly(String bad) {
        open(TestStores.strict());
        store.beginCrank();
        assertThatThrownBy(() -> store.savepoint(bad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid savepoint name")
                .hasMessageContaining("[A-Za-z_][A-Za-z0-9_]{0,63}");
        store.abortCrank();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "_", "t0", "receive_r1_42", "A_b_9", "abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcd"})
    void goodSavepointNamesAreAccepted(String good) {
        open(TestStores.strict());
        store.beginCrank();
        store.savepoint(good);
        store.release(good);
        store.abortCrank();
    }

    @org.junit.jupiter.api.Test
    void duplicateAndUnknownSavepointsAreRejected() {
        open(TestStores.strict());
        store.beginCrank();
        store.savepoint("s");
        assertThatThrownBy(() -> store.savepoint("s"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("already exists");
        assertThatThrownBy(() -> store.rollbackTo("nope"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no savepoint named 'nope'")
                .hasMessageContaining("open: [s]");
        assertThatThrownBy(() -> store.savepoint(null)).isInstanceOf(IllegalArgumentException.class);
        store.abortCrank();
    }

    @org.junit.jupiter.api.Test
    void badKeysAndValuesAreRejectedClearly() {
        KVStore kv = open(TestStores.strict());
        store.beginCrank();
        assertThatThrownBy(() -> kv.set(null, "v")).hasMessage("key must not be null");
        assertThatThrownBy(() -> kv.set("", "v")).hasMessage("key must not be empty");
        assertThatThrownBy(() -> kv.get("")).hasMessage("key must not be empty");
        assertThatThrownBy(() -> kv.has(null)).hasMessage("key must not be null");
        assertThatThrownBy(() -> kv.delete("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> kv.set("k", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("value for key 'k' must not be null");
        assertThatThrownBy(() -> kv.set("bad\uD800", "v"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unpaired surrogate U+D800 at index 3");
        assertThatThrownBy(() -> kv.set("k", "\uDC00x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("value for key 'k' contains an unpaired surrogate");
        assertThatThrownBy(() -> store.vatstore("")).hasMessage("vat id must not be empty");
        assertThatThrownBy(() -> kv.prefix(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> kv.getNextKey(null)).isInstanceOf(IllegalArgumentException.class);
        // nothing of the above was written
        store.commitCrank();
        assertThat(all(kv)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void unusualButWellFormedKeysAndValuesRoundTrip(@TempDir Path dir) {
        Path file = dir.resolve("store.sqlite");
        String[] keys = {"nul\0inside", "emoji\uD83D\uDE00", "\uFFFF", "\u00e9t\u00e9", " "};
        try (KernelStore s = KernelStore.open(file, TestStores.strict())) {
            crank(s, () -> {
                for (String k : keys) {
                    s.kv().set(k, "v:" + k);
                }
                s.kv().set("empty", "");
            });
        }
        try (KernelStore s = KernelStore.open(file, TestStores.strict())) {
            for (String k : keys) {
                assertThat(s.kv().get(k)).isEqualTo("v:" + k);
            }
            assertThat(s.kv().get("empty")).isEmpty();
            // code point order: U+FFFF sorts before the supplementary character (as SQLite sorts)
            assertThat(all(s.kv()).keySet())
                    .containsExactly(" ", "emoji\uD83D\uDE00", "empty", "nul\0inside", "\u00e9t\u00e9", "\uFFFF");
        }
    }

    @Test
    void inCrankCommitsWhatReturnsAndAbortsWhatThrows() {
        KVStore kv = open(TestStores.strict());
        assertThat(store.inCrank(() -> {
            kv.set("kept", "1");
            return "done";
        })).isEqualTo("done");
        long before = store.lastCommittedCrank();

        assertThatThrownBy(() -> store.inCrank(() -> {
            kv.set("lost", "1");
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class).hasMessage("boom");

        assertThat(kv.get("kept")).isEqualTo("1");
        assertThat(kv.get("lost")).isNull();
        assertThat(store.inCrank()).isFalse();
        assertThat(store.lastCommittedCrank()).isEqualTo(before);
    }
}
