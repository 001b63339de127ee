package io.jocap.bench;

import io.jocap.store.KVStore;
import io.jocap.store.KernelStore;
import io.jocap.store.StoreOptions;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/** A strict-mode crank (3 writes and a commit): one SQLite transaction and one fsync. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class StoreStrictCommitBenchmark {
    private KernelStore store;
    private KVStore kv;
    private String[] keys;
    private String[] values;
    private int next;

    @Setup(Level.Trial)
    public void open() {
        store = KernelStore.openTemporary(StoreOptions.strict());
        kv = store.kv();
        keys = StoreBenchData.keys(10_000);
        values = StoreBenchData.values(64);
        StoreBenchData.load(store, keys, values, 1000);
    }

    @TearDown(Level.Trial)
    public void close() {
        store.close();
    }

    @Benchmark
    public long crank() {
        int n = next;
        store.beginCrank();
        kv.set(keys[n % keys.length], values[n & 63]);
        kv.set(keys[(n * 31 + 7) % keys.length], values[(n + 1) & 63]);
        kv.set("counter", Integer.toString(n));
        next = n + 1;
        return store.commitCrank();
    }
}
