package io.jocap.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Decides when the writer copies the WAL back into the database file, so that the checkpoint runs
 * <em>after</em> a commit point has reported its cranks durable instead of inside its COMMIT
 * (where SQLite's automatic checkpoint runs, delaying the outputs that wait for durability).
 *
 * <p>The writer reports how many pages each commit dirtied, estimated as its rows plus one (the
 * {@code meta} row); once the estimate since the last checkpoint passes the threshold,
 * {@link #runIfDue} runs a {@code PASSIVE} checkpoint. The estimate is crude (interior pages and
 * {@code deleteVatstore} are not counted), so the writer keeps SQLite's automatic checkpoint at a
 * higher page count as the hard bound on the WAL.
 *
 * <p>Measured and rejected: a checkpointer thread with its own connection, checkpointing while the
 * writer goes on. Its writes and fsyncs compete with the commits' WAL fsync on the same disk and
 * made both batched commit points and strict cranks slower.
 *
 * <p>Used by the writer's thread only.
 */
final class Checkpointer implements AutoCloseable {
    private final PreparedStatement checkpoint;
    private final long thresholdPages;
    private long pagesSinceCheckpoint;

    Checkpointer(Connection writer, long thresholdPages) throws SQLException {
        this.checkpoint = writer.prepareStatement("PRAGMA wal_checkpoint(PASSIVE)");
        this.thresholdPages = thresholdPages;
    }

    /** Counts a successful commit's pages (an estimate); no SQLite call. */
    void committed(long pages) {
        pagesSinceCheckpoint += pages;
    }

    /** Checkpoints if enough has been committed since the last checkpoint. */
    void runIfDue() {
        if (pagesSinceCheckpoint < thresholdPages) {
            return;
        }
        pagesSinceCheckpoint = 0;
        try (ResultSet rs = checkpoint.executeQuery()) {
            rs.next();
        } catch (SQLException e) {
            // Nothing is lost: the commits are in the synced WAL. The next checkpoint, or the
            // automatic one bounding the WAL, copies them; a failing disk fails the next commit.
        }
    }

    @Override
    public void close() throws SQLException {
        checkpoint.close();
    }
}
