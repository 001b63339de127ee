package io.jocap.kernel.run;

import io.jocap.store.KVStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The persistent dead-letter record: run-queue items the kernel failed to handle, with the
 * exception that stopped each, kept for an operator to inspect. Written in the crank that takes
 * the item off the run queue, so an item is either still queued or here, never both or neither.
 *
 * <p>Store layout (kernel key space): {@code dl} = the number of the last dead letter (absent: none
 * yet); {@code dl.<n>} = dead letter {@code n}, stored as {@code "<item length> <item><error>"} so
 * that neither part needs escaping. Dead letters hold no reference counts: their items are
 * inert text.
 *
 * <p>{@link #add} is a write and happens inside a crank; reads may happen at any time. Kernel
 * thread only, like the store.
 */
public final class DeadLetters {
    static final String COUNT_KEY = "dl";
    static final String PREFIX = "dl.";

    private final KVStore kv;

    /** The dead letters in {@code kv}, the kernel key space. */
    public DeadLetters(KVStore kv) {
        this.kv = Objects.requireNonNull(kv, "kv");
    }

    /** Records a dead letter and returns it. */
    public DeadLetter add(String item, String error) {
        DeadLetter letter = new DeadLetter(size() + 1, item, error);
        kv.set(PREFIX + letter.number(), item.length() + " " + item + error);
        kv.set(COUNT_KEY, Long.toString(letter.number()));
        return letter;
    }

    /** How many dead letters there are. */
    public long size() {
        String stored = kv.get(COUNT_KEY);
        if (stored == null) {
            return 0;
        }
        try {
            return Long.parseLong(stored);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("corrupt dead-letter count " + COUNT_KEY + ": \"" + stored + "\"", e);
        }
    }

    /** Every dead letter, oldest first. */
    public List<DeadLetter> list() {
        long size = size();
        List<DeadLetter> letters = new ArrayList<>((int) Math.min(size, 1024));
        for (long n = 1; n <= size; n++) {
            letters.add(get(n));
        }
        return letters;
    }

    /** Dead letter {@code n} (1 to {@link #size()}). */
    public DeadLetter get(long n) {
        String stored = kv.get(PREFIX + n);
        if (stored == null) {
            throw new IllegalStateException("dead letter " + PREFIX + n + " is missing");
        }
        int space = stored.indexOf(' ');
        try {
            int length = Integer.parseInt(stored.substring(0, Math.max(space, 0)));
            int start = space + 1;
            return new DeadLetter(n, stored.substring(start, start + length), stored.substring(start + length));
        } catch (RuntimeException e) {
            throw new IllegalStateException("corrupt dead letter " + PREFIX + n, e);
        }
    }
}
