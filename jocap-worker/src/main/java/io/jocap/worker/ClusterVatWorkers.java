package io.jocap.worker;

import io.jocap.kernel.cluster.VatWorkers;
import io.jocap.kernel.config.VatConfig;
import io.jocap.kernel.run.ExternalTurn;
import io.jocap.kernel.run.VatEndpoint;
import io.jocap.worker.process.ProcessVatWorkers;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The {@link VatWorkers} of a kernel that runs cluster configs: each vat goes to the workers of the
 * kind its config's {@code "worker"} names ({@code "inProcess"}, the default, and {@code
 * "vatThread"} to the in-process workers; {@code "process"} to worker processes).
 */
public final class ClusterVatWorkers implements VatWorkers {
    private final VatWorkers inProcess;
    private final VatWorkers process;

    /** Vats dispatched to {@code inProcess} (such as {@link InProcessVatWorkers}) or {@code process} (such as {@link ProcessVatWorkers}). */
    public ClusterVatWorkers(VatWorkers inProcess, VatWorkers process) {
        this.inProcess = Objects.requireNonNull(inProcess, "inProcess");
        this.process = Objects.requireNonNull(process, "process");
    }

    @Override
    public VatEndpoint start(String vatId, VatConfig config, Consumer<ExternalTurn> externalTurns) throws Exception {
        return switch (config.worker()) {
            case IN_PROCESS, VAT_THREAD -> inProcess.start(vatId, config, externalTurns);
            case PROCESS -> process.start(vatId, config, externalTurns);
        };
    }
}
