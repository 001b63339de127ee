package io.jocap.kernel.state;

import io.jocap.store.KernelStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** A temporary store with a {@link KernelState} over it, and crank helpers. */
final class StoreFixture implements AutoCloseable {
    final KernelStore store;
    final KernelState state;

    StoreFixture() {
        this(KernelStore.openTemporary());
    }

    StoreFixture(KernelStore store) {
        this.store = store;
        this.state = KernelState.of(store);
    }

    /** Runs {@code body} in a crank and commits it. */
    void crank(Runnable body) {
        crank(() -> {
            body.run();
            return null;
        });
    }

    /** Runs {@code body} in a crank, commits it and returns the body's result. */
    <T> T crank(Supplier<T> body) {
        return store.inCrank(body);
    }

    /** Runs {@code body} in a crank and aborts it. */
    void aborted(Runnable body) {
        store.beginCrank();
        try {
            body.run();
        } finally {
            store.abortCrank();
        }
    }

    /**
     * Creates objects {@code ko1..ko<objects>} owned by {@code owner} and promises
     * {@code kp1..kp<promises>} without a decider, in one committed crank, on a fresh store: every
     * holder must name existing refs, because holders are counted.
     */
    void refs(String owner, int objects, int promises) {
        crank(() -> {
            for (int i = 0; i < objects; i++) {
                state.objects().create(owner);
            }
            for (int i = 0; i < promises; i++) {
                state.promises().create(null);
            }
        });
    }

    /** Every kernel key except the id counters ({@code id.*}), in key order. */
    List<String> keysExceptCounters() {
        List<String> keys = new ArrayList<>();
        for (Map.Entry<String, String> e : store.kv().prefix("")) {
            if (!e.getKey().startsWith("id.")) {
                keys.add(e.getKey());
            }
        }
        return keys;
    }

    @Override
    public void close() {
        store.close();
    }
}
