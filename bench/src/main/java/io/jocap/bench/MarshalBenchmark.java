package io.jocap.bench;

import io.jocap.marshal.CapData;
import io.jocap.marshal.RemotableRef;
import io.jocap.marshal.Smallcaps;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Smallcaps encode and decode of message-shaped values. {@code small} is a typical method call
 * ({@code ["transfer", [purse, 100n, {memo: "rent"}]]}, a 58-character body); {@code medium} is a
 * record of 24 fields with nested lists, strings that need escaping and two remotables (one used
 * twice), a 671-character body.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class MarshalBenchmark {
    @Param({"small", "medium"})
    String shape;

    private final Smallcaps codec = Smallcaps.standard();
    private Object value;
    private CapData encoded;

    @Setup
    public void setup() {
        RemotableRef purse = new RemotableRef("ko12", "Alleged: purse");
        value = switch (shape) {
            case "small" -> List.of("transfer", List.of(purse, BigInteger.valueOf(100), Map.of("memo", "rent")));
            case "medium" -> medium();
            default -> throw new IllegalArgumentException(shape);
        };
        encoded = codec.encode(value);
    }

    private static Object medium() {
        Map<String, Object> record = new LinkedHashMap<>();
        for (int i = 0; i < 20; i++) {
            List<Object> items = new ArrayList<>();
            for (int j = 0; j < 5; j++) {
                items.add(i * 10.5 + j);
            }
            record.put("field" + i, i % 3 == 0 ? items : "value \"" + i + "\"\n");
        }
        record.put("owner", new RemotableRef("ko1", "Alleged: owner"));
        record.put("backup", new RemotableRef("ko2", "Alleged: backup"));
        record.put("again", record.get("owner"));
        record.put("#special", "!bang");
        return List.of("update", List.of(record));
    }

    @Benchmark
    public CapData encode() {
        return codec.encode(value);
    }

    @Benchmark
    public Object decode() {
        return codec.decode(encoded);
    }
}
