package io.jocap.store;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The victim of {@link CrashConsistencyTest}: opens the store and writes generation after
 * generation until it is killed. Each crank writes generation G to 50 kv keys, to vatstore keys
 * of v1 and v2, rewrites vatstore v3 from scratch (deleteVatstore, then 5 keys) and sets
 * {@code gen} = G; a rolled-back savepoint adds noise that must never show. Prints
 * {@code durable G} once generation G is durable.
 *
 * <p>Arguments: the store file, then {@code strict} or {@code batched}.
 */
public final class CrashChild {
    static final int KV_KEYS = 50;
    static final int VAT_KEYS = 5;
    static final int BATCH_CRANKS = 8;

    private CrashChild() {}

    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        boolean strict = args[1].equals("strict");
        StoreOptions options =
                strict ? StoreOptions.strict() : StoreOptions.batched(BATCH_CRANKS, Duration.ofMillis(3));
        try (KernelStore store = KernelStore.open(file, options)) {
            String stored = store.kv().get("gen");
            long generation = stored == null ? 0 : Long.parseLong(stored);
            System.out.println("start " + generation);
            System.out.flush();
            while (true) {
                long g = ++generation;
                String value = Long.toString(g);
                store.beginCrank();
                for (int i = 0; i < KV_KEYS; i++) {
                    store.kv().set("k" + i, value);
                }
                for (int i = 0; i < VAT_KEYS; i++) {
                    store.vatstore(i % 2 == 0 ? "v1" : "v2").set("x" + i, value);
                }
                store.savepoint("noise");
                store.kv().set("noise", value);
                store.kv().delete("k0");
                store.rollbackTo("noise");
                store.release("noise");
                store.deleteVatstore("v3");
                for (int i = 0; i < VAT_KEYS; i++) {
                    store.vatstore("v3").set("y" + i, value);
                }
                store.kv().set("gen", value);
                long crank = store.commitCrank();
                if (strict) {
                    report(g);
                } else {
                    store.whenDurable(crank).thenAccept(c -> report(g));
                    if (g % 5 == 0) {
                        store.flush();
                    }
                }
            }
        }
    }

    private static void report(long generation) {
        System.out.println("durable " + generation);
        System.out.flush();
    }
}
