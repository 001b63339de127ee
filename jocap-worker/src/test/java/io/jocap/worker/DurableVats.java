package io.jocap.worker;

import io.jocap.vat.Baggage;
import io.jocap.vat.E;
import io.jocap.vat.Far;
import io.jocap.vat.Presence;
import io.jocap.vat.Vat;
import io.jocap.vat.VatPowers;
import io.jocap.vat.VatPromise;
import java.util.List;
import java.util.Map;

/** Vats whose state lives in baggage and durable objects. */
final class DurableVats {
    private DurableVats() {}

    /** A durable counter: its count is durable state. */
    public static final class Counter implements Far {
        private final Baggage.DurableState state;

        Counter(Baggage.DurableState state) {
            this.state = state;
        }

        public long increment() {
            long next = state.getLong("count") + 1;
            state.set("count", next);
            return next;
        }
    }

    /** Keeps a durable counter and a friend (a presence) in baggage. */
    public static final class Keeper implements Vat {
        @Override
        public Far buildRootObject(VatPowers powers, Map<String, Object> parameters, Baggage baggage) {
            Baggage.DurableKind<Counter> counters = baggage.defineKind("Counter", List.of("count"), Counter::new);
            Counter counter = baggage.has("counter")
                    ? (Counter) baggage.get("counter")
                    : baggage.init("counter", counters.make(Map.of("count", 0)));
            return new KeeperRoot(baggage, counter, counters);
        }
    }

    public static final class KeeperRoot implements Far {
        private final Baggage baggage;
        private final Counter counter;
        private final Baggage.DurableKind<Counter> counters;

        KeeperRoot(Baggage baggage, Counter counter, Baggage.DurableKind<Counter> counters) {
            this.baggage = baggage;
            this.counter = counter;
            this.counters = counters;
        }

        public long increment() {
            return counter.increment();
        }

        public Counter counter() {
            return counter;
        }

        public Counter newCounter() {
            return counters.make(Map.of("count", 100));
        }

        public void remember(Presence friend) {
            if (baggage.has("friend")) {
                baggage.set("friend", friend);
            } else {
                baggage.init("friend", friend);
            }
        }

        public VatPromise<Object> callFriend(Object value) {
            return E.send(baggage.get("friend"), "echo", value);
        }

        public String storeEphemeral() {
            try {
                baggage.init("bad", new TestVats.Counter());
                return "stored?";
            } catch (RuntimeException e) {
                return e.getMessage();
            }
        }

        public List<String> keys() {
            return baggage.keys();
        }

        public Far ephemeral() {
            return new TestVats.Counter();
        }
    }

    /** A new incarnation that forgets to define the kind. */
    public static final class Forgetful implements Vat {
        @Override
        public Far buildRootObject(VatPowers powers, Map<String, Object> parameters, Baggage baggage) {
            return new TestVats.EchoRoot();
        }
    }
}
