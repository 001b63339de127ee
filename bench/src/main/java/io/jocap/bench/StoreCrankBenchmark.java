package io.jocap.bench;

import io.jocap.store.KVStore;
import io.jocap.store.KernelStore;
import io.jocap.store.StoreOptions;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The in-memory cost of a typical crank: 10 reads, 8 writes and a commit on a store of 100,000
 * keys, all cached. The batched policy never reaches a commit point inside a measurement
 * iteration (one is forced between iterations), so no SQLite write is measured.
 *
 * <p>{@code access}: {@code kernel} is shaped like a kernel crank: of the 10 reads and 8 writes,
 * 3 reads and 3 writes go to a few hot keys (counters, run-queue head and tail), 5 reads and 3
 * writes to a working set of 2,000 keys (the c-lists and promises of the vats currently busy),
 * and 2 reads and 2 writes to keys drawn uniformly from all 100,000. {@code uniform} draws every
 * key uniformly from all 100,000: the worst case, where nearly every access misses the CPU caches
 * and the cost is mostly memory latency.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class StoreCrankBenchmark {
    static final int KEYS = 100_000;
    private static final int ACCESSES = 18;
    private static final int CRANKS = 1 << 16; // precomputed cranks, replayed in a loop

    @Param({"kernel", "uniform"})
    public String access;

    private KernelStore store;
    private KVStore kv;
    private String[] keys;
    private String[] values;
    private int[] picks;
    private int next;

    @Setup(Level.Trial)
    public void load() {
        store = KernelStore.openTemporary(StoreOptions.batched(Integer.MAX_VALUE, Duration.ofDays(1)));
        kv = store.kv();
        keys = StoreBenchData.keys(KEYS);
        values = StoreBenchData.values(64);
        StoreBenchData.load(store, keys, values, 1000);
        store.flush();
        for (String key : keys) {
            kv.get(key); // warm the clean cache
        }
        SplittableRandom random = new SplittableRandom(42);
        picks = new int[ACCESSES * CRANKS];
        for (int i = 0; i < picks.length; i++) {
            picks[i] = access.equals("uniform") ? random.nextInt(KEYS) : kernelLike(i % ACCESSES, random);
        }
    }

    /** The key for access number {@code slot} (0-9 reads, 10-17 writes) of a kernel-like crank. */
    private static int kernelLike(int slot, SplittableRandom random) {
        int hot = 4;
        int workingSet = 2_000;
        boolean hotAccess = slot < 3 || (slot >= 10 && slot < 13);
        boolean workingAccess = (slot >= 3 && slot < 8) || (slot >= 13 && slot < 16);
        if (hotAccess) {
            return random.nextInt(hot);
        }
        if (workingAccess) {
            return hot + random.nextInt(workingSet);
        }
        return random.nextInt(KEYS);
    }

    @Setup(Level.Iteration)
    public void commitPoint() {
        store.flush();
    }

    @TearDown(Level.Trial)
    public void close() {
        store.close();
    }

    @Benchmark
    public int crank() {
        int n = next;
        int sum = 0;
        store.beginCrank();
        for (int i = 0; i < 10; i++) {
            String value = kv.get(keys[picks[n + i]]);
            sum += value == null ? 0 : value.length();
        }
        for (int i = 10; i < ACCESSES; i++) {
            kv.set(keys[picks[n + i]], values[(n + i) & 63]);
        }
        store.commitCrank();
        n += ACCESSES;
        next = n == picks.length ? 0 : n;
        return sum;
    }
}
