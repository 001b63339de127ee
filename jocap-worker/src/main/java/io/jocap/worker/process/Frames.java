package io.jocap.worker.process;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serial;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The framing of the worker pipe (see {@code docs/worker-protocol.md}): each frame is a 4-byte
 * big-endian length {@code n}, 1 ≤ n ≤ {@value #MAX_FRAME_BYTES}, then {@code n} bytes of UTF-8
 * text (one JSON value). A violation is a {@link FrameException} saying what was wrong; the
 * connection cannot be trusted after it and is closed.
 */
final class Frames {
    /** The largest frame either side writes or reads: 64 MiB. */
    static final int MAX_FRAME_BYTES = 64 << 20;

    private Frames() {}

    /** A frame broke the rules (a bad length, text that is not UTF-8). */
    static final class FrameException extends IOException {
        @Serial private static final long serialVersionUID = 1L;

        FrameException(String message) {
            super(message);
        }
    }

    /**
     * Writes {@code text} as one frame (not flushed).
     *
     * @throws FrameException if it is empty or longer than the limit once encoded
     */
    static void write(OutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length == 0 || bytes.length > MAX_FRAME_BYTES) {
            throw new FrameException(lengthProblem(bytes.length) + " (not written)");
        }
        int n = bytes.length;
        out.write(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
        out.write(bytes);
    }

    /**
     * Reads one frame's text; {@code null} if the stream ends cleanly before a frame starts.
     *
     * @throws EOFException if the stream ends inside a frame
     * @throws FrameException if the length is out of bounds or the text is not UTF-8
     */
    static String read(InputStream in) throws IOException {
        byte[] header = in.readNBytes(4);
        if (header.length == 0) {
            return null;
        }
        if (header.length < 4) {
            throw new EOFException("the stream ended inside a frame's length (" + header.length + " of 4 bytes)");
        }
        int n = ((header[0] & 0xFF) << 24) | ((header[1] & 0xFF) << 16) | ((header[2] & 0xFF) << 8) | (header[3] & 0xFF);
        if (n <= 0 || n > MAX_FRAME_BYTES) {
            throw new FrameException(lengthProblem(n & 0xFFFFFFFFL));
        }
        byte[] body = in.readNBytes(n);
        if (body.length < n) {
            throw new EOFException("the stream ended inside a frame (" + body.length + " of " + n + " bytes)");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new FrameException("a frame of " + n + " bytes is not UTF-8 text");
        }
    }

    private static String lengthProblem(long n) {
        return n == 0 ? "an empty frame" : "a frame of " + n + " bytes, over the limit of " + MAX_FRAME_BYTES + " bytes (64 MiB)";
    }
}
