package io.jocap.kernel.translate;

import io.jocap.kernel.state.KernelState;
import io.jocap.kernel.state.QueueCodec;
import io.jocap.kernel.state.RunQueueItem;
import io.jocap.marshal.CapData;
import io.jocap.store.KernelStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A temporary store and kernel state, with cranks that are audited after they end (committed or
 * aborted), and helpers to set up vats' c-lists. Shared by the translation and syscall tests.
 */
public final class KernelHarness implements AutoCloseable {
    public final KernelStore store = KernelStore.openTemporary();
    public final KernelState state = KernelState.of(store);

    /** Runs {@code body} in a crank, commits it, audits, and returns the body's result. */
    public <T> T crank(Supplier<T> body) {
        try {
            return store.inCrank(body);
        } finally {
            state.audit().assertClean();
        }
    }

    public void crank(Runnable body) {
        crank(() -> {
            body.run();
            return null;
        });
    }

    /** Runs {@code body} in a crank, aborts it, audits. */
    public void aborted(Runnable body) {
        store.beginCrank();
        try {
            body.run();
        } finally {
            store.abortCrank();
            state.audit().assertClean();
        }
    }

    /** A new object owned by {@code vat}, exported by it as {@code vref}. */
    public String export(String vat, String vref) {
        return crank(() -> {
            String ko = state.objects().create(vat);
            state.clist(vat).add(vref, ko, true);
            return ko;
        });
    }

    /** Imports {@code kref} into {@code vat}; returns the vat's new vref. */
    public String give(String vat, String kref) {
        return crank(() -> state.clist(vat).addImport(kref));
    }

    /** A new unresolved promise decided by {@code decider} (null: none). */
    public String promise(String decider) {
        return crank(() -> state.promises().create(decider));
    }

    /** The run queue's items, front to back, without removing them. */
    public List<RunQueueItem> runQueue() {
        List<RunQueueItem> items = new ArrayList<>();
        for (Map.Entry<String, String> e : store.kv().prefix("rq.")) {
            items.add(QueueCodec.decodeItem(e.getValue()));
        }
        return items;
    }

    /** Every kernel key and value, in key order, plus every vatstore entry of {@code vats}. */
    public List<Map.Entry<String, String>> contents(String... vats) {
        List<Map.Entry<String, String>> entries = new ArrayList<>();
        for (Map.Entry<String, String> e : store.kv().prefix("")) {
            entries.add(Map.entry(e.getKey(), e.getValue()));
        }
        for (String vat : vats) {
            for (Map.Entry<String, String> e : store.vatstore(vat).prefix("")) {
                entries.add(Map.entry(vat + "/vs/" + e.getKey(), e.getValue()));
            }
        }
        return entries;
    }

    /** CapData whose body is a method call passing each slot in turn (the kernel never reads it). */
    public static CapData call(String method, String... slots) {
        StringBuilder body = new StringBuilder("#[\"").append(method).append("\",[");
        for (int i = 0; i < slots.length; i++) {
            body.append(i == 0 ? "" : ",").append(slots[i].charAt(0) == 'p' || slots[i].charAt(1) == 'p' ? "\"&" : "\"$")
                    .append(i).append('"');
        }
        return new CapData(body.append("]]").toString(), List.of(slots));
    }

    /** CapData holding the given slots as a list. */
    public static CapData data(String... slots) {
        return call("value", slots);
    }

    @Override
    public void close() {
        store.close();
    }
}
