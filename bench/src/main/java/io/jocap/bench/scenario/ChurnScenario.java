package io.jocap.bench.scenario;

import io.jocap.kernel.host.Kernel;
import io.jocap.kernel.host.KernelStatus;
import io.jocap.marshal.RemotableRef;
import io.jocap.store.StoreOptions;
import io.jocap.vat.powers.Endowments;
import io.jocap.worker.InProcessWorker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The GC soak scenario ({@code bench/run churn --n N}): a driver vat has a maker vat make N
 * short-lived objects, sends each a message and lets it go, a batch at a time, on a real SQLite
 * file. A first pass of N/10 objects (at least 1,000) settles the store's working size; then the
 * baseline is taken (rows in the kernel and vat tables; the file's size after every free page is
 * given back and a WAL checkpoint, and the part of it in use; the heap after a full GC); then N more objects; then the same figures again. Every measurement
 * is taken after {@link Kernel#collectGarbage}. Prints one JSON line with both sets of figures,
 * their relative change, and the share of crank time spent on GC.
 */
final class ChurnScenario {
    private static final long BATCH = 500;

    private ChurnScenario() {}

    static String run(long n, String commit, StoreOptions options, InProcessWorker.TurnThread turns) throws Exception {
        Path dir = Files.createTempDirectory("jocap-churn-");
        Path db = dir.resolve("kernel.db");
        List<InProcessWorker> workers = new ArrayList<>();
        try (Kernel kernel = Kernel.open(db, options)) {
            String driver = ScenarioRunner.launch(kernel, workers, "v1", "driver", BenchVats.Driver::new,
                    Endowments.loggerOnly("driver"), turns);
            String maker = ScenarioRunner.launch(kernel, workers, "v2", "maker", BenchVats.Maker::new,
                    Endowments.loggerOnly("maker"), turns);
            RemotableRef makerRef = new RemotableRef(maker, "Alleged: maker");

            churn(kernel, driver, makerRef, Math.max(1_000, n / 10));
            Figures start = figures(kernel, db);
            KernelStatus before = kernel.status();
            long t0 = System.nanoTime();
            churn(kernel, driver, makerRef, n);
            double wall = (System.nanoTime() - t0) / 1e9;
            KernelStatus after = kernel.status();
            Figures end = figures(kernel, db);

            long cranks = after.cranksRun() - before.cranksRun();
            double gcShare = 100.0 * (after.gcNanos() - before.gcNanos()) / Math.max(1, after.crankNanos() - before.crankNanos());
            return "{\"scenario\":\"churn\",\"n\":" + n + ",\"commit\":\"" + commit + "\",\"wall_s\":" + ScenarioRunner.fmt(wall, 3)
                    + ",\"objects_per_s\":" + Math.round(n / wall) + ",\"deliveries_per_s\":" + Math.round(cranks / wall)
                    + ",\"gc_share_pct\":" + ScenarioRunner.fmt(gcShare, 1)
                    + ",\"rows_start\":" + start.rows + ",\"rows_end\":" + end.rows
                    + ",\"rows_delta_pct\":" + ScenarioRunner.fmt(pct(start.rows, end.rows), 2)
                    + ",\"file_kb_start\":" + start.fileBytes / 1024 + ",\"file_kb_end\":" + end.fileBytes / 1024
                    + ",\"file_delta_pct\":" + ScenarioRunner.fmt(pct(start.fileBytes, end.fileBytes), 2)
                    + ",\"live_kb_start\":" + start.liveBytes / 1024 + ",\"live_kb_end\":" + end.liveBytes / 1024
                    + ",\"live_delta_pct\":" + ScenarioRunner.fmt(pct(start.liveBytes, end.liveBytes), 2)
                    + ",\"objects_start\":" + start.objects + ",\"objects_end\":" + end.objects
                    + ",\"promises_start\":" + start.promises + ",\"promises_end\":" + end.promises
                    + ",\"heap_start_mb\":" + ScenarioRunner.fmt(start.heapBytes / 1048576.0, 1)
                    + ",\"heap_end_mb\":" + ScenarioRunner.fmt(end.heapBytes / 1048576.0, 1) + "}";
        } finally {
            workers.forEach(InProcessWorker::close);
            ScenarioRunner.deleteDirectory(dir);
        }
    }

    private static void churn(Kernel kernel, String driver, RemotableRef maker, long n) throws Exception {
        Object made = kernel.queueMessage(driver, "churn", List.of(maker, n, BATCH)).get(2, TimeUnit.HOURS);
        if (((Number) made).longValue() != n) {
            throw new IllegalStateException("the driver made " + made + " objects, not " + n);
        }
        kernel.collectGarbage().get(10, TimeUnit.MINUTES);
    }

    private record Figures(long rows, long fileBytes, long liveBytes, long objects, long promises, long heapBytes) {}

    private static Figures figures(Kernel kernel, Path db) throws Exception {
        // Everything committed reaches the file first: the batched store holds the rest in memory.
        kernel.run(s -> null).get(1, TimeUnit.MINUTES);
        long[] counts = kernel.query(s -> new long[] {s.objects().count(), s.promises().count()}).get(1, TimeUnit.MINUTES);
        long rows;
        long live;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            // Give every free page back first (the store does this a bounded number at a time
            // before its own checkpoints), so both measurements see the file at its working size.
            long free = count(st, "PRAGMA freelist_count");
            if (free > 0) {
                st.execute("BEGIN IMMEDIATE");
                try (Statement vacuum = c.createStatement()) {
                    for (long i = 0; i < free; i++) {
                        vacuum.execute("PRAGMA incremental_vacuum(1)"); // one page per run of the statement
                    }
                }
                st.execute("COMMIT");
            }
            st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            rows = count(st, "SELECT count(*) FROM kv") + count(st, "SELECT count(*) FROM vatstore");
            // SQLite keeps freed pages in the file for reuse: the pages in use are the live size.
            live = (count(st, "PRAGMA page_count") - count(st, "PRAGMA freelist_count")) * count(st, "PRAGMA page_size");
        }
        long file = Files.size(db) + sizeIfExists(db.resolveSibling(db.getFileName() + "-wal"));
        System.gc();
        Runtime rt = Runtime.getRuntime();
        return new Figures(rows, file, live, counts[0], counts[1], rt.totalMemory() - rt.freeMemory());
    }

    private static long count(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long sizeIfExists(Path p) throws Exception {
        return Files.exists(p) ? Files.size(p) : 0;
    }

    private static double pct(long start, long end) {
        return start == 0 ? 0 : 100.0 * (end - start) / start;
    }
}
