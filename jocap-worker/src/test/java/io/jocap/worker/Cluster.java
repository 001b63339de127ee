package io.jocap.worker;

import static java.util.concurrent.TimeUnit.SECONDS;

import io.jocap.kernel.host.InboxItem;
import io.jocap.kernel.host.Kernel;
import io.jocap.vat.Vat;
import io.jocap.vat.powers.Endowments;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/** A real kernel on a temporary store with in-process workers: the fixture of the worker tests. */
final class Cluster implements AutoCloseable {
    final Kernel kernel = Kernel.openTemporary();
    final List<String> logs = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, InProcessWorker> workers = new LinkedHashMap<>();
    private int nextVat = 1;
    private final InProcessWorker.TurnThread turnThread;

    /** Vats whose turns run on the kernel's thread (the default). */
    Cluster() {
        this(InProcessWorker.TurnThread.KERNEL);
    }

    /** Vats whose turns run on {@code turnThread}. */
    Cluster(InProcessWorker.TurnThread turnThread) {
        this.turnThread = turnThread;
    }

    /** Launches a vat with only the logger; returns its root kref. */
    String launch(String name, Supplier<? extends Vat> vat) throws Exception {
        return launch(name, vat, Endowments.loggerOnly(name), Map.of());
    }

    String launch(String name, Supplier<? extends Vat> vat, Endowments endowments, Map<String, ?> parameters)
            throws Exception {
        String vatId = "v" + nextVat++;
        InProcessWorker worker = worker(vatId, name, vat, endowments);
        workers.put(vatId, worker);
        return kernel.launchVat(vatId, worker, parameters).get(30, SECONDS);
    }

    /** Restarts vat {@code vatId} with a new worker made from {@code vat}; returns the root. */
    String restart(String vatId, Supplier<? extends Vat> vat, Map<String, ?> parameters) throws Exception {
        InProcessWorker old = workers.get(vatId);
        old.close();
        InProcessWorker worker = worker(vatId, old.vatName(), vat, Endowments.loggerOnly(old.vatName()));
        workers.put(vatId, worker);
        return kernel.restartVat(vatId, worker, parameters).get(30, SECONDS);
    }

    private InProcessWorker worker(String vatId, String name, Supplier<? extends Vat> vat, Endowments endowments) {
        return InProcessWorker.start(name, vat, endowments, logs::add,
                turn -> kernel.inbox().offer(new InboxItem.VatTurn(vatId, turn)), Duration.ofSeconds(30),
                InProcessWorker.DEFAULT_STEP_BUDGET, turnThread);
    }

    /** Sends {@code method(args)} from the host and waits for the answer. */
    Object call(String target, String method, Object... args) throws Exception {
        return answer(kernel.queueMessage(target, method, List.of(args)));
    }

    /** The failure of a call from the host. */
    Throwable failure(String target, String method, Object... args) throws Exception {
        try {
            Object value = answer(kernel.queueMessage(target, method, List.of(args)));
            throw new AssertionError("expected a rejection, got " + value);
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    private static Object answer(CompletableFuture<Object> future) throws Exception {
        return future.get(30, SECONDS);
    }

    void assertAuditClean() throws Exception {
        HostCalls.assertAuditClean(kernel);
    }

    @Override
    public void close() {
        kernel.close();
        workers.values().forEach(InProcessWorker::close);
    }
}
