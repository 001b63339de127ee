package io.jocap.bench;

import io.jocap.store.KernelStore;
import io.jocap.store.StoreOptions;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Loading 100,000 keys into a fresh store through cranks of 1,000 keys with the default batched
 * policy, until all of it is durable. The score is per key.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class StoreBulkLoadBenchmark {
    static final int KEYS = 100_000;

    private final String[] keys = StoreBenchData.keys(KEYS);
    private final String[] values = StoreBenchData.values(64);
    private KernelStore store;

    @Setup(Level.Invocation)
    public void open() {
        store = KernelStore.openTemporary(StoreOptions.defaults());
    }

    @TearDown(Level.Invocation)
    public void close() {
        store.close();
    }

    @Benchmark
    @OperationsPerInvocation(KEYS)
    public long load() {
        StoreBenchData.load(store, keys, values, 1000);
        store.flush();
        return store.durableCrank();
    }
}
