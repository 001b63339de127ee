package io.jocap.cli.run;

import io.jocap.cli.UserInputException;
import io.jocap.kernel.cluster.VatWorkers;
import io.jocap.worker.ClusterVatWorkers;
import io.jocap.worker.InProcessVatWorkers;
import io.jocap.worker.process.ProcessVatWorkers;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where a cluster's database is and how its vats run, shared by the cluster commands. */
final class ClusterFiles {
    private ClusterFiles() {}

    /** The config file's name without {@code .json}: the cluster's name in the database. */
    static String clusterName(Path configFile) {
        String file = configFile.getFileName().toString();
        return file.endsWith(".json") ? file.substring(0, file.length() - 5) : file;
    }

    /**
     * The workers that run the vats of a kernel opened by a command: in this JVM, or in a worker
     * process of its own for a vat whose config says {@code "worker": "process"}. Every vat's
     * classes pass the load-time verifier; vats log to {@code err}.
     */
    static VatWorkers vatWorkers(PrintWriter err) {
        java.util.function.Consumer<String> log = line -> {
            err.println(line);
            err.flush();
        };
        return new ClusterVatWorkers(new InProcessVatWorkers(log), new ProcessVatWorkers(log));
    }

    /** {@code db}, which must exist (for commands that work on a kernel at rest). */
    static Path existingDatabase(Path db) {
        if (!Files.isRegularFile(db)) {
            throw new UserInputException(db + " does not exist: give the database of a cluster started with"
                    + " 'jocap run' (--db FILE; its default is .jocap/<config name>.db)");
        }
        return db;
    }
}
