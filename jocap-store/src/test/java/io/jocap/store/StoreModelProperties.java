package io.jocap.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jocap.testkit.Gen;
import io.jocap.testkit.PropertyCheck;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Random sequences of crank operations, flushes and reopens, compared after every step with a
 * simple model: a TreeMap per key space, a working copy during a crank and a stack of snapshots
 * for savepoints. Runs with every commit policy and a 4-entry clean cache, so eviction, automatic
 * commit points racing with reads, and SQLite paging are all exercised.
 */
class StoreModelProperties {
    enum Policy {
        STRICT(StoreOptions.strict()),
        BATCHED_BUSY(StoreOptions.batched(3, Duration.ofMillis(1))),
        BATCHED_MANUAL(StoreOptions.batched(Integer.MAX_VALUE, Duration.ofDays(1)));

        final StoreOptions options;

        Policy(StoreOptions options) {
            this.options = options.withCleanCacheEntries(4);
        }
    }

    static final List<String> SPACES = List.of("kv", "v1", "v2");
    // Includes keys where code point order and UTF-16 order disagree, and prefixes of each other.
    static final List<String> KEYS =
            List.of("a", "aa", "ab", "b", "b\u0000", "ba", "c", "\uFFFD", "\uD83D\uDE00", "\uD83D\uDE01x");
    static final List<String> NAMES = List.of("s0", "s1", "s2");

    sealed interface Op {}

    record Begin() implements Op {}

    record Set(String space, String key, String value) implements Op {}

    record Delete(String space, String key) implements Op {}

    record DeleteVatstore(String vat) implements Op {}

    record Savepoint(String name) implements Op {}

    record RollbackTo(String name) implements Op {}

    record Release(String name) implements Op {}

    record Commit() implements Op {}

    record Abort() implements Op {}

    record Flush() implements Op {}

    record Reopen() implements Op {}

    /** Point reads of one key: get, has, getNextKey. */
    record Read(String space, String key) implements Op {}

    /**
     * Iterates a space, applying {@code writes[i]} after the i-th entry (when in a crank) and
     * flushing after entry {@code flushAt}: each step must return the smallest key after the
     * previous one in the state at that moment.
     */
    record Scan(String space, List<Op> writes, int flushAt) implements Op {}

    @Test
    void strictStoreAgreesWithTheModel() {
        PropertyCheck.forAll("strict store == model", 150, operations(), ops -> run(Policy.STRICT, ops));
    }

    @Test
    void batchedStoreWithFrequentCommitPointsAgreesWithTheModel() {
        PropertyCheck.forAll("batched store (frequent commit points) == model", 150, operations(),
                ops -> run(Policy.BATCHED_BUSY, ops));
    }

    @Test
    void batchedStoreWithRequestedCommitPointsAgreesWithTheModel() {
        PropertyCheck.forAll("batched store (requested commit points) == model", 150, operations(),
                ops -> run(Policy.BATCHED_MANUAL, ops));
    }

