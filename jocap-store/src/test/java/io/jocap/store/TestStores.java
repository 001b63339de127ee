package io.jocap.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** Shared fixtures: the commit policies tests run under, and views of a store's contents. */
final class TestStores {
    private TestStores() {}

    static StoreOptions strict() {
        return StoreOptions.strict();
    }

    /** Frequent automatic commit points with a tiny cache: exercises races and eviction. */
    static StoreOptions batchedBusy() {
        return StoreOptions.batched(3, Duration.ofMillis(1)).withCleanCacheEntries(4);
    }

    /** Commit points only when asked: data stays in the dirty set until flush(). */
    static StoreOptions batchedManual() {
        return StoreOptions.batched(Integer.MAX_VALUE, Duration.ofDays(1));
    }

    static Stream<Arguments> policies() {
        return Stream.of(
                Arguments.of("strict", strict()),
                Arguments.of("batchedBusy", batchedBusy()),
                Arguments.of("batchedManual", batchedManual()));
    }

    static Map<String, String> contents(Iterable<Map.Entry<String, String>> entries) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : entries) {
            out.put(e.getKey(), e.getValue());
        }
        return out;
    }

    static Map<String, String> all(KVStore store) {
        return contents(store.range(null, null));
    }

    /** Runs one crank that applies {@code body} and commits it. */
    static long crank(KernelStore store, Runnable body) {
        store.beginCrank();
        body.run();
        return store.commitCrank();
    }

    /** The kv row as a separate plain JDBC connection sees it (null if absent). */
    static String storedKv(Path file, String key) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                PreparedStatement s = c.prepareStatement("SELECT value FROM kv WHERE key = ?")) {
            s.setString(1, key);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
