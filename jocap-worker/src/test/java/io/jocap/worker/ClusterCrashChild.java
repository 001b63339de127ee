package io.jocap.worker;

import io.jocap.kernel.config.ClusterConfigParser;
import io.jocap.kernel.host.Kernel;
import io.jocap.kernel.run.DeadLetter;
import io.jocap.kernel.state.AuditReport;
import io.jocap.store.StoreOptions;
import io.jocap.vat.load.ClassCheck;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The victim of {@link ClusterCrashTest}: opens the kernel stored in a file, launches the busy
 * cluster there if it is not there yet (otherwise the kernel resumed it on open), bootstraps it
 * (idempotent: the counter vat learns its peers again), and then steps the counter until it is
 * killed, keeping {@link #WINDOW} {@code step()} calls outstanding at any time.
 *
 * <p>It prints, one line each, flushed: {@code start N} (the counter's {@code value()} before this
 * process sent anything), {@code audit clean} (or {@code audit } and the report on one line),
 * {@code dead letters 0} (or their number and the letters: items the kernel could not handle),
 * then {@code committed N} for each answer, in the order the steps were sent. A host answer is
 * released only once the crank that settled it is durable, so every {@code committed} line names
 * a durable step. Anything unexpected ends the process with {@code failed ...} and exit status 1.
 *
 * <p>Arguments: the kernel's file, the directory holding {@code cluster.json}, then
 * {@code strict} or {@code batched}.
 */
public final class ClusterCrashChild {
    /** The subcluster's name. */
    static final String NAME = "busy";
    /** How many {@code step()} calls the host keeps outstanding. */
    static final int WINDOW = 4;

    private ClusterCrashChild() {}

    public static void main(String[] args) {
        try {
            run(Path.of(args[0]), Path.of(args[1]), args[2]);
        } catch (Throwable t) {
            t.printStackTrace();
            System.out.println("failed " + oneLine(String.valueOf(t)));
            System.out.flush();
            System.exit(1);
        }
    }

    private static void run(Path db, Path clusterDir, String mode) throws Exception {
        StoreOptions options = switch (mode) {
            case "strict" -> StoreOptions.strict();
            case "batched" -> StoreOptions.defaults();
            default -> throw new IllegalArgumentException("commit policy must be strict or batched: " + mode);
        };
        // Never closed: the process runs until it is killed.
        Kernel kernel = Kernel.open(db, options, new InProcessVatWorkers(System.err::println, ClassCheck.NONE));
        if (kernel.subcluster(NAME).isEmpty()) {
            kernel.launchSubcluster(NAME, ClusterConfigParser.parse(clusterDir.resolve("cluster.json")), clusterDir)
                    .get(60, TimeUnit.SECONDS);
        }
        kernel.bootstrap(NAME).get(60, TimeUnit.SECONDS);
        String counterVat = kernel.subcluster(NAME).orElseThrow().vats().get("counter");
        String counter = kernel.query(s -> s.clist(counterVat).krefFor("o+0")).get(60, TimeUnit.SECONDS);

        long start = number(kernel.queueMessage(counter, "value", List.of()).get(60, TimeUnit.SECONDS));
        report("start " + start);
        AuditReport audit = kernel.query(s -> s.audit().run()).get(60, TimeUnit.SECONDS);
        report(audit.isClean() ? "audit clean" : "audit " + oneLine(audit.toString()));
        List<DeadLetter> deadLetters = kernel.deadLetters();
        report("dead letters " + deadLetters.size()
                + (deadLetters.isEmpty() ? "" : " " + oneLine(deadLetters.toString())));

        Deque<CompletableFuture<Object>> outstanding = new ArrayDeque<>();
        while (true) {
            while (outstanding.size() < WINDOW) {
                outstanding.add(kernel.queueMessage(counter, "step", List.of()));
            }
            long n = number(outstanding.remove().get(60, TimeUnit.SECONDS));
            report("committed " + n);
        }
    }

    private static long number(Object answer) {
        if (answer instanceof Number n) {
            return n.longValue();
        }
        throw new IllegalStateException("expected a number, got " + answer);
    }

    private static String oneLine(String s) {
        return s.replace('\n', ' ');
    }

    private static void report(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
