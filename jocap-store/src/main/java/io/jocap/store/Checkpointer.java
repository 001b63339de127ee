package io.jocap.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

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
 * <p>Before each checkpoint, if the file has more than {@value #FREE_PAGES_KEPT} free pages (data
 * was deleted), up to {@value #FREE_PAGES_PER_VACUUM} of them are given back with
 * {@code incremental_vacuum}, so that a store whose live data shrinks (garbage collected) shrinks on
 * disk after the checkpoint, instead of keeping its peak size.
 *
 * <p>Used by the writer's thread only.
 */
final class Checkpointer implements AutoCloseable {
    /** Free pages tolerated before a checkpoint first gives some back, and how many at most at once. */
    static final int FREE_PAGES_KEPT = 64;
    static final int FREE_PAGES_PER_VACUUM = 1024;

    private final PreparedStatement checkpoint;
    private final PreparedStatement freePages;
    private final Connection writer;
    private final PreparedStatement begin;
    private final PreparedStatement commit;
    private final PreparedStatement rollback;
    private final long thresholdPages;
    private long pagesSinceCheckpoint;

    Checkpointer(Connection writer, long thresholdPages) throws SQLException {
        this.checkpoint = writer.prepareStatement("PRAGMA wal_checkpoint(PASSIVE)");
        this.freePages = writer.prepareStatement("PRAGMA freelist_count");
        this.writer = writer;
        this.begin = writer.prepareStatement("BEGIN IMMEDIATE");
        this.commit = writer.prepareStatement("COMMIT");
        this.rollback = writer.prepareStatement("ROLLBACK");
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
        try {
            releaseFreePages();
            try (ResultSet rs = checkpoint.executeQuery()) {
                rs.next();
            }
        } catch (SQLException e) {
            // Nothing is lost: the commits are in the synced WAL. The next checkpoint, or the
            // automatic one bounding the WAL, copies them; a failing disk fails the next commit.
        }
    }

    /**
     * Gives free pages back (a file made with {@code auto_vacuum = INCREMENTAL}; elsewhere a
     * no-op): a bounded number, in the WAL, so that the checkpoint that follows shrinks the file.
     */
    private void releaseFreePages() throws SQLException {
        long free;
        try (ResultSet rs = freePages.executeQuery()) {
            free = rs.next() ? rs.getLong(1) : 0;
        }
        if (free <= FREE_PAGES_KEPT) {
            return;
        }
        begin.execute();
        try {
            // The driver steps the statement once per run, which frees one page, and leaves it
            // active: closing it (finalizing) before COMMIT is what lets the transaction end. The
            // runs share one transaction, so a vacuum costs one commit.
            try (Statement vacuum = writer.createStatement()) {
                for (long i = Math.min(free - FREE_PAGES_KEPT, FREE_PAGES_PER_VACUUM); i > 0; i--) {
                    vacuum.execute("PRAGMA incremental_vacuum(1)");
                }
            }
            commit.execute();
        } catch (SQLException e) {
            try {
                rollback.execute(); // the next commit point must find no transaction open
            } catch (SQLException ignored) {
                // nothing was open any more
            }
            throw e;
        }
    }

    @Override
    public void close() throws SQLException {
        freePages.close();
        begin.close();
        commit.close();
        rollback.close();
        checkpoint.close();
    }
}
