package io.jocap.cli.run;

import io.jocap.kernel.cluster.SubclusterRecords;
import io.jocap.kernel.host.Kernel;
import io.jocap.kernel.host.KernelStatus;
import io.jocap.kernel.run.DeadLetter;
import io.jocap.store.StoreOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jocap status --db FILE}: what a kernel at rest holds: subclusters, vats, queues, dead letters. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show a kernel at rest: its subclusters and vats, its queues and its dead letters.")
public final class StatusCommand implements Callable<Integer> {
    @Option(names = "--db", paramLabel = "FILE", required = true, description = "The kernel's database file.")
    Path db;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        // Opened without vat workers: nothing runs, the vats are only listed.
        try (Kernel kernel = Kernel.open(ClusterFiles.existingDatabase(db), StoreOptions.defaults())) {
            List<SubclusterRecords.Subcluster> subclusters = kernel.subclusters();
            KernelStatus status = kernel.status();
            out.println("database: " + db);
            out.println("subclusters: " + (subclusters.isEmpty() ? "none" : subclusters.size()));
            for (SubclusterRecords.Subcluster sc : subclusters) {
                StringBuilder vats = new StringBuilder();
                for (var vat : sc.vats().entrySet()) {
                    String root = kernel.query(s -> s.clist(vat.getValue()).krefFor("o+0")).join();
                    vats.append(vats.isEmpty() ? "" : ", ").append(vat.getKey()).append(" (").append(vat.getValue())
                            .append(root == null ? ", terminated" : ", root " + root).append(')');
                }
                out.println("  " + sc.name() + " (" + sc.id() + (sc.system() ? ", system" : "") + "): vats " + vats
                        + (sc.bootstrap() == null ? "" : "; bootstrap " + sc.bootstrap())
                        + (sc.services().isEmpty() ? "" : "; services " + String.join(", ", sc.services())));
            }
            out.println("run queue: " + status.runQueueLength() + " item" + (status.runQueueLength() == 1 ? "" : "s")
                    + "; GC actions waiting: " + status.gcActionsWaiting() + "; reaps waiting: " + status.reapsWaiting());
            if (!status.vatsBeingCleanedUp().isEmpty()) {
                out.println("terminated vats still being cleaned up: " + String.join(", ", status.vatsBeingCleanedUp()));
            }
            List<DeadLetter> letters = kernel.deadLetters();
            out.println("dead letters: " + letters.size());
            for (DeadLetter letter : letters) {
                out.println("  #" + letter.number() + " " + letter.item());
                out.println("     " + letter.error().replace("\n", "\n     "));
            }
            out.flush();
            return 0;
        }
    }
}
