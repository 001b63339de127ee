package io.jocap.worker.process;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * One side's writing end of the worker pipe: whole messages, one frame each, from any thread.
 * Messages nobody waits for may stay buffered ({@link #send}) and go with the next {@link
 * #sendNow}, so a turn's posted syscalls cross the pipe in one write with its end or its next
 * vatstore read.
 */
final class FrameOutput implements AutoCloseable {
    private final OutputStream out;

    FrameOutput(OutputStream out) {
        this.out = new BufferedOutputStream(out, 1 << 16);
    }

    /** Writes {@code message}, possibly leaving it buffered. */
    synchronized void send(WorkerMessage message) throws IOException {
        Frames.write(out, WorkerMessage.write(message));
    }

    /** Writes {@code message} and everything buffered before it, and flushes. */
    synchronized void sendNow(WorkerMessage message) throws IOException {
        Frames.write(out, WorkerMessage.write(message));
        out.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
