package io.jocap.kernel.state;

import java.util.ArrayList;
import java.util.List;

/**
 * The counts one ref should have, recomputed by {@link RefAudit} from its holders, with enough of
 * a breakdown to say in words where they come from.
 */
final class HolderTally {
    long reachable;
    long recognizable;
    /** Importer entries (objects: "v2 (R)" or "v2") or c-list entries (promises: "v2"). */
    final List<String> clists = new ArrayList<>(2);
    long runQueue;
    /** The promises on whose queues a message holds the ref, once per holding. */
    final List<String> promiseQueues = new ArrayList<>(0);
    /** The settled promises whose values hold the ref, once per slot. */
    final List<String> values = new ArrayList<>(0);
    long pins;

    void add(boolean reachableToo) {
        recognizable++;
        if (reachableToo) {
            reachable++;
        }
    }

    /** "importers: v2 (R); run queue: 0; promise queues: none; values: kp4; pins: 0". */
    String describe(boolean object) {
        return (object ? "importers: " : "c-lists: ") + list(clists) + "; run queue: " + runQueue
                + "; promise queues: " + list(promiseQueues) + "; values: " + list(values) + "; pins: " + pins;
    }

    private static String list(List<String> items) {
        return items.isEmpty() ? "none" : String.join(", ", items);
    }
}
