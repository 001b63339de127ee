package io.jocap.kernel.route;

import io.jocap.kernel.state.KernelState;
import io.jocap.marshal.CapData;
import io.jocap.store.KernelStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** A temporary store, kernel state over it, a router, and helpers that build state in committed cranks. */
final class KernelFixture implements AutoCloseable {
    final KernelStore store = KernelStore.openTemporary();
    final KernelState state = KernelState.of(store);
    final Router router = new Router(state);

    /** Runs {@code body} in a crank, commits it and returns the body's result. */
    <T> T crank(Supplier<T> body) {
        return store.inCrank(body);
    }

    void crank(Runnable body) {
        crank(() -> {
            body.run();
            return null;
        });
    }

    /** A new object owned by {@code owner}. */
    String object(String owner) {
        return crank(() -> state.objects().create(owner));
    }

    /** A new unresolved promise decided by {@code decider} (null for none). */
    String promise(String decider) {
        return crank(() -> state.promises().create(decider));
    }

    /** A new promise fulfilled to {@code value}. */
    String fulfilled(CapData value) {
        return crank(() -> {
            String kp = state.promises().create("v1");
            state.promises().resolve(kp, false, value);
            return kp;
        });
    }

    /** A new promise rejected with {@code value}. */
    String rejected(CapData value) {
        return crank(() -> {
            String kp = state.promises().create("v1");
            state.promises().resolve(kp, true, value);
            return kp;
        });
    }

    /** Fulfills the existing unresolved promise {@code kp} to {@code value}. */
    void fulfill(String kp, CapData value) {
        crank(() -> {
            state.promises().resolve(kp, false, value);
        });
    }

    /** CapData that is exactly a reference to object {@code ko}, as the encoder writes it. */
    static CapData objectRef(String ko) {
        return new CapData("#\"$0.Alleged: thing\"", List.of(ko));
    }

    /** CapData that is exactly a reference to promise {@code kp}, as the encoder writes it. */
    static CapData promiseRef(String kp) {
        return new CapData("#\"&0\"", List.of(kp));
    }

    /** Every kernel key and value, in key order. */
    List<Map.Entry<String, String>> contents() {
        List<Map.Entry<String, String>> entries = new ArrayList<>();
        for (Map.Entry<String, String> e : store.kv().prefix("")) {
            entries.add(Map.entry(e.getKey(), e.getValue()));
        }
        return entries;
    }

    @Override
    public void close() {
        store.close();
    }
}
