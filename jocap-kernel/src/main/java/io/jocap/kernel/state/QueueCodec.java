package io.jocap.kernel.state;

import io.jocap.marshal.CapData;
import java.util.ArrayList;
import java.util.List;

/**
 * The store encoding of run-queue items and of messages queued on promises. Queues are on the
 * kernel's hot path, so the encoding is a short space-separated header followed by the raw
 * smallcaps body: no JSON escaping on the way in, no JSON parsing on the way out. This works
 * because every header field (krefs, endpoint ids, counts) is free of spaces, and the body is
 * last, so it may contain anything.
 *
 * <pre>
 *   message  = result " " slotCount (" " slot)* " " body
 *   result   = kref of the result promise, or "-" for none
 *   Send     = "S " target " " message
 *   Notify   = "N " endpoint " " promise
 * </pre>
 *
 * For example {@code S ko12 kp4 1 ko5 #["deposit",["$0.Alleged: purse"]]} and
 * {@code N v3 kp4}. Decoding validates every field and throws {@link IllegalArgumentException}
 * naming what is wrong; callers that read from the store add the key.
 */
public final class QueueCodec {
    /** The most slots a decoded message may claim; far above any real message, it stops absurd allocations. */
    static final int MAX_SLOTS = 1_000_000;

    private QueueCodec() {}

    /** Encodes a run-queue item. */
    public static String encode(RunQueueItem item) {
        return switch (item) {
            case RunQueueItem.Send send -> {
                StringBuilder sb = new StringBuilder(32 + send.message().methargs().body().length());
                sb.append("S ").append(send.target()).append(' ');
                yield appendMessage(sb, send.message()).toString();
            }
            case RunQueueItem.Notify notify -> "N " + notify.endpoint() + " " + notify.promise();
        };
    }

    /** Encodes a message queued on a promise. */
    public static String encode(KernelMessage message) {
        return appendMessage(new StringBuilder(24 + message.methargs().body().length()), message).toString();
    }

    /**
     * Decodes a run-queue item.
     *
     * @throws IllegalArgumentException if {@code text} is not a valid encoding
     */
    public static RunQueueItem decodeItem(String text) {
        try {
            if (text.startsWith("S ")) {
                int end = text.indexOf(' ', 2);
                if (end < 0) {
                    throw new IllegalArgumentException("Send item has no message after its target");
                }
                String target = checked(text.substring(2, end), "target");
                return new RunQueueItem.Send(target, decodeMessage(text, end + 1));
            }
            if (text.startsWith("N ")) {
                int space = text.indexOf(' ', 2);
                if (space < 0 || text.indexOf(' ', space + 1) >= 0) {
                    throw new IllegalArgumentException("Notify item must be \"N <endpoint> <promise>\"");
                }
                return new RunQueueItem.Notify(text.substring(2, space), text.substring(space + 1));
            }
            throw new IllegalArgumentException("unknown item type; expected \"S \" or \"N \" at the start");
        } catch (IllegalArgumentException e) {
            throw corrupt("run-queue item", text, e);
        }
    }

    /**
     * Decodes a message queued on a promise.
     *
     * @throws IllegalArgumentException if {@code text} is not a valid encoding
     */
    public static KernelMessage decodeMessage(String text) {
        try {
            return decodeMessage(text, 0);
        } catch (IllegalArgumentException e) {
            throw corrupt("queued message", text, e);
        }
    }

    private static StringBuilder appendMessage(StringBuilder sb, KernelMessage message) {
        sb.append(message.result() == null ? "-" : message.result());
        List<String> slots = message.methargs().slots();
        sb.append(' ').append(slots.size());
        for (String slot : slots) {
            sb.append(' ').append(slot);
        }
        return sb.append(' ').append(message.methargs().body());
    }

    private static KernelMessage decodeMessage(String text, int at) {
        int end = field(text, at, "result");
        String resultField = text.substring(at, end);
        String result = resultField.equals("-") ? null : checked(resultField, "result");
        at = end + 1;
        end = field(text, at, "slot count");
        long count = RefNumbers.parseCount(text.substring(at, end));
        if (count < 0 || count > MAX_SLOTS) {
            throw new IllegalArgumentException("bad slot count " + RefNumbers.shown(text.substring(at, end)));
        }
        List<String> slots = new ArrayList<>((int) count);
        at = end + 1;
        for (int i = 0; i < count; i++) {
            end = field(text, at, "slot " + i);
            slots.add(checked(text.substring(at, end), "slot " + i));
            at = end + 1;
        }
        if (at > text.length()) {
            throw new IllegalArgumentException("the body is missing");
        }
        return new KernelMessage(new CapData(text.substring(at), slots), result);
    }

    /** The end of the space-terminated field starting at {@code at}. */
    private static int field(String text, int at, String what) {
        int end = at > text.length() ? -1 : text.indexOf(' ', at);
        if (end < 0) {
            throw new IllegalArgumentException("the " + what + " field is missing or not followed by a space");
        }
        if (end == at) {
            throw new IllegalArgumentException("the " + what + " field is empty");
        }
        return end;
    }

    private static String checked(String kref, String what) {
        if (!Kref.isValid(kref)) {
            throw new IllegalArgumentException("the " + what + " " + RefNumbers.shown(kref) + " is not a kref");
        }
        return kref;
    }

    private static IllegalArgumentException corrupt(String what, String text, IllegalArgumentException cause) {
        String start = text.length() > 80 ? text.substring(0, 80) + "…" : text;
        return new IllegalArgumentException(
                "corrupt " + what + " (" + cause.getMessage() + "): \"" + start + "\"", cause);
    }
}
