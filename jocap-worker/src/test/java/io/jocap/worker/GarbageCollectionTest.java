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
