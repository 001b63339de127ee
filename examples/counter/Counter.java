// A vat that hands out durable counters.
//
// Run it with `./jocap run examples/counter/counter.json`, then run the same command again: the
// counts go on from where they were, because they live in the vat's durable store (the SQLite
// file), not in Java objects. `--reset` starts afresh.
//
// What is durable here, and what is not:
// - A counter is a durable object of the kind "NamedCounter": its state (its name and its count)
//   is kept in the vatstore, and its reference (a vref `o+dK/I`) stays valid when this vat or the
//   whole kernel restarts. Other vats may keep it (CounterClient does, in its baggage).
// - The NamedCounter Java objects and the Root are not durable: a new incarnation of the vat
//   builds new ones around the same stored state.
// - Baggage is the vat's durable map: it holds every counter under its name, so that a restarted
//   vat can find them again.
import io.jocap.vat.Baggage;
import io.jocap.vat.E;
import io.jocap.vat.Far;
import io.jocap.vat.Presence;
import io.jocap.vat.Vat;
import io.jocap.vat.VatPowers;
import io.jocap.vat.VatPromise;
import java.util.List;
import java.util.Map;

public final class Counter implements Vat {
    @Override
    public Far buildRootObject(VatPowers powers, Map<String, Object> parameters, Baggage baggage) {
        // Defined on every start, not only the first: the vatstore keeps a kind's name, fields and
        // objects' state, but code cannot be stored, so each incarnation tells the runtime again
        // which Java class gives the kind's objects their behaviour. A restarted vat that does not
        // redefine every kind it ever defined fails to start, naming the missing kinds. The name
        // and the fields must stay the same from one incarnation to the next.
        Baggage.DurableKind<NamedCounter> kind =
                baggage.defineKind("NamedCounter", List.of("name", "count"), NamedCounter::new);
        return new Root(powers, baggage, kind);
    }

    /**
     * A counter: the behaviour of the durable kind. It holds nothing but its {@code DurableState};
     * every read and write goes to the vatstore, inside the current delivery's transaction.
     */
    public static final class NamedCounter implements Far {
        private final Baggage.DurableState state;

        NamedCounter(Baggage.DurableState state) {
            this.state = state;
        }

        /** Adds one and answers the new count. */
        public long increment() {
            long count = state.getLong("count") + 1;
            state.set("count", count);
            return count;
        }

        public long value() {
            return state.getLong("count");
        }

        public String name() {
            return state.getString("name");
        }
    }

    /** The root object: what other vats (and `jocap run`) may call. */
    public static final class Root implements Far {
        private final VatPowers powers;
        private final Baggage baggage;
        private final Baggage.DurableKind<NamedCounter> kind;

        Root(VatPowers powers, Baggage baggage, Baggage.DurableKind<NamedCounter> kind) {
            this.powers = powers;
            this.baggage = baggage;
            this.kind = kind;
        }

        /**
         * The counter called {@code name}, made (at zero) the first time it is asked for. The
         * baggage of this vat holds nothing but counters, each under its name.
         */
        public NamedCounter makeCounter(String name) {
            if (baggage.has(name)) {
                return (NamedCounter) baggage.get(name);
            }
            return baggage.init(name, kind.make(Map.of("name", name, "count", 0L)));
        }

        /**
         * Called by `jocap run` on every run, with every vat's root by name: counts the runs, has
         * the client vat count a visit on its own counter, and answers both counts.
         */
        public VatPromise<Object> bootstrap(Map<String, Object> vats, Map<String, Object> services) {
            Presence client = (Presence) vats.get("client");
            if (!baggage.has("visits")) {
                // The first run: give the client a counter. It keeps the reference in its baggage
                // and uses it on every later run, across restarts, without asking again.
                E.sendOnly(client, "useCounter", makeCounter("visits"));
            }
            long runs = makeCounter("runs").increment();
            powers.logger().info("run " + runs);
            // The kernel's run queue is first in, first out: the client gets its counter before it
            // is asked to visit.
            return E.send(client, "visit")
                    .then(visits -> Map.of("counter", "runs", "value", runs, "visits", visits));
        }
    }
}
