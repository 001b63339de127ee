package io.jocap.kernel.state;

import java.util.Objects;

/** A unit of work on the {@link RunQueue}: a message to deliver or a resolution to announce. */
public sealed interface RunQueueItem {

    /**
     * Deliver {@code message} to {@code target}.
     *
     * @param target the object or promise the message is sent to (a kref)
     * @param message the message
     */
    record Send(String target, KernelMessage message) implements RunQueueItem {
        public Send {
            Kref.require(target);
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * Tell {@code endpoint} that {@code promise} has settled.
     *
     * @param endpoint the subscriber (an endpoint id)
     * @param promise the settled promise (a promise kref)
     */
    record Notify(String endpoint, String promise) implements RunQueueItem {
        public Notify {
            EndpointId.require(endpoint);
            Kref.requirePromise(promise);
        }
    }
}
