// A greeter vat: it greets whoever asks, with the greeting from its config's parameters, and keeps
// a durable count of the greetings it has made (a durable object held in baggage).
import io.jocap.vat.Baggage;
import io.jocap.vat.Far;
import io.jocap.vat.Vat;
import io.jocap.vat.VatPowers;
import java.util.List;
import java.util.Map;

public final class Greeter implements Vat {
    @Override
    public Far buildRootObject(VatPowers powers, Map<String, Object> parameters, Baggage baggage) {
        // Defined on every start: a restarted vat must define its durable kinds again.
        Baggage.DurableKind<Tally> tallies = baggage.defineKind("Tally", List.of("count"), Tally::new);
        Tally tally = baggage.has("tally") ? (Tally) baggage.get("tally")
                : baggage.init("tally", tallies.make(Map.of("count", 0L)));
        String greeting = (String) parameters.getOrDefault("greeting", "Hello");
        return new Root(greeting, tally);
    }

    /** A durable counter: its state lives in the vat's durable store. */
    public static final class Tally implements Far {
        private final Baggage.DurableState state;

        Tally(Baggage.DurableState state) {
            this.state = state;
        }

        long next() {
            long count = state.getLong("count") + 1;
            state.set("count", count);
            return count;
        }
    }

    public static final class Root implements Far {
        private final String greeting;
        private final Tally tally;

        Root(String greeting, Tally tally) {
            this.greeting = greeting;
            this.tally = tally;
        }

        public String greet(String name) {
            return greeting + ", " + name + "! (greeting number " + tally.next() + ")";
        }
    }
}
