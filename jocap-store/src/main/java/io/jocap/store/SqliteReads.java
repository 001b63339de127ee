package io.jocap.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.BiConsumer;

/**
 * The kernel thread's SQLite connection: point reads and pages of key-ordered rows. Every result
 * set is closed before returning, so the connection never holds a read transaction (and its
 * snapshot) between calls: each read sees everything committed before it started.
 */
final class SqliteReads implements AutoCloseable {
    /** Up to {@code limit} rows in key order; {@code size < limit} means nothing further. */
    record Page(String[] keys, String[] values, int size) {}

    private final Connection connection;
    private final PreparedStatement kvGet;
    private final PreparedStatement vatstoreGet;
    /** Indexed by {@link #pageIndex}: table x lower-bound kind x upper bound present. */
    private final PreparedStatement[] pages = new PreparedStatement[8];

    SqliteReads(Connection connection) throws SQLException {
        this.connection = connection;
        this.kvGet = connection.prepareStatement("SELECT value FROM kv WHERE key = ?");
        this.vatstoreGet =
                connection.prepareStatement("SELECT value FROM vatstore WHERE vat = ? AND key = ?");
    }

    /** The stored value, or null. */
    String get(KeySpace space, String key) throws SQLException {
        PreparedStatement statement;
        if (space.vatId == null) {
            statement = kvGet;
            statement.setString(1, key);
        } else {
            statement = vatstoreGet;
            statement.setString(1, space.vatId);
            statement.setString(2, key);
        }
        try (ResultSet rows = statement.executeQuery()) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    /** The number of rows in both tables. */
    long countKeys() throws SQLException {
        try (var statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT (SELECT count(*) FROM kv) + (SELECT count(*) FROM vatstore)")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Calls {@code action} with (vat, key) for every stored row; vat is null for the kv table. */
    void forEachKey(BiConsumer<String, String> action) throws SQLException {
        try (var statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery("SELECT key FROM kv")) {
                while (rows.next()) {
                    action.accept(null, rows.getString(1));
                }
            }
            try (ResultSet rows = statement.executeQuery("SELECT vat, key FROM vatstore ORDER BY vat")) {
                while (rows.next()) {
                    action.accept(rows.getString(1), rows.getString(2));
                }
            }
        }
    }

    /**
     * Rows with key after {@code from} (inclusive or exclusive; null: from the start) and before
     * {@code toExclusive} (null: to the end).
     */
    Page page(KeySpace space, String from, boolean exclusive, String toExclusive, int limit)
            throws SQLException {
        PreparedStatement statement = pageStatement(space.isVatstore(), exclusive, toExclusive != null);
        int p = 1;
        if (space.isVatstore()) {
            statement.setString(p++, space.vatId);
        }
        statement.setString(p++, from == null ? "" : from);
        if (toExclusive != null) {
            statement.setString(p++, toExclusive);
        }
        statement.setInt(p, limit);
        String[] keys = new String[limit];
        String[] values = new String[limit];
        int n = 0;
        try (ResultSet rows = statement.executeQuery()) {
            while (n < limit && rows.next()) {
                keys[n] = rows.getString(1);
                values[n] = rows.getString(2);
                n++;
            }
        }
        return new Page(keys, values, n);
    }

    private PreparedStatement pageStatement(boolean vatstore, boolean exclusive, boolean bounded)
            throws SQLException {
        int index = (vatstore ? 4 : 0) + (exclusive ? 2 : 0) + (bounded ? 1 : 0);
        PreparedStatement statement = pages[index];
        if (statement == null) {
            String sql =
                    (vatstore
                                    ? "SELECT key, value FROM vatstore WHERE vat = ? AND key "
                                    : "SELECT key, value FROM kv WHERE key ")
                            + (exclusive ? "> ?" : ">= ?") // '' sorts before every key: "from the start"
                            + (bounded ? " AND key < ?" : "")
                            + " ORDER BY key LIMIT ?";
            statement = connection.prepareStatement(sql);
            pages[index] = statement;
        }
        return statement;
    }

    @Override
    public void close() throws SQLException {
        for (PreparedStatement statement : pages) {
            if (statement != null) {
                statement.close();
            }
        }
        kvGet.close();
        vatstoreGet.close();
        connection.close();
    }
}
