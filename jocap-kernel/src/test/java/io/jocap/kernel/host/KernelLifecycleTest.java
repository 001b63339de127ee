package io.jocap.kernel.host;

import static io.jocap.kernel.host.KernelTest.exportRoot;
import static io.jocap.kernel.host.KernelTest.failureOf;
import static io.jocap.kernel.host.KernelTest.greeter;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.jocap.kernel.run.ScriptedVat;
import io.jocap.kernel.testing.Vats;
import io.jocap.protocol.DeliveryResult;
import io.jocap.store.StoreOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelLifecycleTest {

    @Test
    void closeWhileIdleStopsTheThreadAndIsIdempotent() throws Exception {
        Kernel kernel = Kernel.openTemporary();
        kernel.registerVat("v1", greeter());
        assertThat(kernel.queueMessage(exportRoot(kernel, "v1"), "hello", List.of()).get(10, SECONDS)).isEqualTo("hi");
        kernel.close();
        kernel.close();
        assertThat(kernel.kernelThread().isAlive()).isFalse();
        assertThat(kernel.kernelThread().isDaemon()).isFalse();
        assertThat(kernel.inbox().isClosed()).isTrue();
        assertThat(failureOf(kernel.queueMessage("ko1", "hello", List.of()))).isInstanceOf(KernelClosedException.class);
    }

    @Test
    void closeTellsEveryRegisteredVatItIsLetGoOf() throws Exception {
        List<String> told = java.util.Collections.synchronizedList(new ArrayList<>());
        Kernel kernel = Kernel.openTemporary();
        for (String vat : List.of("v1", "v2")) {
            kernel.registerVat(vat, new io.jocap.kernel.run.VatEndpoint() {
                @Override
                public DeliveryResult deliver(io.jocap.protocol.Delivery delivery, io.jocap.kernel.run.SyscallPort syscalls) {
                    return DeliveryResult.OK;
                }

                @Override
                public void terminated(String reason) {
                    told.add(vat + ": " + reason);
                }
            });
        }
        assertThat(told).isEmpty();
        kernel.close();
        assertThat(told).containsExactlyInAnyOrder("v1: the kernel closed", "v2: the kernel closed");
        kernel.close();
        assertThat(told).hasSize(2);
    }

    @Test
    void closeWhileWorkIsQueuedEndsEveryFutureAndKeepsTheRunQueue(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("kernel.db");
        AtomicInteger delivered = new AtomicInteger();
        ScriptedVat.Script counting = (d, port) -> {
            if (Vats.method(d).equals("hello")) {
                delivered.incrementAndGet();
                Vats.resolve(port, Vats.result(d), false, Vats.data("#\"hi\""));
            }
            return DeliveryResult.OK;
        };
        String root;
        List<CompletableFuture<Object>> answers = new ArrayList<>();
        try (Kernel kernel = Kernel.open(db, StoreOptions.defaults())) {
            kernel.registerVat("v1", new ScriptedVat(counting));
            root = exportRoot(kernel, "v1");
            for (int i = 0; i < 200; i++) {
                answers.add(kernel.queueMessage(root, "hello", List.of()));
            }
        }
        int answered = 0;
        int acceptedButUnanswered = 0;
        for (CompletableFuture<Object> answer : answers) {
            try {
                assertThat(answer.get(10, SECONDS)).isEqualTo("hi");
                answered++;
            } catch (java.util.concurrent.ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(KernelClosedException.class);
                if (e.getCause().getMessage().contains("stays queued")) {
                    acceptedButUnanswered++;
                }
            }
        }
        assertThat(delivered.get()).isGreaterThanOrEqualTo(answered);
        // Reopened: what was accepted but not delivered is still queued, and runs exactly once.
        try (Kernel kernel = Kernel.open(db, StoreOptions.defaults(), Map.of("v1", new ScriptedVat(counting)))) {
            assertThat(kernel.queueMessage(root, "hello", List.of()).get(10, SECONDS)).isEqualTo("hi");
            assertThat(delivered.get()).isEqualTo(answered + acceptedButUnanswered + 1);
            KernelTest.assertAuditClean(kernel);
        }
    }

    /** A service whose one method blocks until the test lets it go. */
    public static final class Hanging {
        final java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);
        final java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);

        public String hang() throws InterruptedException {
            entered.countDown();
            release.await();
            return "too late";
        }
    }

    @Test
    void aRestartRejectsServiceCallsThatWereInFlightAndReleasesLostHostAnswers(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("kernel.db");
        Hanging hanging = new Hanging();
        String interrupted;
        String unanswered;
        try (Kernel kernel = Kernel.open(db, StoreOptions.defaults(), Map.of("v1", ScriptedVat.quiet()))) {
            String service = kernel.registerService("hanging", hanging, false);
            String root = exportRoot(kernel, "v1");
            kernel.queueMessage(service, "hang", List.of());
            kernel.queueMessage(root, "neverAnswered", List.of()); // v1 decides it and never resolves
            assertThat(hanging.entered.await(10, SECONDS)).isTrue();
            interrupted = kernel.query(s -> s.promises().promisesDecidedBy("kernel")).get(10, SECONDS).getFirst();
            unanswered = kernel.query(s -> s.promises().promisesDecidedBy("v1")).get(10, SECONDS).getFirst();
            assertThat(kernel.query(s -> s.pins().pinnedPromises()).get(10, SECONDS))
                    .contains(interrupted, unanswered);
        } finally {
            hanging.release.countDown();
        }
        try (Kernel kernel = Kernel.open(db, StoreOptions.defaults(), Map.of("v1", ScriptedVat.quiet()))) {
            kernel.query(s -> {
                assertThat(s.promises().state(interrupted)).isEqualTo(io.jocap.kernel.state.PromiseState.REJECTED);
                assertThat(Vats.code(s.promises().value(interrupted)))
                        .contains(io.jocap.kernel.errors.KernelErrorCode.DELIVERY_FAILED);
                assertThat(s.promises().promisesDecidedBy("kernel")).isEmpty();
                assertThat(s.promises().decider(unanswered)).as("still v1's to answer").isEqualTo("v1");
                assertThat(s.pins().pinnedPromises()).as("no host is waiting any more").isEmpty();
                return null;
            }).get(10, SECONDS);
            KernelTest.assertAuditClean(kernel);
        }
    }

    @Test
    void withABatchedStoreAHostAnswerIsNeverReleasedBeforeItsCrankIsDurable() throws Exception {
        // Long delay and big batches: only the kernel's idle flush makes anything durable.
        try (Kernel kernel = Kernel.openTemporary(StoreOptions.batched(10_000, Duration.ofHours(1)))) {
            AtomicLong settledIn = new AtomicLong();
            kernel.observeHostSettlements(settledIn::set);
            kernel.registerVat("v1", greeter());
            String root = exportRoot(kernel, "v1");
            for (int i = 0; i < 20; i++) {
                long[] durableSeen = new long[1];
                long[] settled = new long[1];
                Object answer = kernel.queueMessage(root, "hello", List.of()).thenApply(v -> {
                    settled[0] = settledIn.get();
                    durableSeen[0] = kernel.store().durableCrank();
                    return v;
                }).get(10, SECONDS);
                assertThat(answer).isEqualTo("hi");
                assertThat(settled[0]).isPositive();
                assertThat(durableSeen[0]).isGreaterThanOrEqualTo(settled[0]);
            }
        }
    }
}
