package io.jocap.cli.run;

import io.jocap.cli.UserInputException;
import io.jocap.kernel.cluster.VatWorkers;
import io.jocap.kernel.host.Kernel;
import io.jocap.store.StoreOptions;
import io.jocap.worker.ClusterVatWorkers;
import io.jocap.worker.InProcessVatWorkers;
import io.jocap.worker.process.ProcessVatWorkers;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

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

    /** What a command does with a kernel at rest: it waits for the kernel and returns what to print. */
    @FunctionalInterface
    interface KernelWork {
        String run(Kernel kernel) throws ExecutionException, InterruptedException, TimeoutException;
    }

    /**
     * Opens the kernel in {@code db} (which must exist) with its vats running, does {@code work},
     * prints its result and returns 0; a failure is printed as {@code jocap: <reason>} (or
     * {@code timedOut} if it took too long) and returns 1.
     */
    static int onKernelAtRest(Path db, PrintWriter out, PrintWriter err, String timedOut, KernelWork work) {
        try (Kernel kernel = Kernel.open(existingDatabase(db), StoreOptions.defaults(), vatWorkers(err))) {
            out.println(work.run(kernel));
            out.flush();
            return 0;
        } catch (ExecutionException e) {
            err.println("jocap: " + e.getCause().getMessage());
            return 1;
        } catch (TimeoutException e) {
            err.println("jocap: " + timedOut);
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
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
