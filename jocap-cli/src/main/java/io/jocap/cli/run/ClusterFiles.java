package io.jocap.cli.run;

import io.jocap.cli.UserInputException;
import io.jocap.kernel.cluster.VatWorkers;
import io.jocap.worker.ClusterVatWorkers;
import io.jocap.worker.process.ProcessVatWorkers;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where a cluster's database is, and how its vats run, shared by {@code run}, {@code send} and {@code status}. */
final class ClusterFiles {
    private ClusterFiles() {}

    /** The config file's name without {@code .json}: the cluster's name in the database. */
    static String clusterName(Path configFile) {
        String file = configFile.getFileName().toString();
        return file.endsWith(".json") ? file.substring(0, file.length() - 5) : file;
    }

    /** {@code db}, which must exist (for commands that work on a kernel at rest). */
    static Path existingDatabase(Path db) {
        if (!Files.isRegularFile(db)) {
            throw new UserInputException(db + " does not exist: give the database of a cluster started with"
                    + " 'jocap run' (--db FILE; its default is .jocap/<config name>.db)");
        }
        return db;
    }

    /**
     * The workers of a cluster: {@code inProcess} for the vats that run in this JVM, a worker
     * process of its own for each vat whose config says {@code "worker": "process"}; the worker
     * processes log to {@code err}, as the in-process vats do.
     */
    static VatWorkers workers(VatWorkers inProcess, PrintWriter err) {
        return new ClusterVatWorkers(inProcess, new ProcessVatWorkers(line -> {
            err.println(line);
            err.flush();
        }));
    }
}
