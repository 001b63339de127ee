package io.jocap.worker.process;

import io.jocap.kernel.config.ClusterConfigParser;
import io.jocap.kernel.host.Kernel;
import io.jocap.store.StoreOptions;
import io.jocap.vat.load.ClassCheck;
import io.jocap.worker.ClusterVatWorkers;
import io.jocap.worker.InProcessVatWorkers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A kernel host in a JVM of its own, for the tests of what happens to worker processes when their
 * kernel's JVM goes away: launches {@code pair.json} (its vat {@code keeper} in a worker process),
 * has the keeper spin forever in a delivery, prints {@code worker PID} once it spins, then, by the
 * mode given, waits to be killed ({@code kill}) or exits without closing the kernel ({@code exit}).
 *
 * <p>Arguments: the kernel's file, the cluster config, the mode.
 */
public final class KernelHostChild {
    private KernelHostChild() {}

    public static void main(String[] args) throws Exception {
        Path config = Path.of(args[1]);
        CountDownLatch spinning = new CountDownLatch(1);
        ProcessVatWorkers process = new ProcessVatWorkers(line -> {
            System.err.println(line);
            if (line.contains("spinning")) {
                spinning.countDown();
            }
        }, ProcessWorkerTest.options(Duration.ofMinutes(5)));
        Kernel kernel = Kernel.open(Path.of(args[0]), StoreOptions.defaults(),
                new ClusterVatWorkers(new InProcessVatWorkers(System.err::println, ClassCheck.NONE), process));
        kernel.launchSubcluster("pair", ClusterConfigParser.parse(config), config.getParent()).get(60, TimeUnit.SECONDS);
        String keeperId = kernel.subcluster("pair").orElseThrow().vats().get("keeper");
        String keeper = kernel.query(s -> s.clist(keeperId).krefFor("o+0")).get(60, TimeUnit.SECONDS);
        kernel.queueMessage(keeper, "spin", List.of());
        if (!spinning.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the keeper did not start spinning");
        }
        System.out.println("worker " + process.worker(keeperId).orElseThrow().pid());
        System.out.flush();
        if (args[2].equals("exit")) {
            System.exit(0); // no kernel.close(): the shutdown hook must do it
        }
        Thread.sleep(Long.MAX_VALUE);
    }
}
