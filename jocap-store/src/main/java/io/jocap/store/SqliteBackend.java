package io.jocap.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;

/**
 * The SQLite file behind a {@link KernelStore}: opens and checks it, creates or validates the
 * schema, and owns the two connections, {@link SqliteReads} for the kernel thread and
 * {@link SqliteWrites} for commit points. WAL mode lets the reader go on while a commit point
 * writes. A {@code <file>.lock} file, locked with an OS file lock for as long as the store is
 * open, keeps two stores (two kernels) from using the same file at once.
 */
final class SqliteBackend implements AutoCloseable {
    /** The schema version this code writes and the highest it can read. */
    static final int SCHEMA_VERSION = 1;

    private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    /** Per connection; the kernel working set should fit (SQLite allocates it on demand). */
    private static final int CACHE_KIB = 32 * 1024;
    /**
     * WAL pages (estimated) after which the {@link Checkpointer} copies the WAL back: ~16 MB instead
     * of SQLite's 4 MB, so pages rewritten by several commit points are copied once.
     */
    private static final int CHECKPOINT_PAGES = 4000;
    /**
     * The writer's automatic checkpoint: only a bound on the WAL (64 MB) in case the page estimate
     * is far off, since it runs inside a COMMIT.
     */
    private static final int WAL_LIMIT_PAGES = 4 * CHECKPOINT_PAGES;

    final Path file;
    final SqliteReads reads;
    final SqliteWrites writes;
    /** The last crank recorded by a commit point, as found when opening. */
    final long lastCrank;

    private final FileChannel lockChannel;
    private final FileLock lock;

    private SqliteBackend(
            Path file, SqliteReads reads, SqliteWrites writes, long lastCrank, FileChannel lockChannel,
            FileLock lock) {
        this.file = file;
        this.reads = reads;
        this.writes = writes;
        this.lastCrank = lastCrank;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    static SqliteBackend open(Path file, StoreOptions options) {
        Path absolute = file.toAbsolutePath();
        checkIsSqliteOrNew(absolute);
        FileChannel lockChannel = null;
        FileLock lock = null;
        Connection writer = null;
        Connection reader = null;
        try {
            Path lockFile = absolute.resolveSibling(absolute.getFileName() + ".lock");
            lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            lock = tryLock(lockChannel, absolute, lockFile);
            boolean isNew = !Files.exists(absolute) || Files.size(absolute) == 0;
            writer = connect(absolute, options);
            if (isNew) {
                // Must come before the first table: lets the checkpointer give freed pages back
                // to the file system, so that a store whose data shrinks shrinks on disk too.
                execute(writer, "PRAGMA auto_vacuum = INCREMENTAL");
            }
            enableWal(writer, absolute);
            // Checkpoints run after commit points (see Checkpointer); SQLite's automatic checkpoint,
            // which would run inside a COMMIT, only bounds the WAL.
            execute(writer, "PRAGMA wal_autocheckpoint = " + WAL_LIMIT_PAGES);
            long lastCrank = prepareSchema(writer, absolute);
            reader = connect(absolute, options);
            execute(reader, "PRAGMA query_only = ON");
            return new SqliteBackend(
                    absolute, new SqliteReads(reader), new SqliteWrites(writer, CHECKPOINT_PAGES), lastCrank,
                    lockChannel, lock);
        } catch (SQLException | IOException | RuntimeException e) {
            closeQuietly(e, reader, writer, lock, lockChannel);
            if (e instanceof StoreException se) {
                throw se;
            }
            throw new StoreException("cannot open jocap store " + absolute + ": " + e.getMessage(), e);
        }
    }

    private static void checkIsSqliteOrNew(Path file) {
        if (Files.isDirectory(file)) {
            throw new StoreException("cannot open jocap store " + file + ": it is a directory");
        }
        try {
            if (!Files.exists(file) || Files.size(file) == 0) {
                return; // a new store
            }
            byte[] start = new byte[SQLITE_HEADER.length];
            int n;
            try (InputStream in = Files.newInputStream(file)) {
                n = in.readNBytes(start, 0, start.length);
            }
            if (n < start.length || !Arrays.equals(start, SQLITE_HEADER)) {
                throw new StoreException(
                        "cannot open jocap store " + file
                                + ": not a SQLite database (the file does not start with the SQLite header)");
            }
        } catch (IOException e) {
            throw new StoreException("cannot open jocap store " + file + ": " + e.getMessage(), e);
        }
    }

    private static FileLock tryLock(FileChannel channel, Path file, Path lockFile) throws IOException {
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            throw new StoreException(
                    "cannot open jocap store " + file + ": it is already open (" + lockFile
                            + " is locked by another KernelStore, in this process or another)");
        }
        return lock;
    }

