package io.jocap.vat;

import java.util.Map;

/**
 * A vat: the class a cluster config names, whose one job is to build the vat's root object. The
 * class needs a public no-argument constructor; the runtime makes one instance per incarnation
 * (each start and each restart) and calls {@link #buildRootObject} once, inside the vat's first
 * turn.
 *
 * <pre>{@code
 * public final class CounterVat implements Vat {
 *     public Far buildRootObject(VatPowers powers, Map<String, Object> parameters, Baggage baggage) {
 *         Baggage.DurableKind<Counter> counters = baggage.defineKind("Counter", List.of("count"), Counter::new);
 *         Counter counter = baggage.has("counter") ? (Counter) baggage.get("counter")
 *                 : baggage.init("counter", counters.make(Map.of("count", 0)));
 *         return new Root(counter);
 *     }
 * }
 * }</pre>
 *
 * <p>On a restart (after the vat or the kernel restarted) the same method runs again with the
 * same {@code parameters} and the {@code baggage} the previous incarnation left: that is how a
 * vat finds its durable state. It must define again every {@linkplain Baggage#defineKind durable
 * kind} it ever defined, or the restart fails with a message naming the missing kind. Ephemeral
 * objects (plain {@link Far} objects) do not survive: messages other vats send to the old ones
 * are rejected with {@code [KERNEL:OBJECT_DELETED]}.
 */
public interface Vat {
    /**
     * Builds the root object other vats reach first (the bootstrap vat's root also receives
     * {@code bootstrap(vats, services)}).
     *
     * @param powers what this vat was granted (logger, timers, clock, randomness, HTTP)
     * @param parameters the vat's {@code parameters} from its config, as passable data
     * @param baggage the vat's durable map, empty on the first start
     * @return the root object: a {@link Far} object (or a durable object)
     * @throws Exception to fail the vat's start; the launch (or restart) fails with this vat's
     *     name and the exception's message
     */
    Far buildRootObject(VatPowers powers, Map<String, Object> parameters, Baggage baggage) throws Exception;
}
