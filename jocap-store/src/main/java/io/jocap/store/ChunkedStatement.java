package io.jocap.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.function.IntFunction;

/**
 * One SQL write prepared for several row counts (64, 8 and 1 rows per statement), used to write
 * many rows with few statement executions. With sqlite-jdbc each execution costs several JNI
 * round trips; multi-row statements measured faster than {@code addBatch}/{@code executeBatch},
 * which still steps once per row.
 */
final class ChunkedStatement implements AutoCloseable {
    /** Binds rows {@code [first, first + count)} to {@code statement}, starting at parameter 1. */
    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement statement, int first, int count) throws SQLException;
    }

    private static final int[] CHUNK_ROWS = {64, 8, 1};

    private final Connection connection;
    private final IntFunction<String> sqlForRows;
    private final PreparedStatement[] statements = new PreparedStatement[CHUNK_ROWS.length];

    ChunkedStatement(Connection connection, IntFunction<String> sqlForRows) {
        this.connection = connection;
        this.sqlForRows = sqlForRows;
    }

    void run(int rows, Binder binder) throws SQLException {
        int done = 0;
        for (int i = 0; i < CHUNK_ROWS.length; i++) {
            int chunk = CHUNK_ROWS[i];
            while (rows - done >= chunk) {
                PreparedStatement statement = statement(i);
                binder.bind(statement, done, chunk);
                statement.executeUpdate();
                done += chunk;
            }
        }
    }

    private PreparedStatement statement(int index) throws SQLException {
        PreparedStatement statement = statements[index];
        if (statement == null) {
            statement = connection.prepareStatement(sqlForRows.apply(CHUNK_ROWS[index]));
            statements[index] = statement;
        }
        return statement;
    }

    /** {@code count} copies of {@code item} joined by commas. */
    static String repeat(String item, int count) {
        return String.join(",", java.util.Collections.nCopies(count, item));
    }

    @Override
    public void close() throws SQLException {
        for (PreparedStatement statement : statements) {
            if (statement != null) {
                statement.close();
            }
        }
    }
}