    private static Connection connect(Path file, StoreOptions options) throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        try {
            execute(connection, "PRAGMA busy_timeout = " + options.busyTimeout().toMillis());
            execute(connection, "PRAGMA synchronous = FULL");
            execute(connection, "PRAGMA cache_size = -" + CACHE_KIB);
            execute(connection, "PRAGMA temp_store = MEMORY");
            return connection;
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    private static void enableWal(Connection connection, Path file) throws SQLException {
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("PRAGMA journal_mode = WAL")) {
            String mode = rs.next() ? rs.getString(1) : null;
            if (!"wal".equalsIgnoreCase(mode)) {
                throw new StoreException(
                        "cannot open jocap store " + file + ": SQLite refused WAL mode (journal_mode is "
                                + mode + ")");
            }
        }
    }

    /** Creates the schema in a new file or checks an existing one; returns the last crank. */
    private static long prepareSchema(Connection c, Path file) throws SQLException {
        execute(c, "BEGIN IMMEDIATE");
        boolean committed = false;
        try {
            long lastCrank;
            if (hasTable(c, "meta")) {
                lastCrank = checkSchema(c, file);
            } else {
                if (countTables(c) > 0) {
                    throw new StoreException(
                            "cannot open jocap store " + file
                                    + ": it is a SQLite database but not a jocap store (no meta table)");
                }
                execute(c, "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID");
                execute(c, "CREATE TABLE kv(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID");
                execute(
                        c,
                        "CREATE TABLE vatstore(vat TEXT, key TEXT, value TEXT NOT NULL,"
                                + " PRIMARY KEY(vat, key)) WITHOUT ROWID");
                execute(
                        c,
                        "INSERT INTO meta(key, value) VALUES ('schemaVersion', '" + SCHEMA_VERSION
                                + "'), ('lastCrank', '0')");
                lastCrank = 0;
            }
            execute(c, "COMMIT");
            committed = true;
            return lastCrank;
        } finally {
            if (!committed) {
                try {
                    execute(c, "ROLLBACK");
                } catch (SQLException ignored) {
                    // the original failure is what matters
                }
            }
        }
    }

    private static long checkSchema(Connection c, Path file) throws SQLException {
        String version = metaValue(c, "schemaVersion");
        int v;
        try {
            v = Integer.parseInt(String.valueOf(version));
        } catch (NumberFormatException e) {
            throw new StoreException(
                    "cannot open jocap store " + file + ": unreadable schema version '" + version + "'");
        }
        if (v > SCHEMA_VERSION) {
            throw new StoreException(
                    "cannot open jocap store " + file + ": it was written by a newer jocap-store (schema"
                            + " version " + v + "; this version reads up to " + SCHEMA_VERSION + ")");
        }
        if (v < 1 || !hasTable(c, "kv") || !hasTable(c, "vatstore")) {
            throw new StoreException(
                    "cannot open jocap store " + file + ": damaged schema (version " + v
                            + ", tables kv and vatstore expected)");
        }
        String lastCrank = metaValue(c, "lastCrank");
        try {
            return lastCrank == null ? 0 : Long.parseLong(lastCrank);
        } catch (NumberFormatException e) {
            throw new StoreException(
                    "cannot open jocap store " + file + ": unreadable lastCrank '" + lastCrank + "'");
        }
    }

    private static boolean hasTable(Connection c, String name) throws SQLException {
        try (var s = c.prepareStatement("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?")) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static int countTables(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery(
                                "SELECT count(*) FROM sqlite_schema WHERE type = 'table'"
                                        + " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    private static String metaValue(Connection c, String key) throws SQLException {
        try (var s = c.prepareStatement("SELECT value FROM meta WHERE key = ?")) {
            s.setString(1, key);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static void closeQuietly(Throwable failure, AutoCloseable... resources) {
        for (AutoCloseable resource : resources) {
            if (resource != null) {
                try {
                    resource.close();
                } catch (Exception e) {
                    failure.addSuppressed(e);
                }
            }
        }
    }

    @Override
    public void close() throws SQLException, IOException {
        SQLException failure = null;
        try {
            reads.close();
        } catch (SQLException e) {
            failure = e;
        }
        try {
            writes.close(); // the last connection to close checkpoints the WAL into the database
        } catch (SQLException e) {
            if (failure == null) {
                failure = e;
            } else {
                failure.addSuppressed(e);
            }
        }
        try {
            lock.release();
        } finally {
            lockChannel.close();
        }
        if (failure != null) {
            throw failure;
        }
    }
}
