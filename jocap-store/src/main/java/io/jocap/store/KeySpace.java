package io.jocap.store;

/**
 * One key space (the kernel's {@code kv} table, or one vat's rows of {@code vatstore}) and the
 * in-memory layers that currently hold writes for it, newest first: the crank overlay, the dirty
 * set, then the batches handed to commit points and not yet dropped (a chain through
 * {@link SpaceWrites#older}, newest first; usually empty or one long). Reads consult them in that
 * order, then the clean cache, then SQLite.
 *
 * <p>{@code overlay} is touched only by the kernel thread. The flusher thread touches
 * {@code dirty} and {@code flushing} only when it takes a batch: it links the batch in front of
 * {@code flushing} before it clears {@code dirty}, and readers load {@code dirty} before
 * {@code flushing}, so a reader finds every write in one of the two whatever moment it
 * straddles. Batches leave the chain only on the kernel thread, after their SQLite commit.
 */
final class KeySpace {
    /** The vat whose vatstore this is, or null for the kernel's kv space. */
    final String vatId;
    final CleanCache.Partition cached;
    /** Keeps this space's keys apart from other spaces' in the {@link KeyFilter}. */
    final long filterSeed;

    SpaceWrites overlay;
    /** An emptied overlay kept for the next crank that writes this space. Kernel thread only. */
    SpaceWrites spareOverlay;
    volatile SpaceWrites dirty;
    volatile SpaceWrites flushing;

    KeySpace(String vatId, CleanCache.Partition cached) {
        this.vatId = vatId;
        this.cached = cached;
        this.filterSeed = KeyFilter.seed(vatId);
    }

    boolean isVatstore() {
        return vatId != null;
    }

    @Override
    public String toString() {
        return vatId == null ? "kv" : "vatstore(" + vatId + ")";
    }
}
