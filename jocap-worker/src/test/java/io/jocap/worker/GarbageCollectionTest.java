package io.jocap.worker;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.jocap.kernel.state.RefCounts;
import io.jocap.marshal.RemotableRef;
import io.jocap.vat.Baggage;
import io.jocap.vat.E;
import io.jocap.vat.Far;
import io.jocap.vat.Vat;
import io.jocap.vat.VatPowers;
import io.jocap.vat.VatPromise;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Distributed GC with real vats: an object another vat no longer holds (in memory or in baggage)
 * is dropped at the next reap and, once nobody holds it, forgotten by its exporter and deleted.
 */
class GarbageCollectionTest {

    /** Makes things. */
    public static final class Maker implements Vat {
        @Override
        public Far buildRootObject(VatPowers powers, Map<String, Object> parameters, Baggage baggage) {
            return new MakerRoot();
        }
    }

    public static final class MakerRoot implements Far {
        public Thing make(String name) {
            return new Thing(name);
        }
    }

    /** Churns short-lived objects: made by the maker, messaged, let go of, a batch at a time. */
    public static final class Churner implements Vat {
        @Override
        public Far buildRootObject(VatPowers powers, Map<String, Object> parameters, Baggage baggage) {
            return new ChurnerRoot();
        }
    }

    public static final class ChurnerRoot implements Far {
        public VatPromise<Object> churn(Object maker, long n, long batch) {
            io.jocap.vat.VatResolver<Object> done = io.jocap.vat.VatPromises.kit();
            round(maker, 0, n, batch, done);
            return done.promise();
        }

        private void round(Object maker, long made, long n, long batch, io.jocap.vat.VatResolver<Object> done) {
            if (made >= n) {
                done.resolve(made);
                return;
            }
            long size = Math.min(batch, n - made);
            java.util.List<VatPromise<Object>> named = new java.util.ArrayList<>();
            for (long i = 0; i < size; i++) {
                named.add(E.send(E.send(maker, "make", "thing " + (made + i)), "name"));
            }
            io.jocap.vat.VatPromises.all(named).onFulfilled(x -> round(maker, made + size, n, batch, done));
        }
    }

    public static final class Thing implements Far {
        private final String name;

        Thing(String name) {
            this.name = name;
        }

        public String name() {
            return name;
        }
    }

    /** Holds a thing in a field or in its baggage, and lets go of it on request. */
    public static final class Holder implements Vat {
        @Override
        public Far buildRootObject(VatPowers powers, Map<String, Object> parameters, Baggage baggage) {
            return new HolderRoot(baggage);
        }
    }

    public static final class HolderRoot implements Far {
        private final Baggage baggage;
        private Object held;

        HolderRoot(Baggage baggage) {
            this.baggage = baggage;
        }

        public VatPromise<Object> fetch(Object maker, String name) {
            return E.send(maker, "make", name).then(thing -> {
                held = thing;
                return "fetched";
            });
        }

        public VatPromise<Object> share(Object other) {
            return E.send(other, "keep", held);
        }

        public String keep(Object thing) {
            held = thing;
            return "kept";
        }

        public void store() {
            if (baggage.has("thing")) {
                baggage.set("thing", held);
            } else {
                baggage.init("thing", held);
            }
        }

        public void unstore() {
            baggage.delete("thing");
        }

        public void forget() {
            held = null;
        }

        public VatPromise<Object> askName() {
            Object thing = held != null ? held : baggage.get("thing");
            return E.send(thing, "name");
        }
    }

    private static RefCounts counts(Cluster cluster, String kref) throws Exception {
        return cluster.kernel.query(s -> s.objects().exists(kref) ? s.objects().counts(kref) : null).get(30, SECONDS);
    }

    private static void collect(Cluster cluster) throws Exception {
        cluster.kernel.collectGarbage().get(60, SECONDS);
        cluster.assertAuditClean();
    }

