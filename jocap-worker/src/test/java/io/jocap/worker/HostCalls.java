package io.jocap.worker;

import static java.util.concurrent.TimeUnit.SECONDS;

import io.jocap.kernel.host.Kernel;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** What the worker tests do as the host of a real kernel: call, expect a rejection, audit. */
public final class HostCalls {
    private HostCalls() {}

    /** Sends {@code method(args)} to {@code target} and waits for the answer. */
    public static Object call(Kernel kernel, String target, String method, Object... args) throws Exception {
        return kernel.queueMessage(target, method, List.of(args)).get(60, SECONDS);
    }

    /** Why {@code method(args)} sent to {@code target} was rejected; fails if it was answered. */
    public static Throwable failure(Kernel kernel, String target, String method, Object... args) throws Exception {
        return failure(kernel.queueMessage(target, method, List.of(args)));
    }

    /** Why {@code answer} was rejected; fails if it was fulfilled. */
    public static Throwable failure(CompletableFuture<Object> answer) throws Exception {
        try {
            Object value = answer.get(60, SECONDS);
            throw new AssertionError("expected a rejection, got " + value);
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    /** Runs the reference-count audit on the kernel thread; fails with its report if not clean. */
    public static void assertAuditClean(Kernel kernel) throws Exception {
        kernel.query(s -> {
            s.audit().assertClean();
            return null;
        }).get(30, SECONDS);
    }
}
