// The demo's bootstrap vat. `jocap run examples/demo/demo.json` sends it bootstrap(vats, services)
// on every run; it counts the runs in its baggage (durable: the count survives the process), asks
// the two greeters to greet it, and answers with what they said.
import io.jocap.vat.Baggage;
import io.jocap.vat.E;
import io.jocap.vat.Far;
import io.jocap.vat.Presence;
import io.jocap.vat.Vat;
import io.jocap.vat.VatPowers;
import io.jocap.vat.VatPromise;
import io.jocap.vat.VatPromises;
import java.util.List;
import java.util.Map;

public final class Alice implements Vat {
    @Override
    public Far buildRootObject(VatPowers powers, Map<String, Object> parameters, Baggage baggage) {
        if (!baggage.has("runs")) {
            baggage.init("runs", 0L);
        }
        return new Root(powers, baggage);
    }

    public static final class Root implements Far {
        private final VatPowers powers;
        private final Baggage baggage;

        Root(VatPowers powers, Baggage baggage) {
            this.powers = powers;
            this.baggage = baggage;
        }

        /** Called by `jocap run` on every run, with the roots of all vats by name. */
        public VatPromise<Object> bootstrap(Map<String, Object> vats, Map<String, Object> services) {
            long run = ((Number) baggage.get("runs")).longValue() + 1;
            baggage.set("runs", run);
            powers.logger().info("run " + run);
            VatPromise<Object> bob = E.send((Presence) vats.get("bob"), "greet", "alice");
            VatPromise<Object> carol = E.send((Presence) vats.get("carol"), "greet", "alice");
            return VatPromises.all(List.of(bob, carol))
                    .then(greetings -> Map.of("run", run, "greetings", greetings));
        }
    }
}
