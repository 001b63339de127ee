package io.jocap.worker.process;

import io.jocap.kernel.config.ClusterConfigParser;
import io.jocap.kernel.config.VatConfig;
import io.jocap.vat.Vat;
import io.jocap.vat.load.ClassCheck;
import io.jocap.vat.powers.Endowments;
import java.io.BufferedInputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * The main class of a worker process: one vat in a JVM of its own, started by {@link ProcessWorker}
 * and talking the worker protocol ({@code docs/worker-protocol.md}) over its standard input and
 * output. Standard error is for the JVM's own messages; {@code System.out} is pointed at it, so a
 * stray print cannot corrupt the pipe.
 *
 * <p>The process lives as long as its standard input: when the kernel closes it, or dies (even by
 * SIGKILL, since the kernel's end of the pipe closes with its process), the read ends and the
 * process halts at once, whatever the vat is doing. It also halts if it cannot write to the kernel.
 * Exit statuses: {@value #EXIT_NORMAL} (the kernel closed the pipe or went away), {@value
 * #EXIT_START_FAILED} (the vat could not be loaded), {@value #EXIT_PROTOCOL} (a malformed or
 * oversized message), {@value #EXIT_KERNEL_GONE} (writing to the kernel failed); 3 is the JVM's
 * own for {@code -XX:+ExitOnOutOfMemoryError}.
 */
public final class WorkerMain {
    static final int EXIT_NORMAL = 0;
    static final int EXIT_START_FAILED = 1;
    static final int EXIT_PROTOCOL = 2;
    static final int EXIT_KERNEL_GONE = 4;

    private WorkerMain() {}

    public static void main(String[] args) {
        FrameOutput out = new FrameOutput(new FileOutputStream(FileDescriptor.out));
        System.setOut(System.err);
        InputStream in = new BufferedInputStream(new FileInputStream(FileDescriptor.in), 1 << 16);
        try {
            ChildVat vat = start(in, out);
            serve(in, vat);
        } catch (Throwable e) {
            System.err.println("jocap worker: " + e);
            Runtime.getRuntime().halt(e instanceof IOException || e instanceof IllegalArgumentException
                    ? EXIT_PROTOCOL : EXIT_START_FAILED);
        }
    }

    /** Reads the start message and loads the vat; answers ready, or startFailed and exits. */
    private static ChildVat start(InputStream in, FrameOutput out) throws IOException {
        String first = Frames.read(in);
        if (first == null) {
            Runtime.getRuntime().halt(EXIT_NORMAL);
        }
        if (!(WorkerMessage.readToWorker(first) instanceof WorkerMessage.Start start)) {
            throw new IOException("the first message was not start: " + first);
        }
        ChildVat vat;
        try {
            VatConfig config = ClusterConfigParser.parseVat(start.config(), start.name(), Path.of("").toAbsolutePath());
            Endowments endowments = Endowments.parse(config.name(), config.endowments(), config.allowedHosts());
            ClassCheck check = ClassChecks.named(start.classCheck());
            Supplier<Vat> factory = VatCodes.factory(config, check);
            vat = ChildVat.start(config.name(), factory, endowments, out);
        } catch (Exception | LinkageError e) {
            String reason = e.getMessage() != null ? e.getMessage() : e.toString();
            out.sendNow(new WorkerMessage.StartFailed(reason));
            Runtime.getRuntime().halt(EXIT_START_FAILED);
            throw new AssertionError("unreachable");
        }
        out.sendNow(new WorkerMessage.Ready());
        return vat;
    }

    /** Hands the kernel's messages to the vat until the pipe closes or the kernel says stop. */
    private static void serve(InputStream in, ChildVat vat) throws IOException {
        while (true) {
            String text = Frames.read(in);
            if (text == null) {
                Runtime.getRuntime().halt(EXIT_NORMAL); // the kernel is gone or let go of us
            }
            switch (WorkerMessage.readToWorker(text)) {
                case WorkerMessage.Deliver deliver -> vat.deliver(deliver.delivery());
                case WorkerMessage.RunTurn turn -> vat.runExternalTurn();
                case WorkerMessage.Answer answer -> vat.answer(answer.result());
                case WorkerMessage.Start again -> throw new IOException("a second start message");
            }
        }
    }

    /**
     * Writing to the kernel failed: it is gone (or the message was too big for a frame, which is
     * said on standard error). Halts the process; declared to return so callers can {@code throw}.
     */
    static RuntimeException kernelGone(IOException e) {
        if (e instanceof Frames.FrameException) {
            System.err.println("jocap worker: cannot send a message to the kernel: " + e.getMessage());
            Runtime.getRuntime().halt(EXIT_PROTOCOL);
        }
        Runtime.getRuntime().halt(EXIT_KERNEL_GONE);
        return new IllegalStateException("unreachable");
    }
}
