package io.jocap.cli.run;

import io.jocap.cli.UserInputException;
import io.jocap.kernel.cluster.SubclusterRecords;
import io.jocap.kernel.config.ClusterConfig;
import io.jocap.kernel.config.ClusterConfigParser;
import io.jocap.kernel.config.ConfigException;
import io.jocap.kernel.host.Kernel;
import io.jocap.kernel.host.SystemSubcluster;
import io.jocap.kernel.host.VatLaunchException;
import io.jocap.marshal.PassableFormatter;
import io.jocap.store.StoreOptions;
import io.jocap.vat.load.ClassCheck;
import io.jocap.worker.InProcessVatWorkers;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jocap run <cluster.json> [--db FILE] [--reset]}: runs a cluster on an embedded SQLite
 * file. The first run launches the cluster's vats; later runs find them in the file and resume
 * them (each vat rebuilt from its code and its durable state). Every run then sends
 * {@code bootstrap(vats, services)} to the bootstrap vat and prints its answer.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Run a cluster on an embedded SQLite file: launch it on the first run, resume it on later runs,",
            "then send bootstrap(vats, services) to its bootstrap vat and print the answer."
        })
public final class RunCommand implements Callable<Integer> {
    @Parameters(paramLabel = "CLUSTER", description = "The cluster config (JSON); see docs/cluster-config.md.")
    Path configFile;

    @Option(names = "--db", paramLabel = "FILE",
            description = "The kernel's database file (default: .jocap/<config name>.db in the current directory).")
    Path db;

    @Option(names = "--reset", description = "Delete the database first and start the cluster afresh.")
    boolean reset;

    @Option(names = "--system", description = {
            "Run the cluster as the kernel's system subcluster: it may be given systemOnly services such as",
            "kernelFacet. Any other system subcluster in the database is terminated (it is no longer declared)."})
    boolean system;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120",
            description = "How long to wait for the launch and for bootstrap's answer (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ClusterConfig config;
        try {
            config = ClusterConfigParser.parse(configFile);
        } catch (ConfigException e) {
            throw new UserInputException(configFile + " is not a usable cluster config:\n  "
                    + String.join("\n  ", e.problems()));
        }
        if (config.bootstrap() == null) {
            throw new UserInputException(configFile + " names no \"bootstrap\" vat: jocap run sends bootstrap(vats, services) to it");
        }
        String name = ClusterFiles.clusterName(configFile);
        Path dbFile = db != null ? db : Path.of(".jocap", name + ".db");
        if (reset) {
            deleteDatabase(dbFile);
        }
        if (dbFile.getParent() != null) {
            Files.createDirectories(dbFile.getParent());
        }
        Path baseDir = configFile.toAbsolutePath().normalize().getParent();
        InProcessVatWorkers workers = new InProcessVatWorkers(line -> {
            err.println(line);
            err.flush();
        }, ClassCheck.NONE);
        try (Kernel kernel = Kernel.open(dbFile, StoreOptions.defaults(), ClusterFiles.workers(workers, err))) {
            Optional<SubclusterRecords.Subcluster> existing = kernel.subcluster(name);
            if (system) {
                return runAsSystem(kernel, name, config, baseDir, dbFile, out, err);
            }
            if (existing.isPresent() && existing.get().system()) {
                err.println("jocap: " + name + " is a system subcluster in " + dbFile + "; run it with --system");
                return 1;
            }
            if (existing.isPresent()) {
                err.println("jocap: resumed cluster " + name + " from " + dbFile + " (vats " + vatList(existing.get()) + ")");
            } else {
                try {
                    SubclusterRecords.Subcluster launched =
                            kernel.launchSubcluster(name, config, baseDir).get(timeoutSeconds, TimeUnit.SECONDS);
                    err.println("jocap: launched cluster " + name + " in " + dbFile + " (vats " + vatList(launched) + ")");
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof VatLaunchException launch) {
                        err.println("jocap: " + launch.getMessage());
                        return 1;
                    }
                    err.println("jocap: the launch failed: " + e.getCause().getMessage());
                    return 1;
                }
            }
            err.flush();
            try {
                Object answer = kernel.bootstrap(name).get(timeoutSeconds, TimeUnit.SECONDS);
                out.println(PassableFormatter.format(answer));
                out.flush();
                return 0;
            } catch (ExecutionException e) {
                err.println("jocap: bootstrap failed: " + e.getCause().getMessage());
                return 1;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("jocap: interrupted");
            return 1;
        } catch (TimeoutException e) {
            err.println("jocap: no answer within " + timeoutSeconds + " s (see --timeout)");
            return 1;
        }
    }

    /** {@code --system}: declare the cluster as the one system subcluster, then bootstrap it if it was there already. */
    private int runAsSystem(Kernel kernel, String name, ClusterConfig config, Path baseDir, Path dbFile, PrintWriter out,
            PrintWriter err) throws InterruptedException, TimeoutException {
        SystemSubcluster.Declared declared;
        try {
            declared = kernel.declareSystemSubclusters(List.of(new SystemSubcluster(name, config, baseDir)))
                    .get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            err.println("jocap: " + e.getCause().getMessage());
            return 1;
        }
        for (String gone : declared.terminated()) {
            err.println("jocap: terminated system subcluster " + gone + " (no longer declared)");
        }
        SubclusterRecords.Subcluster subcluster = kernel.subcluster(name).orElseThrow();
        Object answer;
        if (declared.launched().containsKey(name)) {
            err.println("jocap: launched system cluster " + name + " in " + dbFile + " (vats " + vatList(subcluster) + ")");
            answer = declared.launched().get(name); // the launch bootstrapped it
        } else {
            err.println("jocap: resumed system cluster " + name + " from " + dbFile + " (vats " + vatList(subcluster) + ")");
            try {
                answer = kernel.bootstrap(name).get(timeoutSeconds, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                err.println("jocap: bootstrap failed: " + e.getCause().getMessage());
                return 1;
            }
        }
        err.flush();
        out.println(PassableFormatter.format(answer));
        out.flush();
        return 0;
    }

    private static String vatList(SubclusterRecords.Subcluster subcluster) {
        StringBuilder sb = new StringBuilder();
        subcluster.vats().forEach((vat, id) -> sb.append(sb.isEmpty() ? "" : ", ").append(vat).append(" (").append(id).append(')'));
        return sb.toString();
    }

    private static void deleteDatabase(Path dbFile) throws IOException {
        String base = dbFile.getFileName().toString();
        for (String suffix : new String[] {"", "-wal", "-shm", "-journal", ".lock"}) {
            Files.deleteIfExists(dbFile.resolveSibling(base + suffix));
        }
    }
}