    @Test
    void anObjectIsCollectedOnceNoVatHoldsItInMemoryOrInBaggage() throws Exception {
        try (Cluster cluster = new Cluster()) {
            String maker = cluster.launch("maker", Maker::new);   // v1
            String alice = cluster.launch("alice", Holder::new);  // v2
            String bob = cluster.launch("bob", Holder::new);      // v3
            RemotableRef makerRef = new RemotableRef(maker, "Alleged: maker");
            RemotableRef bobRef = new RemotableRef(bob, "Alleged: bob");

            assertThat(cluster.call(alice, "fetch", makerRef, "widget")).isEqualTo("fetched");
            assertThat(cluster.call(alice, "share", bobRef)).isEqualTo("kept");
            String thing = cluster.kernel.query(s -> s.clist("v1").krefFor("o+1")).get(30, SECONDS);
            collect(cluster);
            assertThat(counts(cluster, thing)).isEqualTo(new RefCounts(2, 2));

            cluster.call(alice, "forget");
            collect(cluster);
            assertThat(counts(cluster, thing)).as("alice dropped and retired it").isEqualTo(new RefCounts(1, 1));
            assertThat(cluster.kernel.query(s -> s.clist("v2").contains(thing)).get(30, SECONDS)).isFalse();

            // In bob's baggage only: kept, and still usable.
            cluster.call(bob, "store");
            cluster.call(bob, "forget");
            collect(cluster);
            assertThat(counts(cluster, thing)).isEqualTo(new RefCounts(1, 1));
            assertThat(cluster.call(bob, "askName")).isEqualTo("widget");

            cluster.call(bob, "unstore");
            collect(cluster);
            assertThat(counts(cluster, thing)).as("deleted once nobody holds it").isNull();
            assertThat(cluster.kernel.query(s -> s.clist("v1").krefFor("o+1")).get(30, SECONDS)).isNull();
            // The maker still works, and makes new things.
            assertThat(cluster.call(alice, "fetch", makerRef, "gadget")).isEqualTo("fetched");
            assertThat(cluster.call(alice, "askName")).isEqualTo("gadget");
        }
    }

    /** Rows in the kernel's key space and the vats' vatstores, objects and promises. */
    private static long[] storeSize(Cluster cluster) throws Exception {
        return cluster.kernel.query(s -> {
            long rows = 0;
            for (var e : s.kv().prefix("")) {
                rows++;
            }
            return new long[] {rows, s.objects().count(), s.promises().count()};
        }).get(30, SECONDS);
    }

    private static void churnReturnsToBaseline(long n) throws Exception {
        try (Cluster cluster = new Cluster()) {
            String maker = cluster.launch("maker", Maker::new);
            String churner = cluster.launch("churner", Churner::new);
            RemotableRef makerRef = new RemotableRef(maker, "Alleged: maker");
            assertThat(cluster.call(churner, "churn", makerRef, 100, 50)).isEqualTo(100.0);
            collect(cluster);
            long[] baseline = storeSize(cluster);

            long start = System.nanoTime();
            assertThat(cluster.kernel.queueMessage(churner, "churn", java.util.List.of(makerRef, n, 200))
                    .get(30, java.util.concurrent.TimeUnit.MINUTES)).isEqualTo((double) n);
            double seconds = (System.nanoTime() - start) / 1e9;
            collect(cluster);
            long[] end = storeSize(cluster);
            System.out.printf(java.util.Locale.ROOT, "GC churn: %d objects in %.1f s; kernel rows %d -> %d, objects %d -> %d,"
                    + " promises %d -> %d%n", n, seconds, baseline[0], end[0], baseline[1], end[1], baseline[2], end[2]);
            assertThat(end).as("kernel rows, objects, promises").isEqualTo(baseline);
        }
    }

    @Test
    void aChurnOfShortLivedObjectsLeavesTheStoreAtItsBaseline() throws Exception {
        churnReturnsToBaseline(1_000);
    }

    /** Runs with {@code -Psoak} only. */
    @Test
    @org.junit.jupiter.api.Tag("soak")
    void aLongChurnLeavesTheStoreAtItsBaseline() throws Exception {
        churnReturnsToBaseline(200_000);
    }

    @Test
    void anImportKeptOnlyInBaggageSurvivesARestartAndIsDroppedWhenDeleted() throws Exception {
        try (Cluster cluster = new Cluster()) {
            String maker = cluster.launch("maker", Maker::new);   // v1
            String bob = cluster.launch("bob", Holder::new);      // v2
            cluster.call(bob, "fetch", new RemotableRef(maker, "Alleged: maker"), "widget");
            cluster.call(bob, "store");
            String thing = cluster.kernel.query(s -> s.clist("v1").krefFor("o+1")).get(30, SECONDS);

            cluster.restart("v2", Holder::new, Map.of());
            collect(cluster);
            assertThat(counts(cluster, thing)).as("named in baggage: kept").isEqualTo(new RefCounts(1, 1));
            assertThat(cluster.call(bob, "askName")).isEqualTo("widget");

            cluster.call(bob, "forget");
            cluster.call(bob, "unstore");
            collect(cluster);
            assertThat(counts(cluster, thing)).isNull();
        }
    }
}
