package io.jocap.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store whose data is deleted gives the space back to the file system after its checkpoints. */
class FileSizeTest {
    @TempDir Path dir;

    private static void write(KernelStore store, int from, int to, String value) {
        for (int i = from; i < to; i += 500) {
            int start = i;
            store.inCrank(() -> {
                for (int k = start; k < Math.min(start + 500, to); k++) {
                    store.kv().set("key." + k, value);
                    store.vatstore("v1").set("vkey." + k, value);
                }
            });
        }
        store.flush();
    }

    private static void delete(KernelStore store, int from, int to) {
        for (int i = from; i < to; i += 500) {
            int start = i;
            store.inCrank(() -> {
                for (int k = start; k < Math.min(start + 500, to); k++) {
                    store.kv().delete("key." + k);
                    store.vatstore("v1").delete("vkey." + k);
                }
            });
        }
        store.flush();
    }

    @Test
    void deletedDataIsGivenBackAfterTheCheckpoints() throws Exception {
        Path db = dir.resolve("store.db");
        String value = "x".repeat(400);
        long small;
        long big;
        try (KernelStore store = KernelStore.open(db, StoreOptions.strict())) {
            write(store, 0, 100, value);
            small = Files.size(db);
            write(store, 100, 20_000, value);
            big = Files.size(db) + Files.size(db.resolveSibling("store.db-wal"));
            delete(store, 100, 20_000);
            // Later commits bring more checkpoints, each giving back a bounded number of pages.
            for (int round = 0; round < 40; round++) {
                write(store, 0, 100, value + round);
            }
        }
        long after = Files.size(db);
        assertThat(big).as("the data made the file grow").isGreaterThan(small * 10);
        assertThat(after).as("file size after the deletions (small %d, big %d)", small, big).isLessThan(big / 4);
    }
}
