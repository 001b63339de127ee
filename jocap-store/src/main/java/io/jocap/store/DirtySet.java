package io.jocap.store;

import java.util.ArrayList;
import java.util.List;

/**
 * The committed writes of a run of consecutive cranks that have not reached SQLite yet: one
 * {@link SpaceWrites} per key space written, plus the crank range and timing a commit point needs.
 * While it is the current dirty set the kernel thread merges each committed crank into it (under
 * the write-back lock); a commit point hands it to the flusher as a whole, after which it is never
 * modified again.
 */
final class DirtySet {
    /** One key space's part of the set. */
    record Part(KeySpace space, SpaceWrites writes) {}

    private final ArrayList<Part> parts = new ArrayList<>();
    private long firstCrank;
    private long lastCrank;
    private int cranks;
    private long firstCommitNanos;
    private int keys;

    /** Merges one committed crank's overlay for {@code space} into this set. */
    void absorb(KeySpace space, SpaceWrites crankWrites) {
        SpaceWrites target = space.dirty;
        if (target == null) {
            target = new SpaceWrites();
            parts.add(new Part(space, target));
            space.dirty = target;
        }
        keys += target.absorb(crankWrites);
    }

    void startedAt(long nanos) {
        firstCommitNanos = nanos;
    }

    void addCrank(long crank) {
        if (cranks == 0) {
            firstCrank = crank;
        }
        lastCrank = crank;
        cranks++;
    }

    List<Part> parts() {
        return parts;
    }

    long firstCrank() {
        return firstCrank;
    }

    long lastCrank() {
        return lastCrank;
    }

    int cranks() {
        return cranks;
    }

    /** {@link System#nanoTime()} when the set was started, at its first crank's commit. */
    long startedAt() {
        return firstCommitNanos;
    }

    /** Distinct keys written (sets and deletes), the rows a flush of this set writes. */
    int keys() {
        return keys;
    }
}
