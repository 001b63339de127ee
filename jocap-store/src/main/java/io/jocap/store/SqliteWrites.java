package io.jocap.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * The writer connection: writes one {@link DirtySet} as one SQLite transaction, together with
 * the last crank number it covers, and commits it (an fsync of the WAL, {@code synchronous=FULL}).
 * Used by one thread at a time: the flusher thread, or the kernel thread in strict mode.
 */
final class SqliteWrites implements AutoCloseable {
    private final Connection connection;
    private final Checkpointer checkpointer;
    private final PreparedStatement begin;
    private final PreparedStatement commit;
    private final PreparedStatement rollback;
    private final PreparedStatement setLastCrank;
    private final PreparedStatement clearVatstore;
    private final ChunkedStatement kvUpsert;
    private final ChunkedStatement kvDelete;
    private final ChunkedStatement vatstoreUpsert;
    private final ChunkedStatement vatstoreDelete;

    SqliteWrites(Connection connection, long checkpointPages) throws SQLException {
        this.connection = connection;
        this.checkpointer = new Checkpointer(connection, checkpointPages);
        // The driver stays in auto-commit mode; transactions are explicit statements so that the
        // connection holds no transaction (and no lock) between commit points.
        begin = connection.prepareStatement("BEGIN IMMEDIATE");
        commit = connection.prepareStatement("COMMIT");
        rollback = connection.prepareStatement("ROLLBACK");
        setLastCrank =
                connection.prepareStatement("INSERT OR REPLACE INTO meta(key, value) VALUES ('lastCrank', ?)");
        clearVatstore = connection.prepareStatement("DELETE FROM vatstore WHERE vat = ?");
        kvUpsert =
                new ChunkedStatement(
                        connection,
                        n -> "INSERT OR REPLACE INTO kv(key, value) VALUES " + ChunkedStatement.repeat("(?,?)", n));
        kvDelete =
                new ChunkedStatement(
                        connection, n -> "DELETE FROM kv WHERE key IN (" + ChunkedStatement.repeat("?", n) + ")");
        vatstoreUpsert =
                new ChunkedStatement(
                        connection,
                        n ->
                                "INSERT OR REPLACE INTO vatstore(vat, key, value) VALUES "
                                        + ChunkedStatement.repeat("(?,?,?)", n));
        vatstoreDelete =
                new ChunkedStatement(
                        connection,
                        n ->
                                "DELETE FROM vatstore WHERE vat = ? AND key IN ("
                                        + ChunkedStatement.repeat("?", n)
                                        + ")");
    }

    /**
     * Writes and commits the set; on failure rolls back and rethrows (nothing is written). Returns
     * the rows written (sets and deletes; tombstones of keys SQLite never had are skipped).
     */
    long write(DirtySet batch) throws SQLException {
        long rows = 0;
        begin.executeUpdate();
        try {
            for (DirtySet.Part part : batch.parts()) {
                rows += writePart(part.space(), part.writes());
            }
            setLastCrank.setString(1, Long.toString(batch.lastCrank()));
            setLastCrank.executeUpdate();
            commit.executeUpdate();
        } catch (SQLException | RuntimeException e) {
            try {
                rollback.executeUpdate();
            } catch (SQLException rollbackFailure) {
                e.addSuppressed(rollbackFailure);
            }
            throw e;
        }
        checkpointer.committed(rows + 1L); // + the meta row
        return rows;
    }

    /** The keys of one part that need a row: those set and those deleted. */
    private static final class Rows {
        final String[] setKeys;
        final String[] deleted;
        int sets;
        int deletes;

        Rows(int capacity) {
            setKeys = new String[capacity];
            deleted = new String[capacity];
        }

        void add(String key, boolean delete) {
            if (delete) {
                deleted[deletes++] = key;
            } else {
                setKeys[sets++] = key;
            }
        }
    }

    private int writePart(KeySpace space, SpaceWrites writes) throws SQLException {
        if (writes.cleared()) {
            clearVatstore.setString(1, space.vatId);
            clearVatstore.executeUpdate();
        }
        Rows rows = new Rows(writes.size());
        writes.forEach((key, value) -> {
            if (writes.needsRow(key, value)) { // else deleted before SQLite ever had it
                rows.add(key, Tombstone.is(value));
            }
        });
        String[] setKeys = rows.setKeys;
        String[] deleted = rows.deleted;
        int sets = rows.sets;
        int deletes = rows.deletes;
        // Key order gives SQLite's B-tree good locality; any consistent order would be correct.
        // Only the rows are sorted: a large batch is mostly keys made and deleted within it.
        Arrays.sort(setKeys, 0, sets);
        Arrays.sort(deleted, 0, deletes);
        String[] setValues = new String[sets];
        for (int i = 0; i < sets; i++) {
            setValues[i] = writes.get(setKeys[i]);
        }
        String vat = space.vatId;
        if (vat == null) {
            kvUpsert.run(sets, (s, first, count) -> {
                for (int i = 0; i < count; i++) {
                    s.setString(2 * i + 1, setKeys[first + i]);
                    s.setString(2 * i + 2, setValues[first + i]);
                }
            });
            kvDelete.run(deletes, (s, first, count) -> {
                for (int i = 0; i < count; i++) {
                    s.setString(i + 1, deleted[first + i]);
                }
            });
        } else {
            vatstoreUpsert.run(sets, (s, first, count) -> {
                for (int i = 0; i < count; i++) {
                    s.setString(3 * i + 1, vat);
                    s.setString(3 * i + 2, setKeys[first + i]);
                    s.setString(3 * i + 3, setValues[first + i]);
                }
            });
            vatstoreDelete.run(deletes, (s, first, count) -> {
                s.setString(1, vat);
                for (int i = 0; i < count; i++) {
                    s.setString(i + 2, deleted[first + i]);
                }
            });
        }
        return sets + deletes;
    }

    /**
     * Runs a WAL checkpoint if one is due. Called after the last commit's cranks were reported
     * durable, so that the checkpoint does not delay outputs.
     */
    void checkpointIfDue() {
        checkpointer.runIfDue();
    }

    @Override
    public void close() throws SQLException {
        checkpointer.close();
        kvUpsert.close();
        kvDelete.close();
        vatstoreUpsert.close();
        vatstoreDelete.close();
        begin.close();
        commit.close();
        rollback.close();
        setLastCrank.close();
        clearVatstore.close();
        connection.close();
    }
}
