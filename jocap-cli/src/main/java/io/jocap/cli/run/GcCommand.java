package io.jocap.cli.run;

import io.jocap.kernel.host.Kernel;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
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
        return ClusterFiles.onKernelAtRest(db, spec.commandLine().getOut(), spec.commandLine().getErr(),
                "garbage collection did not finish within " + timeoutSeconds + " s (see --timeout)", kernel -> {
                    long[] before = counts(kernel);
                    int reaped = kernel.collectGarbage().get(timeoutSeconds, TimeUnit.SECONDS);
                    long[] after = counts(kernel);
                    return "reaped " + reaped + " vat" + (reaped == 1 ? "" : "s") + "; objects " + before[0] + " -> "
                            + after[0] + "; promises " + before[1] + " -> " + after[1];
                });
    }

    private static long[] counts(Kernel kernel) throws ExecutionException, InterruptedException {
        return kernel.query(s -> new long[] {s.objects().count(), s.promises().count()}).get();
    }
}
