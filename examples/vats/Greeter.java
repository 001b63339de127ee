// A small vat in one file: run it with `"source": "examples/vats/Greeter.java"` in a cluster config.
// Its root greets whoever calls it and counts the greetings it has made in this incarnation.
import io.jocap.vat.Baggage;
import io.jocap.vat.Far;
import io.jocap.vat.Vat;
import io.jocap.vat.VatPowers;
import java.util.Map;

public final class Greeter implements Vat {
    @Override
    public Far buildRootObject(VatPowers powers, Map<String, Object> parameters, Baggage baggage) {
        String greeting = (String) parameters.getOrDefault("greeting", "Hello");
        return new Root(powers, greeting);
    }

    /** The root object: its public methods are what other vats may call. */
    public static final class Root implements Far {
        private final VatPowers powers;
        private final String greeting;
        // Plain object state: it lasts as long as this incarnation of the vat, and each vat built
        // from this file has its own. (Not a static field: the verifier allows only final statics
        // of immutable types. State that must survive a restart belongs in baggage.)
        private int greetings;

        Root(VatPowers powers, String greeting) {
            this.powers = powers;
            this.greeting = greeting;
        }

        public String greet(String name) {
            greetings++;
            powers.logger().info("greeting " + name);
            return greeting + ", " + name + "!";
        }

        public int greetings() {
            return greetings;
        }
    }
}
