package io.jocap.worker;

import io.jocap.kernel.cluster.VatWorkers;
import io.jocap.kernel.config.VatCode;
import io.jocap.kernel.config.VatConfig;
import io.jocap.kernel.config.WorkerKind;
import io.jocap.kernel.run.ExternalTurn;
import io.jocap.kernel.run.VatEndpoint;
import io.jocap.vat.Vat;
import io.jocap.vat.load.ClassCheck;
import io.jocap.vat.load.VatClassSource;
import io.jocap.vat.powers.Endowments;
import io.jocap.worker.verify.VatVerifier;
import java.nio.file.Files;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * {@link VatWorkers} that run every vat in the kernel's process ({@link InProcessWorker}): code
 * from the config's {@code source}, {@code jar} or {@code directory}, endowments from its
 * {@code endowments} and {@code network.allowedHosts}. Every vat's code passes the load-time
 * verifier ({@link VatVerifier#standard()}) before it starts, unless another check is given, and
 * its classes are metered: a turn may take {@link InProcessWorker#DEFAULT_STEP_BUDGET} steps unless
 * another budget is given (a runaway loop then fails its delivery and the vat is terminated). A
 * vat's turns are run by the kernel's thread ({@link InProcessWorker.TurnThread#KERNEL}), unless
 * its config says {@code "worker": "vatThread"} ({@link InProcessWorker.TurnThread#VAT}). A vat
 * asking for {@code "worker": "process"} is refused: {@link ClusterVatWorkers} sends those to
 * worker processes.
 */
public final class InProcessVatWorkers implements VatWorkers {
    private final Consumer<String> logSink;
    private final ClassCheck check;
    private final long stepBudget;

    /** Workers whose vats log to {@code logSink} and whose code must pass the standard {@link VatVerifier}. */
    public InProcessVatWorkers(Consumer<String> logSink) {
        this(logSink, VatVerifier.standard());
    }

    /**
     * Workers whose vats log to {@code logSink} and whose code passes {@code check} before any of
     * it is defined ({@link ClassCheck#NONE} turns checking off: for tests of code the verifier
     * would refuse).
     */
    public InProcessVatWorkers(Consumer<String> logSink, ClassCheck check) {
        this(logSink, check, InProcessWorker.DEFAULT_STEP_BUDGET);
    }

    /**
     * Workers as {@link #InProcessVatWorkers(Consumer, ClassCheck)} whose vats may take at most
     * {@code stepBudget} metered steps (method entries and loop iterations of their own code) in
     * one turn; see {@link InProcessWorker#DEFAULT_STEP_BUDGET}.
     *
     * @throws IllegalArgumentException if {@code stepBudget} is not positive
     */
    public InProcessVatWorkers(Consumer<String> logSink, ClassCheck check, long stepBudget) {
        this.logSink = Objects.requireNonNull(logSink, "logSink");
        this.check = Objects.requireNonNull(check, "check");
        if (stepBudget <= 0) {
            throw new IllegalArgumentException("a step budget must be positive, not " + stepBudget);
        }
        this.stepBudget = stepBudget;
    }

    @Override
    public VatEndpoint start(String vatId, VatConfig config, Consumer<ExternalTurn> externalTurns) throws Exception {
        if (config.worker() == WorkerKind.PROCESS) {
            throw new IllegalArgumentException("\"worker\": \"process\" runs a vat in a JVM of its own; these workers run vats"
                    + " in the kernel's JVM only (use ClusterVatWorkers)");
        }
        Endowments endowments = Endowments.parse(config.name(), config.endowments(), config.allowedHosts());
        VatClassSource source = switch (config.code()) {
            case VatCode.SourceFile file -> new VatClassSource.JavaSource(requireFile(file.path(), file.written()));
            case VatCode.Jar jar -> new VatClassSource.Jar(requireFile(jar.path(), jar.written()));
            case VatCode.ClassDirectory dir -> new VatClassSource.Directory(requireFile(dir.path(), dir.written()));
        };
        Supplier<Vat> vat = VatFactories.fromSource(config.name(), source, className(config.code()), check);
        return InProcessWorker.start(config.name(), vat, endowments, logSink, externalTurns, InProcessWorker.DEFAULT_DEADLINE,
                stepBudget, config.worker() == WorkerKind.VAT_THREAD
                        ? InProcessWorker.TurnThread.VAT : InProcessWorker.TurnThread.KERNEL);
    }

    private static String className(VatCode code) {
        return switch (code) {
            case VatCode.SourceFile file -> file.className();
            case VatCode.Jar jar -> jar.className();
            case VatCode.ClassDirectory dir -> dir.className();
        };
    }

    private static java.nio.file.Path requireFile(java.nio.file.Path path, String written) {
        if (!Files.exists(path)) {
            throw new IllegalArgumentException(written + " does not exist (looked at " + path + ")");
        }
        return path;
    }
}
