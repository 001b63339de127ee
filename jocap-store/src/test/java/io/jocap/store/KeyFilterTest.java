package io.jocap.store;

import static io.jocap.store.TestStores.crank;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFilterTest {
    @TempDir Path dir;

    @Test
    void everyAddedKeyIsMaybeAndFewOthersAre() {
        KeyFilter filter = new KeyFilter(KeyFilter.MIN_CAPACITY);
        long kv = KeyFilter.seed(null);
        for (int i = 0; i < KeyFilter.MIN_CAPACITY; i++) {
            filter.add(kv, "kp" + i + ".s");
        }
        for (int i = 0; i < KeyFilter.MIN_CAPACITY; i++) {
            assertThat(filter.mightContain(kv, "kp" + i + ".s")).as("kp%d.s", i).isTrue();
        }
        int falsePositives = 0;
        int probes = 100_000;
        for (int i = 0; i < probes; i++) {
            if (filter.mightContain(kv, "kp" + i + ".c")) {
                falsePositives++;
            }
        }
        assertThat(falsePositives).as("false positives at capacity").isLessThan(probes / 50);
        assertThat(filter.saturated()).isFalse();
        for (int i = 0; i < 1_000; i++) {
            filter.add(kv, "more" + i); // a few are false positives and do not count
        }
        assertThat(filter.saturated()).isTrue();
    }

    /** Only keys the filter had certainly not seen count as added: rewriting a key is free. */
    @Test
    void addSaysWhetherTheKeyIsNew() {
        KeyFilter filter = new KeyFilter(KeyFilter.MIN_CAPACITY);
        long kv = KeyFilter.seed(null);
        assertThat(filter.add(kv, "counter")).isTrue();
        for (int i = 0; i < 2 * KeyFilter.MIN_CAPACITY; i++) {
            assertThat(filter.add(kv, "counter")).isFalse();
        }
        assertThat(filter.saturated()).as("one key rewritten many times").isFalse();
    }

    @Test
    void spacesAreKeptApart() {
        KeyFilter filter = new KeyFilter(KeyFilter.MIN_CAPACITY);
        filter.add(KeyFilter.seed("v1"), "key");
        assertThat(filter.mightContain(KeyFilter.seed("v1"), "key")).isTrue();
        assertThat(filter.mightContain(KeyFilter.seed(null), "key")).isFalse();
        assertThat(filter.mightContain(KeyFilter.seed("v2"), "key")).isFalse();
    }

    /** Rows written behind the store's back (or by an earlier run) are found: the filter is built from SQLite. */
    @Test
    void rowsAlreadyInTheFileAreReadAfterOpen() throws Exception {
        Path file = dir.resolve("store.sqlite");
        try (KernelStore s = KernelStore.open(file, StoreOptions.strict())) {
            crank(s, () -> s.kv().set("created", "yes"));
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO kv(key, value) VALUES ('outside', '1')");
            st.executeUpdate("INSERT INTO vatstore(vat, key, value) VALUES ('v9', 'k', '2')");
        }
        try (KernelStore s = KernelStore.open(file, StoreOptions.strict())) {
            assertThat(s.kv().get("outside")).isEqualTo("1");
            assertThat(s.vatstore("v9").get("k")).isEqualTo("2");
            assertThat(s.kv().get("created")).isEqualTo("yes");
            assertThat(s.kv().get("never")).isNull();
            assertThat(s.stats().filteredReads()).isEqualTo(1);
        }
    }

    /**
     * Past its capacity the filter is rebuilt from SQLite's keys and the batches still in memory,
     * without waiting for a flush; nothing written is lost, deleted keys stay gone.
     */
    @Test
    void saturatedFilterIsRebuiltWithoutLosingKeys() {
        int keys = KeyFilter.MIN_CAPACITY / 2 + 5_000;
        try (KernelStore s = KernelStore.open(dir.resolve("big.sqlite"),
                StoreOptions.batched(Integer.MAX_VALUE, java.time.Duration.ofDays(1)).withCleanCacheEntries(16))) {
            crank(s, () -> s.kv().set("early", "flushed"));
            s.flush(); // one key in SQLite, the rest only in memory when the rebuild comes
            for (int from = 0; from < keys; from += 5_000) {
                int start = from;
                crank(s, () -> {
                    for (int i = start; i < Math.min(keys, start + 5_000); i++) {
                        s.kv().set("k" + i, Integer.toString(i));
                        s.vatstore("v1").set("d" + i, "x");
                    }
                });
            }
            crank(s, () -> s.kv().delete("k7"));
            crank(s, () -> s.kv().set("after", "rebuild"));
            // 2 x 37,768 new keys saturate a filter sized for 65,536: a rebuild ran at the start
            // of a crank, sized for twice the keys then in SQLite and in memory, without a flush
            assertThat(s.filterCapacity()).as("rebuilt capacity").isGreaterThan(KeyFilter.MIN_CAPACITY);
            assertThat(s.stats().flushCount()).as("flushes").isEqualTo(1);
            assertThat(s.kv().get("early")).isEqualTo("flushed");
            for (int i = 0; i < keys; i += 997) {
                assertThat(s.kv().get("k" + i)).as("k%d", i).isEqualTo(i == 7 ? null : Integer.toString(i));
                assertThat(s.vatstore("v1").get("d" + i)).isEqualTo("x");
            }
            assertThat(s.kv().get("k7")).isNull();
            assertThat(s.kv().get("after")).isEqualTo("rebuild");
            long filtered = s.stats().filteredReads();
            assertThat(s.kv().get("k" + (keys + 1))).isNull();
            assertThat(s.stats().filteredReads()).as("the rebuilt filter still answers").isEqualTo(filtered + 1);
            s.flush();
        }
        try (KernelStore s = KernelStore.open(dir.resolve("big.sqlite"), StoreOptions.strict())) {
            assertThat(s.kv().get("k" + (keys - 1))).isEqualTo(Integer.toString(keys - 1));
            assertThat(s.kv().get("k7")).isNull();
        }
    }
}
