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
 * One commit point writing {@code rows} dirty rows into a table of 100,000+ rows: the SQLite
 * transaction, its fsync, the checkpoints it triggers, and dropping the batch from memory
 * afterwards. Divide the score by {@code rows} for the cost per row.
 *
 * <p>{@code pattern}: {@code kernel} dirties rows the way a kernel does: 40% new records with
 * increasing ids, 30% updates of recently created records, 20% run-queue traffic (appends and
 * deletes of the oldest entries), 10% updates of random existing keys. {@code uniform} updates
 * random existing keys only: the worst case, where almost every row dirties a different page.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class StoreFlushBenchmark {
    @Param({"1000", "10000"})
    public int rows;

    @Param({"kernel", "uniform"})
    public String pattern;

    private KernelStore store;
    private KVStore kv;
    private String[] keys;
    private String[] values;
    private final SplittableRandom random = new SplittableRandom(7);
    private long nextRecord = 1_000_000;
    private long queueHead;
    private long queueTail;
    private int round;

    @Setup(Level.Trial)
    public void load() {
        store = KernelStore.openTemporary(StoreOptions.batched(Integer.MAX_VALUE, Duration.ofDays(1)));
        kv = store.kv();
        keys = StoreBenchData.keys(StoreCrankBenchmark.KEYS);
        values = StoreBenchData.values(64);
        StoreBenchData.load(store, keys, values, 1000);
        store.flush();
    }

    /** Dirties {@code rows} rows in one crank (not measured). */
    @Setup(Level.Invocation)
    public void dirty() {
        store.beginCrank();
        round++;
        for (int i = 0; i < rows; i++) {
            String value = values[(i + round) & 63];
            if (pattern.equals("uniform")) {
                kv.set(keys[random.nextInt(keys.length)], value);
                continue;
            }
            switch (i % 10) {
                case 0, 1, 2, 3 -> kv.set("kp" + nextRecord++ + ".state", value);
                case 4, 5, 6 -> kv.set("kp" + (nextRecord - 1 - random.nextInt(2000)) + ".state", value);
                case 7 -> kv.set("runQueue." + queueTail++, value);
                case 8 -> {
                    if (queueHead < queueTail) {
                        kv.delete("runQueue." + queueHead++);
                    } else {
                        kv.set("runQueue." + queueTail++, value);
                    }
                }
                default -> kv.set(keys[random.nextInt(keys.length)], value);
            }
        }
        store.commitCrank();
    }
    @TearDown(Level.Trial)
    public void close() {
        store.close();
    }

    @Benchmark
    public long flush() {
        store.flush();
        return store.durableCrank();
    }
}
