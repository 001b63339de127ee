package io.jocap.kernel.run;

import io.jocap.kernel.state.KernelMessage;
import io.jocap.marshal.CapData;
import java.util.Objects;
import java.util.function.LongConsumer;

/**
 * How the {@link CrankRunner} hands a message for a kernel-owned object to the kernel services.
 *
 * <p><b>Contract.</b> {@link #accept} is called on the kernel thread, inside the crank that took
 * the message off the run queue; it may write to kernel state in that crank (its writes share the
 * crank's fate) and must not block or call the service itself. It answers with a
 * {@link ServiceCall}: {@link ServiceCall.Refused} makes the runner splat the message with the
 * given rejection; {@link ServiceCall.Accepted} commits the crank and then runs its action on the
 * kernel thread with the committed crank's number, never if the crank is rolled back. Starting
 * the actual service call from that action (asynchronously) is what keeps the service outside the
 * crank (design section 4: a service never blocks the crank).
 */
@FunctionalInterface
public interface KernelServiceGateway {
    /**
     * Accepts or refuses {@code message}, sent to the kernel object {@code target}.
     *
     * @param target the kernel-owned object the message was routed to
     * @param message the message; its counts were released with the run-queue item
     */
    ServiceCall accept(String target, KernelMessage message);

    /** What the gateway decided about one message. */
    sealed interface ServiceCall {
        /** The message cannot be handled: reject its result with {@code rejection}. */
        record Refused(CapData rejection) implements ServiceCall {
            public Refused {
                Objects.requireNonNull(rejection, "rejection");
            }
        }

        /** The message was taken; {@code afterCommit} gets the number of the crank that took it. */
        record Accepted(LongConsumer afterCommit) implements ServiceCall {
            public Accepted {
                Objects.requireNonNull(afterCommit, "afterCommit");
            }
        }
    }
}
