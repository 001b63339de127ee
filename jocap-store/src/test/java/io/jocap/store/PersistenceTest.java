package io.jocap.store;

import static io.jocap.store.TestStores.all;
import static io.jocap.store.TestStores.crank;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PersistenceTest {
    @TempDir Path dir;

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jocap.store.TestStores#policies")
    void reopenSeesExactlyTheCommittedData(String name, StoreOptions options) {
        Path file = dir.resolve("store.sqlite");
        try (KernelStore s = KernelStore.open(file, options)) {
            crank(s, () -> {
                s.kv().set("a", "1");
                s.kv().set("b", "2");
                s.vatstore("v1").set("x", "y");
            });
            crank(s, () -> s.kv().delete("a"));
            s.beginCrank();
            s.kv().set("aborted", "no");
            s.abortCrank();
            s.beginCrank();
            s.kv().set("uncommitted", "no"); // open crank at close: discarded
        }
        try (KernelStore s = KernelStore.open(file, options)) {
            assertThat(all(s.kv())).containsExactly(Map.entry("b", "2"));
            assertThat(all(s.vatstore("v1"))).containsExactly(Map.entry("x", "y"));
            assertThat(s.lastCommittedCrank()).isEqualTo(2);
            assertThat(s.durableCrank()).isEqualTo(2);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jocap.store.TestStores#policies")
    void crankNumbersPersistAcrossRestarts(String name, StoreOptions options) {
        Path file = dir.resolve("cranks.sqlite");
        for (int run = 0; run < 3; run++) {
            try (KernelStore s = KernelStore.open(file, options)) {
                for (int i = 1; i <= 5; i++) {
                    long crank = crank(s, () -> s.kv().set("k", "v"));
                    assertThat(crank).isEqualTo(run * 5L + i);
                }
            }
        }
    }

    @Test
    void openingANonSqliteFileFailsClearly() throws Exception {
        Path file = dir.resolve("notes.txt");
        Files.writeString(file, "these are not the bytes you are looking for, not even close to a db");
        assertThatThrownBy(() -> KernelStore.open(file, StoreOptions.defaults()))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("not a SQLite database");
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).startsWith("these are not");
    }

    @Test
    void openingAForeignSqliteDatabaseFailsClearly() throws Exception {
        Path file = dir.resolve("other.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE customers(id INTEGER PRIMARY KEY, name TEXT)");
        }
        assertThatThrownBy(() -> KernelStore.open(file, StoreOptions.defaults()))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("not a jocap store");
    }

    @Test
    void openingAStoreFromANewerSchemaVersionFailsClearly() throws Exception {
        Path file = dir.resolve("future.sqlite");
        KernelStore.open(file, StoreOptions.strict()).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement()) {
            s.execute("UPDATE meta SET value = '7' WHERE key = 'schemaVersion'");
        }
        assertThatThrownBy(() -> KernelStore.open(file, StoreOptions.defaults()))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("newer jocap-store (schema version 7; this version reads up to 1)");
    }

    @Test
    void aFileCanBeOpenedByOneStoreAtATime() {
        Path file = dir.resolve("once.sqlite");
        try (KernelStore first = KernelStore.open(file, StoreOptions.defaults())) {
            assertThatThrownBy(() -> KernelStore.open(file, StoreOptions.defaults()))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("already open");
            assertThat(first.kv().get("x")).isNull();
        }
        KernelStore.open(file, StoreOptions.defaults()).close();
    }

    @Test
    void schemaIsAsDocumented() throws Exception {
        Path file = dir.resolve("schema.sqlite");
        KernelStore.open(file, StoreOptions.strict()).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement();
                var rs = s.executeQuery("SELECT name, sql FROM sqlite_schema WHERE type = 'table' ORDER BY name")) {
            StringBuilder tables = new StringBuilder();
            while (rs.next()) {
                tables.append(rs.getString(1)).append(": ").append(rs.getString(2)).append('\n');
            }
            assertThat(tables.toString())
                    .contains("kv: CREATE TABLE kv(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID")
                    .contains("vatstore: CREATE TABLE vatstore(vat TEXT, key TEXT, value TEXT NOT NULL, PRIMARY KEY(vat, key)) WITHOUT ROWID")
                    .contains("meta: ");
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement();
                var rs = s.executeQuery("PRAGMA journal_mode")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("wal");
        }
    }

    @Test
    void temporaryStoresAreRealFilesDeletedOnClose() {
        KernelStore s = KernelStore.openTemporary();
        Path file = s.file();
        assertThat(file).exists();
        crank(s, () -> s.kv().set("a", "1"));
        s.close();
        s.close(); // idempotent
        assertThat(file).doesNotExist();
        assertThat(file.resolveSibling(file.getFileName() + "-wal")).doesNotExist();
        assertThatThrownBy(() -> s.kv().get("a"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is closed");
        assertThatThrownBy(s::beginCrank).isInstanceOf(IllegalStateException.class);
    }
}
