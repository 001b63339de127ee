package io.jocap.store;

import static io.jocap.store.TestStores.all;
import static io.jocap.store.TestStores.contents;
import static io.jocap.store.TestStores.crank;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class IterationTest {
    private KernelStore store;
    private final PausingFlushListener listener = new PausingFlushListener();

    @AfterEach
    void close() {
        if (store != null) {
            listener.pauseAt(PausingFlushListener.Phase.NONE);
            store.close();
        }
    }

    private KVStore open(StoreOptions options) {
        store = KernelStore.openTemporary(options, listener);
        return store.kv();
    }

    /**
     * Puts data in every layer: SQLite (k0x), the flushing set (k1x, plus deletes/overwrites of
     * k0x), the dirty set (k2x, ...), the overlay (k3x, ...). In strict mode there is no flushing or
     * dirty set, so the same writes simply land in SQLite.
     */
    private TreeMap<String, String> layered(StoreOptions options) throws InterruptedException {
        KVStore kv = open(options);
        TreeMap<String, String> expected = new TreeMap<>(KeyOrder.COMPARATOR);
        crank(store, () -> {
            for (int i = 0; i < 10; i++) {
                kv.set("k0" + i, "sqlite" + i);
            }
        });
        store.flush();
        for (int i = 0; i < 10; i++) {
            expected.put("k0" + i, "sqlite" + i);
        }
        boolean batched = options.policy() instanceof CommitPolicy.Batched;
        if (batched) {
            listener.pauseAt(PausingFlushListener.Phase.AFTER_HAND_OVER);
        }
        crank(store, () -> {
            for (int i = 0; i < 10; i += 2) {
                kv.set("k1" + i, "flushing" + i);
            }
            kv.delete("k01");
            kv.set("k02", "flushing-over");
        });
        if (batched) {
            store.requestFlush();
            listener.awaitPaused(); // the flusher now holds that crank's writes in the flushing set
        }
        for (int i = 0; i < 10; i += 2) {
            expected.put("k1" + i, "flushing" + i);
        }
        expected.remove("k01");
        expected.put("k02", "flushing-over");
        crank(store, () -> {
            kv.set("k25", "dirty");
            kv.delete("k03");
            kv.delete("k12");
            kv.set("k14", "dirty-over");
        });
        expected.put("k25", "dirty");
        expected.remove("k03");
        expected.remove("k12");
        expected.put("k14", "dirty-over");
        store.beginCrank();
        kv.set("k35", "overlay");
        kv.set("k00", "overlay-over");
        kv.delete("k04");
        kv.delete("k25");
        kv.delete("k16");
        expected.put("k35", "overlay");
        expected.put("k00", "overlay-over");
        expected.remove("k04");
        expected.remove("k25");
        expected.remove("k16");
        return expected;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jocap.store.TestStores#policies")
    void iterationMergesAllLayersInOrderAndHidesDeletes(String name, StoreOptions options)
            throws InterruptedException {
        TreeMap<String, String> expected = layered(options);
        KVStore kv = store.kv();
        assertThat(all(kv)).containsExactlyEntriesOf(expected);
        assertThat(contents(kv.prefix("k1"))).containsExactlyEntriesOf(expected.subMap("k1", "k2"));
        assertThat(contents(kv.range("k02", "k18"))).containsExactlyEntriesOf(expected.subMap("k02", "k18"));
        assertThat(contents(kv.range("k18", "k02"))).isEmpty();
        assertThat(contents(kv.range(null, "k05"))).containsExactlyEntriesOf(expected.headMap("k05"));
        assertThat(contents(kv.range("k15", null))).containsExactlyEntriesOf(expected.tailMap("k15"));
        for (String probe : List.of("", "k", "k0", "k00", "k01", "k03", "k099", "k16", "k2", "k35", "z")) {
            assertThat(kv.getNextKey(probe)).as("getNextKey(%s)", probe).isEqualTo(expected.higherKey(probe));
        }
        for (String key : List.of("k00", "k01", "k02", "k03", "k04", "k05", "k10", "k12", "k14", "k16", "k25", "k35")) {
            assertThat(kv.get(key)).as(key).isEqualTo(expected.get(key));
            assertThat(kv.has(key)).as(key).isEqualTo(expected.containsKey(key));
        }
        // After the crank commits and everything is flushed, SQLite alone gives the same answers.
        store.commitCrank();
        listener.resume();
        store.flush();
        assertThat(all(kv)).containsExactlyEntriesOf(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jocap.store.TestStores#policies")
    void iterationToleratesWritesWhileIterating(String name, StoreOptions options) {
        KVStore kv = open(options);
        crank(store, () -> {
            for (int i = 0; i < 2000; i++) {
                kv.set(String.format("q%05d", i), "v" + i);
            }
        });
        store.flush();
        store.beginCrank();
        List<String> seen = new ArrayList<>();
        for (Map.Entry<String, String> e : kv.prefix("q")) {
            seen.add(e.getKey());
            int i = Integer.parseInt(e.getKey().substring(1));
            kv.delete(e.getKey()); // delete what we visit
            if (i % 2 == 0) {
                kv.delete(String.format("q%05d", i + 1)); // delete the next one before we reach it
            }
            if (i < 100) {
                kv.set(String.format("q%05d", i + 5000), "added"); // ahead of the cursor: seen
            }
            kv.set(String.format("p%05d", i), "behind"); // behind the range: not seen
        }
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 2000; i += 2) {
            expected.add(String.format("q%05d", i));
        }
        for (int i = 0; i < 100; i += 2) {
            expected.add(String.format("q%05d", i + 5000));
        }
        assertThat(seen).containsExactlyElementsOf(expected);
        store.commitCrank();
        assertThat(contents(kv.prefix("q"))).isEmpty();
        assertThat(contents(kv.prefix("p"))).hasSize(1050);
    }

    @Test
    void iteratorSurvivesACommitPointBetweenPages() throws InterruptedException {
        KVStore kv = open(TestStores.batchedManual());
        crank(store, () -> {
            for (int i = 0; i < 300; i++) {
                kv.set(String.format("r%04d", i), "old");
            }
        });
        store.flush();
        Iterator<Map.Entry<String, String>> it = kv.prefix("r").iterator();
        List<Map.Entry<String, String>> seen = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            seen.add(it.next()); // the cursor now holds a page read from SQLite
        }
        // Rewrite everything ahead of the cursor and delete some, then flush: the batch leaves memory
        // and SQLite changes under the cursor's page.
        crank(store, () -> {
            for (int i = 40; i < 300; i++) {
                if (i % 3 == 0) {
                    kv.delete(String.format("r%04d", i));
                } else {
                    kv.set(String.format("r%04d", i), "new");
                }
            }
        });
        store.flush();
        it.forEachRemaining(seen::add);
        long deleted = java.util.stream.IntStream.range(40, 300).filter(i -> i % 3 == 0).count();
        assertThat(seen).hasSize((int) (300 - deleted));
        assertThat(seen.subList(40, seen.size())).allSatisfy(e -> assertThat(e.getValue()).isEqualTo("new"));
    }

    @Test
    void largeRangesArePagedAndComplete() {
        KVStore kv = open(TestStores.batchedManual());
        crank(store, () -> {
            for (int i = 0; i < 5000; i++) {
                kv.set(String.format("big.%06d", i), Integer.toString(i));
            }
        });
        store.flush();
        int n = 0;
        for (Map.Entry<String, String> e : kv.prefix("big.")) {
            assertThat(e.getValue()).isEqualTo(Integer.toString(n));
            n++;
        }
        assertThat(n).isEqualTo(5000);
    }

    @Test
    void orderIsCodePointOrderEverywhere() {
        KVStore kv = open(TestStores.batchedManual());
        String supplementary = "x\uD83D\uDE00"; // U+1F600, sorts after U+FFFF in UTF-8 order
        String bmpHigh = "x\uFFFD";
        String ascii = "x~";
        crank(store, () -> kv.set(supplementary, "stored"));
        store.flush();
        crank(store, () -> kv.set(ascii, "dirty"));
        store.beginCrank();
        kv.set(bmpHigh, "overlay");
        assertThat(all(kv).keySet()).containsExactly(ascii, bmpHigh, supplementary);
        assertThat(kv.getNextKey(bmpHigh)).isEqualTo(supplementary);
        assertThat(contents(kv.prefix("x")).keySet()).containsExactly(ascii, bmpHigh, supplementary);
        assertThatThrownBy(() -> kv.prefix("x\uD83D")).isInstanceOf(IllegalArgumentException.class);
        store.commitCrank();
    }
}
