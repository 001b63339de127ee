package io.jocap.kernel.state;

import io.jocap.store.KVStore;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A persistent FIFO of strings under one base key, read and written straight through the store
 * (no in-memory head, tail or length, so a rolled-back crank leaves nothing stale).
 *
 * <p>Layout for base {@code B}:
 * <ul>
 *   <li>{@code B} = {@code "<head> <tail>"}: the position of the first item and the position the
 *       next push takes, both decimal; the length is {@code tail - head}. The key is absent when
 *       the queue is empty, so an empty queue costs no keys at all.
 *   <li>{@code B.<pos>} = the item at that position, where {@code <pos>} is an order-preserving
 *       decimal: one lowercase letter giving the digit count ({@code a} = 1 digit ... {@code r} =
 *       18 digits) followed by the digits ({@code a7}, {@code b12}, {@code c100}). Plain key order
 *       is therefore FIFO order, so a prefix scan of {@code B.} lists the queue front to back
 *       (nothing here relies on that; it is for tools reading the store).
 * </ul>
 * Positions restart at 1 whenever the queue empties, which keeps them short and the store at its
 * baseline size when idle.
 *
 * <p>Items are decoded before anything is removed, so a corrupt item stays where it is and the
 * {@link IllegalStateException} reporting it names its key.
 *
 * @param <T> the item type
 */
final class StoredFifo<T> {
    private final KVStore kv;
    private final String base;
    private final String itemPrefix;
    private final Function<T, String> encoder;
    private final Function<String, T> decoder;

    /**
     * @param decoder turns a stored value back into an item, throwing
     *     {@link IllegalArgumentException} if it is corrupt
     */
    StoredFifo(KVStore kv, String base, Function<T, String> encoder, Function<String, T> decoder) {
        this.kv = kv;
        this.base = base;
        this.itemPrefix = base + ".";
        this.encoder = encoder;
        this.decoder = decoder;
    }

    /** The key of the item at {@code position}. */
    String itemKey(long position) {
        String digits = Long.toString(position);
        return itemPrefix + (char) ('a' + digits.length() - 1) + digits;
    }

    /** Appends {@code value} at the back. */
    void push(T item) {
        String value = encoder.apply(item);
        long[] bounds = bounds();
        long head = bounds == null ? 1 : bounds[0];
        long tail = bounds == null ? 1 : bounds[1];
        kv.set(itemKey(tail), value);
        kv.set(base, head + " " + (tail + 1));
    }

    /** Removes and returns the front item, or null if the queue is empty. */
    T poll() {
        long[] bounds = bounds();
        if (bounds == null) {
            return null;
        }
        T value = item(itemKey(bounds[0]));
        dropFront();
        return value;
    }

    /** Removes the front item without decoding it (after a {@link #peek}); no-op when empty. */
    void dropFront() {
        long[] bounds = bounds();
        if (bounds == null) {
            return;
        }
        kv.delete(itemKey(bounds[0]));
        if (bounds[0] + 1 == bounds[1]) {
            kv.delete(base);
        } else {
            kv.set(base, (bounds[0] + 1) + " " + bounds[1]);
        }
    }

    /**
     * Removes the front item without decoding it and returns its stored text, or null if the
     * queue is empty or the item is missing (for setting a corrupt item aside).
     */
    String discardFront() {
        long[] bounds = bounds();
        if (bounds == null) {
            return null;
        }
        String raw = kv.get(itemKey(bounds[0]));
        dropFront();
        return raw;
    }

    /** The front item without removing it, or null if the queue is empty. */
    T peek() {
        long[] bounds = bounds();
        return bounds == null ? null : item(itemKey(bounds[0]));
    }

    /** The number of items. */
    long size() {
        long[] bounds = bounds();
        return bounds == null ? 0 : bounds[1] - bounds[0];
    }

    /** Every item, front to back, without removing any. */
    List<T> items() {
        long[] bounds = bounds();
        if (bounds == null) {
            return List.of();
        }
        List<T> out = new ArrayList<>((int) Math.min(bounds[1] - bounds[0], 1024));
        for (long p = bounds[0]; p < bounds[1]; p++) {
            out.add(item(itemKey(p)));
        }
        return out;
    }

    /**
     * Calls {@code action} with every item that decodes, front to back, skipping missing and
     * corrupt ones (for releasing what can be released from a queue that is being thrown away).
     */
    void forEachDecodable(Consumer<T> action) {
        long[] bounds;
        try {
            bounds = bounds();
        } catch (IllegalStateException e) {
            return;
        }
        if (bounds == null) {
            return;
        }
        for (long p = bounds[0]; p < bounds[1]; p++) {
            T item;
            try {
                item = item(itemKey(p));
            } catch (IllegalStateException e) {
                continue;
            }
            action.accept(item);
        }
    }

    /** Removes every item without decoding them (for deleting a queue that may hold corrupt items). */
    void clear() {
        long[] bounds = bounds();
        if (bounds == null) {
            return;
        }
        for (long p = bounds[0]; p < bounds[1]; p++) {
            kv.delete(itemKey(p));
        }
        kv.delete(base);
    }

    private T item(String key) {
        String value = kv.get(key);
        if (value == null) {
            throw new IllegalStateException("corrupt queue " + base + ": item " + key
                    + " is missing although " + base + " = \"" + kv.get(base) + "\" covers it");
        }
        try {
            return decoder.apply(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("corrupt queue entry " + key + ": " + e.getMessage(), e);
        }
    }

    /** {head, tail} with head < tail, or null when the queue is empty. */
    private long[] bounds() {
        String stored = kv.get(base);
        if (stored == null) {
            return null;
        }
        int space = stored.indexOf(' ');
        long head = space < 0 ? -1 : RefNumbers.parse(stored.substring(0, space), 0);
        long tail = space < 0 ? -1 : RefNumbers.parse(stored, space + 1);
        if (head < 1 || tail <= head) {
            throw new IllegalStateException("corrupt queue record " + base + ": " + RefNumbers.shown(stored)
                    + "; expected \"<head> <tail>\" with 1 <= head < tail");
        }
        return new long[] {head, tail};
    }
}
