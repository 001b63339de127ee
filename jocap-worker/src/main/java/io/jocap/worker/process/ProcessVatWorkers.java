package io.jocap.worker.process;

import io.jocap.kernel.cluster.VatWorkers;
import io.jocap.kernel.config.VatConfig;
import io.jocap.kernel.run.ExternalTurn;
import io.jocap.kernel.run.VatEndpoint;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * {@link VatWorkers} that run each vat in a worker process of its own ({@link ProcessWorker}), for
 * vats whose config says {@code "worker": "process"}; the heap limit is the config's {@code
 * maxHeapMb}, or the options' default.
 */
public final class ProcessVatWorkers implements VatWorkers {
    private final Consumer<String> logSink;
    private final ProcessWorkerOptions options;
    private final Map<String, ProcessWorker> latest = new ConcurrentHashMap<>();

    /** Workers with the default options, logging to {@code logSink}. */
    public ProcessVatWorkers(Consumer<String> logSink) {
        this(logSink, ProcessWorkerOptions.defaults());
    }

    /**
     * Workers run with {@code options}, logging to {@code logSink} (the vats' log lines and the
     * worker processes' standard error; called on reader threads, so it must be thread-safe).
     *
     * @throws IllegalArgumentException if the options name a class check that cannot be made
     */
    public ProcessVatWorkers(Consumer<String> logSink, ProcessWorkerOptions options) {
        this.logSink = Objects.requireNonNull(logSink, "logSink");
        this.options = Objects.requireNonNull(options, "options");
        ClassChecks.named(options.classCheck()); // a wrong name fails here, not in every worker
    }

    @Override
    public VatEndpoint start(String vatId, VatConfig config, Consumer<ExternalTurn> externalTurns) throws Exception {
        ProcessWorker worker = ProcessWorker.start(vatId, config, options, logSink, externalTurns);
        latest.put(vatId, worker);
        return worker;
    }

    /** The worker most recently started for vat {@code vatId} (for operators and tests: its process id). */
    public Optional<ProcessWorker> worker(String vatId) {
        return Optional.ofNullable(latest.get(vatId));
    }

    /** The options workers are started with. */
    public ProcessWorkerOptions options() {
        return options;
    }
}
