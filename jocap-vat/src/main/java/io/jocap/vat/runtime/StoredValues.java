package io.jocap.vat.runtime;

import io.jocap.marshal.CapData;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Writes of stored values (baggage entries, durable objects' state) that keep, for each import,
 * how many stored values name it: an import named in storage must not be dropped, even when no
 * presence of it is left in memory (after a restart there is none until it is read back).
 *
 * <p>Vatstore keys: {@code rc.<vref>} = the number of stored values whose slots include the
 * import {@code <vref>} ({@code o-N}), absent at zero. When a count falls to zero, the
 * {@code unreferenced} callback hears of the import, so the next {@code bringOutYourDead} can
 * check whether anything else still holds it. Loop thread only.
 */
final class StoredValues {
    private static final String COUNT = "rc.";

    private final Vatstore store;
    private final Consumer<String> unreferenced;

    StoredValues(Vatstore store, Consumer<String> unreferenced) {
        this.store = store;
        this.unreferenced = unreferenced;
    }

    /** Stores {@code json} (CapData JSON) under {@code key}, replacing what was there. */
    void put(String key, String json) {
        String old = store.get(key);
        store.set(key, json);
        recount(old, json);
    }

    /** Deletes the value under {@code key}, if any. */
    void remove(String key) {
        String old = store.get(key);
        if (old != null) {
            store.delete(key);
            recount(old, null);
        }
    }

    /** Whether a stored value names the import {@code vref}. */
    boolean isStored(String vref) {
        return store.get(COUNT + vref) != null;
    }

    private void recount(String oldJson, String newJson) {
        Map<String, Integer> delta = new HashMap<>();
        addImports(oldJson, -1, delta);
        addImports(newJson, +1, delta);
        delta.forEach((vref, d) -> {
            if (d == 0) {
                return;
            }
            String stored = store.get(COUNT + vref);
            long count = (stored == null ? 0 : Long.parseLong(stored)) + d;
            if (count <= 0) {
                store.delete(COUNT + vref);
                unreferenced.accept(vref);
            } else {
                store.set(COUNT + vref, Long.toString(count));
            }
        });
    }

    private static void addImports(String json, int sign, Map<String, Integer> delta) {
        if (json == null) {
            return;
        }
        for (String slot : CapData.fromJson(json).slots()) {
            if (slot.startsWith("o-")) {
                delta.merge(slot, sign, Integer::sum);
            }
        }
    }
}
