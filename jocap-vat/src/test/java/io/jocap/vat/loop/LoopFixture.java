package io.jocap.vat.loop;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * A started loop for one test, with its uncaught failures collected instead of printed, and
 * helpers to run code in a turn and wait (with a timeout) for that turn to end.
 */
public final class LoopFixture {
    public final VatLoop loop;
    /** What reached the loop's uncaught handler; read it after the turn's future completed. */
    public final List<Throwable> uncaught = new CopyOnWriteArrayList<>();

    public LoopFixture(String vatName) {
        loop = new VatLoop(vatName);
        loop.onUncaught(uncaught::add);
        loop.start();
    }

    /**
     * Runs {@code body} as one turn and returns its result once the turn has ended (quiescent).
     * What the body throws, assertion failures included, is rethrown here rather than reaching
     * the uncaught handler.
     */
    public <T> T turn(Supplier<T> body) throws InterruptedException, ExecutionException, TimeoutException {
        return turn(loop, body);
    }

    /** Like {@link #turn(Supplier)}, for a body that returns nothing. */
    public void run(Runnable body) throws InterruptedException, ExecutionException, TimeoutException {
        turn(loop, () -> {
            body.run();
            return null;
        });
    }

    public static <T> T turn(VatLoop loop, Supplier<T> body) throws InterruptedException, ExecutionException, TimeoutException {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        loop.submit(() -> {
            try {
                result.set(body.get());
            } catch (Throwable t) {
                failure.set(t);
            }
        }).get(5, SECONDS);
        if (failure.get() instanceof Error e) {
            throw e;
        }
        if (failure.get() instanceof RuntimeException e) {
            throw e;
        }
        return result.get();
    }

    /** Closes the loop, waits for its thread, and checks nothing unexpected was uncaught. */
    public void closeExpectingNoUncaught() throws InterruptedException {
        close();
        assertThat(uncaught).as("uncaught failures on vat %s", loop.vatName()).isEmpty();
    }

    public void close() throws InterruptedException {
        loop.close();
        assertThat(loop.awaitTermination(Duration.ofSeconds(5))).as("loop thread ended").isTrue();
    }
}
