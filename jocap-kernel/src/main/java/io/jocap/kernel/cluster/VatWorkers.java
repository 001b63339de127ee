package io.jocap.kernel.cluster;

import io.jocap.kernel.config.VatConfig;
import io.jocap.kernel.run.ExternalTurn;
import io.jocap.kernel.run.VatEndpoint;
import java.util.function.Consumer;

/**
 * Makes the endpoint (the worker) that runs a vat from its config: loads its code, grants its
 * endowments. The kernel calls it when it launches a vat and, after a kernel restart, to bring
 * every vat back before the run loop starts. Implemented outside the kernel (the in-process
 * worker, later the child-JVM worker).
 */
@FunctionalInterface
public interface VatWorkers {
    /**
     * A new, running worker for vat {@code vatId} described by {@code config}.
     *
     * @param externalTurns where the worker asks for external turns (already bound to this vat)
     * @throws Exception if the vat's code cannot be loaded or its config cannot be honoured; the
     *     message is shown to the operator with the vat's name
     */
    VatEndpoint start(String vatId, VatConfig config, Consumer<ExternalTurn> externalTurns) throws Exception;
}
