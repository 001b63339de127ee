package io.jocap.kernel.route;

import io.jocap.kernel.errors.KernelErrorCode;
import io.jocap.kernel.errors.KernelErrors;
import io.jocap.kernel.state.EndpointId;
import io.jocap.kernel.state.Kref;
import io.jocap.marshal.CapData;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a message for a kernel reference goes, as decided by {@link Router}. Each kind checks its
 * parts on construction ({@link IllegalArgumentException} for a malformed kref or endpoint id,
 * {@link NullPointerException} for a missing part).
 */
public sealed interface Route {
    /**
     * Deliver the message to {@code endpoint}, a vat or remote that owns the object {@code target}
     * (which may be reached through resolved promises, so it can differ from the original target).
     */
    record DeliverToEndpoint(String endpoint, String target) implements Route {
        public DeliverToEndpoint {
            EndpointId.requireVatOrRemote(endpoint);
            Kref.requireObject(target);
        }
    }

    /** Invoke the kernel service that the kernel-owned object {@code target} stands for. */
    record InvokeService(String target) implements Route {
        public InvokeService {
            Kref.requireObject(target);
        }
    }

    /**
     * Append the message to the queue of the unresolved promise {@code promise}, which is decided
     * locally (by a vat or the kernel) or not decided by anyone yet.
     */
    record QueueOnPromise(String promise) implements Route {
        public QueueOnPromise {
            Kref.requirePromise(promise);
        }
    }

    /**
     * Send the message to the remote kernel {@code endpoint} that decides the unresolved promise
     * {@code promise} (promise pipelining), rather than waiting for the resolution.
     */
    record ForwardToRemote(String endpoint, String promise) implements Route {
        public ForwardToRemote {
            if (!EndpointId.isRemote(endpoint)) {
                throw new IllegalArgumentException("promises are forwarded to remote kernels only, not to "
                        + (endpoint == null ? "null" : "\"" + endpoint + "\""));
            }
            Kref.requirePromise(promise);
        }
    }

    /**
     * The message cannot be delivered: reject its result promise (if any) with {@code rejection}
     * and drop the message.
     *
     * <p>{@code code} tells the two cases apart: present when the kernel refused the message
     * itself and {@code rejection} is that {@linkplain KernelErrors kernel error}; empty when the
     * target promise was rejected and {@code rejection} is the rejection value it was settled with,
     * passed on as is (it may itself be a kernel error, from whoever rejected the promise; use
     * {@link KernelErrors#codeOf} to find out).
     */
    record Splat(CapData rejection, Optional<KernelErrorCode> code) implements Route {
        public Splat {
            Objects.requireNonNull(rejection, "rejection");
            Objects.requireNonNull(code, "code");
        }

        /** The kernel refused the message for {@code code}, with the code's default detail. */
        public static Splat kernelError(KernelErrorCode code) {
            return new Splat(KernelErrors.toCapData(code), Optional.of(code));
        }

        /** The kernel refused the message for {@code code}, with {@code detail} (free of kernel ids). */
        public static Splat kernelError(KernelErrorCode code, String detail) {
            return new Splat(KernelErrors.toCapData(code, detail), Optional.of(code));
        }

        /** The target promise was rejected with {@code rejection}. */
        public static Splat rejectedWith(CapData rejection) {
            return new Splat(rejection, Optional.empty());
        }
    }
}
