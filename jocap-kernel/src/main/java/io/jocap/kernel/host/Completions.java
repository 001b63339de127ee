package io.jocap.kernel.host;

import io.jocap.store.KernelStore;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Tells the outside world about the kernel's work, respecting output validity (design invariant
 * 3): a result is released only once the crank that produced it is durable
 * ({@link KernelStore#whenDurable}), and futures are always completed on the helper executor, so
 * that callers' dependent actions never run on the kernel thread (where they could block it) nor
 * on the store's flusher thread. Any thread.
 */
final class Completions {
    private final KernelStore store;
    private final Executor executor;

    Completions(KernelStore store, Executor executor) {
        this.store = Objects.requireNonNull(store, "store");
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    /**
     * Once crank {@code crank} is durable, completes {@code future} with what {@code value} gives
     * (computed then, on the helper executor; if it throws, the future fails with it). If the
     * store fails first, the future fails with a {@link KernelClosedException}.
     */
    <T> void afterDurable(long crank, CompletableFuture<T> future, Supplier<? extends T> value) {
        store.whenDurable(crank).whenCompleteAsync((durable, failure) -> {
            if (failure != null) {
                future.completeExceptionally(new KernelClosedException(
                        "the kernel's store failed before the result was durable", failure));
                return;
            }
            T result;
            try {
                result = value.get();
            } catch (RuntimeException e) {
                future.completeExceptionally(e);
                return;
            }
            future.complete(result);
        }, executor);
    }

    /** Fails {@code future} with {@code failure}, on the helper executor. */
    void fail(CompletableFuture<?> future, Throwable failure) {
        executor.execute(() -> future.completeExceptionally(failure));
    }

    /** Completes {@code future} with {@code value}, on the helper executor. */
    <T> void complete(CompletableFuture<T> future, T value) {
        executor.execute(() -> future.complete(value));
    }
}
