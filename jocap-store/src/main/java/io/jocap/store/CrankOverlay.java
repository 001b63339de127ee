package io.jocap.store;

import java.util.ArrayList;
import java.util.List;

/**
 * The current crank's uncommitted writes and its savepoints.
 *
 * <p>Each touched key space gets one {@link SpaceWrites} overlay (hash-based, so reads cost one
 * lookup however deeply savepoints nest). Savepoints are positions in an undo journal: while at
 * least one savepoint exists, every write records what the overlay held for that key before
 * (or, for a space deletion, the whole previous overlay). Rolling back replays the journal
 * backwards to the savepoint's position; releasing just forgets the position, so the entries then
 * belong to the enclosing savepoint. Commit and abort are O(keys written). Kernel thread only.
 */
final class CrankOverlay {
    private sealed interface Undo {}

    /** Before the write, the overlay held {@code previous} for the key (null: nothing). */
    private record KeyUndo(KeySpace space, String key, String previous) implements Undo {}

    /** Before the space was deleted, its overlay was {@code previous} (null: none). */
    private record ClearUndo(KeySpace space, SpaceWrites previous) implements Undo {}

    private record Savepoint(String name, int journalSize) {}

    private boolean active;
    private final ArrayList<KeySpace> touched = new ArrayList<>();
    private final ArrayList<Undo> journal = new ArrayList<>();
    private final ArrayList<Savepoint> savepoints = new ArrayList<>();

    boolean active() {
        return active;
    }

    void begin() {
        if (active) {
            throw new IllegalStateException(
                    "beginCrank: a crank is already in progress; commitCrank() or abortCrank() it first");
        }
        active = true;
    }

    /**
     * Records a set ({@code value}) or a delete ({@link Tombstone#VALUE}); {@code fresh} says that
     * no layer and no SQLite row held the key before (see {@link SpaceWrites#isFresh}). A rolled
     * back write may leave its key marked stale, which only costs a needless DELETE row.
     */
    void write(KeySpace space, String key, String value, boolean fresh, String operation) {
        requireActive(operation);
        SpaceWrites writes = space.overlay;
        if (writes == null) {
            writes = space.spareOverlay != null ? space.spareOverlay : new SpaceWrites();
            space.spareOverlay = null;
            space.overlay = writes;
            touched.add(space);
        }
        String previous = writes.put(key, value);
        if (previous == null && !fresh) {
            writes.markStale(key); // a key this overlay already held keeps its mark
        }
        if (!savepoints.isEmpty()) {
            journal.add(new KeyUndo(space, key, previous));
        }
    }

    /** Deletes every key of the space in this crank. */
    void clear(KeySpace space, String operation) {
        requireActive(operation);
        SpaceWrites previous = space.overlay;
        SpaceWrites cleared = new SpaceWrites();
        cleared.clear();
        space.overlay = cleared;
        if (previous == null) {
            touched.add(space);
        }
        if (!savepoints.isEmpty()) {
            journal.add(new ClearUndo(space, previous));
        }
    }

    void savepoint(String name) {
        requireActive("savepoint");
        KeyRules.savepointName(name);
        if (indexOf(name) >= 0) {
            throw new IllegalArgumentException(
                    "savepoint '" + name + "' already exists in this crank; release or roll back to it first");
        }
        savepoints.add(new Savepoint(name, journal.size()));
    }

    void rollbackTo(String name) {
        requireActive("rollbackTo");
        int index = existing(name);
        int mark = savepoints.get(index).journalSize();
        for (int i = journal.size() - 1; i >= mark; i--) {
            undo(journal.remove(i));
        }
        savepoints.subList(index + 1, savepoints.size()).clear();
    }

    void release(String name) {
        requireActive("release");
        int index = existing(name);
        savepoints.subList(index, savepoints.size()).clear();
        if (savepoints.isEmpty()) {
            journal.clear();
        }
    }

    /** The spaces written in this crank, each once; their {@code overlay} is the crank's net. */
    List<KeySpace> touched() {
        return touched;
    }

    /** Ends the crank, dropping the overlay (after a commit has absorbed it, or for an abort). */
    void end() {
        for (KeySpace space : touched) {
            SpaceWrites writes = space.overlay;
            space.overlay = null;
            if (writes.recyclable()) {
                writes.recycle(); // most cranks write a few keys per space: spare the allocations
                space.spareOverlay = writes;
            }
        }
        touched.clear();
        journal.clear();
        savepoints.clear();
        active = false;
    }

    void requireActive(String operation) {
        if (!active) {
            throw new IllegalStateException(
                    operation + " outside a crank: writes and savepoints are only allowed between"
                            + " beginCrank() and commitCrank()/abortCrank(), so that they commit or roll back"
                            + " with it");
        }
    }

    private void undo(Undo undo) {
        switch (undo) {
            case KeyUndo(KeySpace space, String key, String previous) -> {
                if (previous == null) {
                    space.overlay.remove(key);
                } else {
                    space.overlay.put(key, previous);
                }
            }
            // An empty overlay rather than null keeps the space listed exactly once in touched.
            case ClearUndo(KeySpace space, SpaceWrites previous) ->
                    space.overlay = previous != null ? previous : new SpaceWrites();
        }
    }

    private int existing(String name) {
        KeyRules.savepointName(name);
        int index = indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException(
                    "no savepoint named '" + name + "' in this crank"
                            + (savepoints.isEmpty() ? "" : " (open: " + names() + ")"));
        }
        return index;
    }

    private int indexOf(String name) {
        for (int i = savepoints.size() - 1; i >= 0; i--) {
            if (savepoints.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private List<String> names() {
        return savepoints.stream().map(Savepoint::name).toList();
    }
}
