package io.jocap.cli.run;

import io.jocap.kernel.cluster.VatWorkers;
import io.jocap.kernel.host.Kernel;
import io.jocap.store.StoreOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code jocap gc --db FILE}: collects garbage across the vats of a kernel at rest (its vats
 * resumed for the purpose) and prints how many objects and promises the store held before and after.
 */
@Command(name = "gc", mixinStandardHelpOptions = true,
        description = {"Collect garbage across the vats of a kernel at rest: reap every vat, then let the",
            "drops and retirements that follow run; print the objects and promises before and after."})
public final class GcCommand implements Callable<Integer> {
    @Option(names = "--db", paramLabel = "FILE", required = true, description = "The kernel's database file.")
    Path db;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "300",
            description = "How long to wait for the collection to finish (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        VatWorkers workers = ClusterFiles.vatWorkers(err);
        try (Kernel kernel = Kernel.open(ClusterFiles.existingDatabase(db), StoreOptions.defaults(), workers)) {
            long[] before = counts(kernel);
            int reaped = kernel.collectGarbage().get(timeoutSeconds, TimeUnit.SECONDS);
            long[] after = counts(kernel);
            out.println("reaped " + reaped + " vat" + (reaped == 1 ? "" : "s") + "; objects " + before[0] + " -> "
                    + after[0] + "; promises " + before[1] + " -> " + after[1]);
            out.flush();
            return 0;
        } catch (ExecutionException e) {
            err.println("jocap: " + e.getCause().getMessage());
            return 1;
        } catch (TimeoutException e) {
            err.println("jocap: garbage collection did not finish within " + timeoutSeconds + " s (see --timeout)");
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private static long[] counts(Kernel kernel) throws ExecutionException, InterruptedException {
        return kernel.query(s -> new long[] {s.objects().count(), s.promises().count()}).get();
    }
}