    private void run(Policy policy, List<Op> operations) {
        try {
            runOnFreshFile(policy, operations);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void runOnFreshFile(Policy policy, List<Op> operations) throws IOException {
        Path dir = Files.createTempDirectory("jocap-model-");
        Path file = dir.resolve("model.sqlite");
        Model model = new Model();
        KernelStore store = KernelStore.open(file, policy.options);
        try {
            for (Op op : operations) {
                store = apply(op, store, model, file, policy.options);
                compareContents(store, model);
                if (op instanceof Flush || op instanceof Reopen) {
                    compareEverything(store, model);
                }
            }
        } finally {
            store.close();
            try (Stream<Path> files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    static Gen<List<Op>> operations() {
        Gen<String> space = Gen.oneOf(SPACES.toArray(String[]::new));
        Gen<String> vat = Gen.oneOf("v1", "v2");
        // Half the accesses go to three hot keys, so that cached entries get written and flushed
        // while still cached (the case where a stale cache entry would show).
        Gen<String> key = Gen.frequency(
                Gen.weight(1, Gen.oneOf("a", "b", "\uD83D\uDE00")), Gen.weight(1, Gen.oneOf(KEYS.toArray(String[]::new))));
        Gen<String> value = Gen.oneOf("1", "2", "3", "", "long value \uD83D\uDE00");
        Gen<String> name = Gen.oneOf(NAMES.toArray(String[]::new));
        Gen<Op> set = (r, s) -> new Set(space.next(r, s), key.next(r, s), value.next(r, s));
        Gen<Op> delete = (r, s) -> new Delete(space.next(r, s), key.next(r, s));
        Gen<Op> write = Gen.anyOf(set, delete);
        Gen<List<Op>> writes = Gen.listOf(write, 6);
        Gen<Op> scan = (r, s) -> new Scan(space.next(r, s), writes.next(r, s), r.nextInt(-1, 4));
        Gen<Op> op = Gen.frequency(
                Gen.weight(20, (r, s) -> new Read(space.next(r, s), key.next(r, s))),
                Gen.weight(8, scan),
                Gen.weight(6, Gen.constant(new Begin())),
                Gen.weight(30, set),
                Gen.weight(12, delete),
                Gen.weight(4, vat.map(DeleteVatstore::new)),
                Gen.weight(5, name.map(Savepoint::new)),
                Gen.weight(4, name.map(RollbackTo::new)),
                Gen.weight(3, name.map(Release::new)),
                Gen.weight(7, Gen.constant(new Commit())),
                Gen.weight(2, Gen.constant(new Abort())),
                Gen.weight(3, Gen.constant(new Flush())),
                Gen.weight(1, Gen.constant(new Reopen())));
        // 1 to 80 operations, growing with the size of the try.
        return (r, s) -> {
            int n = 1 + r.nextInt(Math.max(1, Math.min(80, s * 80 / PropertyCheck.MAX_SIZE)));
            List<Op> ops = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                ops.add(op.next(r, s));
            }
            return ops;
        };
    }

    /** Applies {@code op} to the store and the model; returns the store (a new one after Reopen). */
    private static KernelStore apply(Op op, KernelStore store, Model model, Path file,
            StoreOptions options) {
        switch (op) {
            case Begin b -> {
                if (model.inCrank) {
                    assertThatThrownBy(store::beginCrank).isInstanceOf(IllegalStateException.class);
                } else {
                    store.beginCrank();
                    model.begin();
                }
            }
            case Set(String space, String key, String value) -> {
                if (model.inCrank) {
                    space(store, space).set(key, value);
                    model.working.get(space).put(key, value);
                } else {
                    assertThatThrownBy(() -> space(store, space).set(key, value))
                            .isInstanceOf(IllegalStateException.class);
                }
            }
            case Delete(String space, String key) -> {
                if (model.inCrank) {
                    space(store, space).delete(key);
                    model.working.get(space).remove(key);
                } else {
                    assertThatThrownBy(() -> space(store, space).delete(key))
                            .isInstanceOf(IllegalStateException.class);
                }
            }
            case DeleteVatstore(String vat) -> {
                if (model.inCrank) {
                    store.deleteVatstore(vat);
                    model.working.get(vat).clear();
                } else {
                    assertThatThrownBy(() -> store.deleteVatstore(vat))
                            .isInstanceOf(IllegalStateException.class);
                }
            }
            case Savepoint(String name) -> {
                if (!model.inCrank) {
                    assertThatThrownBy(() -> store.savepoint(name)).isInstanceOf(IllegalStateException.class);
                } else if (model.indexOf(name) >= 0) {
                    assertThatThrownBy(() -> store.savepoint(name))
                            .isInstanceOf(IllegalArgumentException.class);
                } else {
                    store.savepoint(name);
                    model.savepoints.add(Map.entry(name, Model.copy(model.working)));
                }
            }
            case RollbackTo(String name) -> {
                if (!model.inCrank) {
                    assertThatThrownBy(() -> store.rollbackTo(name))
                            .isInstanceOf(IllegalStateException.class);
                } else if (model.indexOf(name) < 0) {
                    assertThatThrownBy(() -> store.rollbackTo(name))
                            .isInstanceOf(IllegalArgumentException.class);
                } else {
                    store.rollbackTo(name);
                    int i = model.indexOf(name);
                    model.working = Model.copy(model.savepoints.get(i).getValue());
                    model.savepoints.subList(i + 1, model.savepoints.size()).clear();
                }
            }
            case Release(String name) -> {
                if (!model.inCrank) {
                    assertThatThrownBy(() -> store.release(name)).isInstanceOf(IllegalStateException.class);
                } else if (model.indexOf(name) < 0) {
                    assertThatThrownBy(() -> store.release(name))
                            .isInstanceOf(IllegalArgumentException.class);
                } else {
                    store.release(name);
                    model.savepoints.subList(model.indexOf(name), model.savepoints.size()).clear();
                }
            }
            case Commit c -> {
                if (model.inCrank) {
                    long crank = store.commitCrank();
                    model.commit();
                    assertThat(crank).isEqualTo(model.lastCrank);
                } else {
                    assertThatThrownBy(store::commitCrank).isInstanceOf(IllegalStateException.class);
                }
            }
            case Abort a -> {
                if (model.inCrank) {
                    store.abortCrank();
                    model.end();
                } else {
                    assertThatThrownBy(store::abortCrank).isInstanceOf(IllegalStateException.class);
                }
            }
            case Flush f -> {
                store.flush();
                assertThat(store.durableCrank()).isEqualTo(model.lastCrank);
            }
            case Read(String space, String key) -> {
                TreeMap<String, String> expected = model.visible().get(space);
                KVStore actual = space(store, space);
                assertThat(actual.get(key)).as("%s.get(%s)", space, key).isEqualTo(expected.get(key));
                assertThat(actual.has(key)).isEqualTo(expected.containsKey(key));
                assertThat(actual.getNextKey(key)).isEqualTo(expected.higherKey(key));
            }
            case Scan(String space, List<Op> writes, int flushAt) -> {
                var iterator = space(store, space).range(null, null).iterator();
                String position = null;
                for (int step = 0; ; step++) {
                    TreeMap<String, String> now = model.visible().get(space);
                    Map.Entry<String, String> expected =
                            position == null ? now.firstEntry() : now.higherEntry(position);
                    assertThat(iterator.hasNext()).as("scan step %d", step).isEqualTo(expected != null);
                    if (expected == null) {
                        break;
                    }
                    assertThat(iterator.next()).as("scan step %d", step).isEqualTo(expected);
                    position = expected.getKey();
                    if (step < writes.size() && model.inCrank) {
                        apply(writes.get(step), store, model, file, options);
                    }
                    if (step == flushAt) {
                        store.flush();
                    }
                }
            }
            case Reopen r -> {
                store.close();
                model.end(); // an open crank is discarded by close
                KernelStore reopened = KernelStore.open(file, options);
                assertThat(reopened.lastCommittedCrank()).isEqualTo(model.lastCrank);
                return reopened;
            }
        }
        return store;
    }

    /** Iteration only: leaves the clean cache alone, so that Read ops get cache hits. */
    private static void compareContents(KernelStore store, Model model) {
        for (String space : SPACES) {
            assertThat(TestStores.all(space(store, space)))
                    .as("%s contents", space)
                    .containsExactlyEntriesOf(model.visible().get(space));
        }
    }

    private static void compareEverything(KernelStore store, Model model) {
        for (String space : SPACES) {
            TreeMap<String, String> expected = model.visible().get(space);
            KVStore actual = space(store, space);
            for (String key : KEYS) {
                assertThat(actual.get(key)).as("%s.get(%s)", space, key).isEqualTo(expected.get(key));
                assertThat(actual.getNextKey(key))
                        .as("%s.getNextKey(%s)", space, key)
                        .isEqualTo(expected.higherKey(key));
            }
            assertThat(actual.getNextKey("")).isEqualTo(expected.isEmpty() ? null : expected.firstKey());
            for (String prefix : List.of("a", "b", "\uD83D\uDE00")) {
                String end = KeyOrder.prefixEnd(prefix);
                assertThat(TestStores.contents(actual.prefix(prefix)))
                        .as("%s.prefix(%s)", space, prefix)
                        .containsExactlyEntriesOf(expected.subMap(prefix, end));
            }
            assertThat(TestStores.contents(actual.range("ab", "c")))
                    .containsExactlyEntriesOf(expected.subMap("ab", "c"));
        }
    }

    private static KVStore space(KernelStore store, String space) {
        return space.equals("kv") ? store.kv() : store.vatstore(space);
    }

    /** The reference: committed state, a working copy during a crank, snapshots for savepoints. */
    static final class Model {
        static final Comparator<String> ORDER = StoreModelProperties::codePointCompare;
        Map<String, TreeMap<String, String>> committed = empty();
        Map<String, TreeMap<String, String>> working;
        final List<Map.Entry<String, Map<String, TreeMap<String, String>>>> savepoints =
                new ArrayList<>();
        boolean inCrank;
        long lastCrank;

        static Map<String, TreeMap<String, String>> empty() {
            Map<String, TreeMap<String, String>> m = new LinkedHashMap<>();
            for (String s : SPACES) {
                m.put(s, new TreeMap<>(ORDER));
            }
            return m;
        }

        static Map<String, TreeMap<String, String>> copy(Map<String, TreeMap<String, String>> from) {
            Map<String, TreeMap<String, String>> m = new LinkedHashMap<>();
            from.forEach((k, v) -> m.put(k, new TreeMap<>(v)));
            return m;
        }

        Map<String, TreeMap<String, String>> visible() {
            return inCrank ? working : committed;
        }

        void begin() {
            inCrank = true;
            working = copy(committed);
        }

        void commit() {
            committed = working;
            lastCrank++;
            end();
        }

        void end() {
            inCrank = false;
            working = null;
            savepoints.clear();
        }

        int indexOf(String name) {
            for (int i = 0; i < savepoints.size(); i++) {
                if (savepoints.get(i).getKey().equals(name)) {
                    return i;
                }
            }
            return -1;
        }
    }

    /** Independent of KeyOrder: compare by code points, as SQLite compares UTF-8 bytes. */
    static int codePointCompare(String a, String b) {
        int[] x = a.codePoints().toArray();
        int[] y = b.codePoints().toArray();
        return java.util.Arrays.compare(x, y);
    }
}
