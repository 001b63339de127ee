// A client of the counter vat: it is given a counter once, keeps the reference in its baggage, and
// counts its visits on it with eventual sends.
//
// The reference is a Presence: this vat's handle on an object of another vat. Keeping a Presence
// in baggage makes it durable on this side; the counter being a durable object makes it durable
// on the other side. Together they let the reference work after either vat restarts, or the whole
// kernel does. (A reference to an ephemeral object of the counter vat would not survive a restart
// of that vat: messages to it would be rejected with [KERNEL:OBJECT_DELETED].)
import io.jocap.vat.Baggage;
import io.jocap.vat.E;
import io.jocap.vat.Far;
import io.jocap.vat.Presence;
import io.jocap.vat.Vat;
import io.jocap.vat.VatPowers;
import io.jocap.vat.VatPromise;
import java.util.Map;

public final class CounterClient implements Vat {
    @Override
    public Far buildRootObject(VatPowers powers, Map<String, Object> parameters, Baggage baggage) {
        // Nothing to redefine: this vat has no durable kinds, only baggage.
        return new Root(baggage);
    }

    public static final class Root implements Far {
        private final Baggage baggage;

        Root(Baggage baggage) {
            this.baggage = baggage;
        }

        /** Keeps {@code counter} (another vat's object) for later visits. */
        public void useCounter(Presence counter) {
            if (baggage.has("counter")) {
                baggage.set("counter", counter);
            } else {
                baggage.init("counter", counter);
            }
        }

        /** Counts one visit on the counter and answers the new count (a promise for it). */
        public VatPromise<Object> visit() {
            if (!baggage.has("counter")) {
                throw new IllegalStateException("no counter yet: call useCounter(counter) first");
            }
            // An eventual send: the counter is in another vat, so the answer is a promise.
            return E.send(baggage.get("counter"), "increment");
        }
    }
}
