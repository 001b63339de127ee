package io.jocap.kernel.host;

import static io.jocap.kernel.testing.Vats.data;
import static io.jocap.kernel.testing.Vats.method;
import static io.jocap.kernel.testing.Vats.resolve;
import static io.jocap.kernel.testing.Vats.result;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jocap.kernel.errors.KernelErrorCode;
import io.jocap.kernel.errors.KernelException;
import io.jocap.kernel.errors.VatRejectionException;
import io.jocap.kernel.run.ScriptedVat;
import io.jocap.kernel.state.PromiseState;
import io.jocap.protocol.Delivery;
import io.jocap.protocol.DeliveryResult;
import io.jocap.protocol.Resolution;
import io.jocap.protocol.Syscall;
import io.jocap.protocol.SyscallResult;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** The kernel thread, its inbox and the host API, with a real thread and a real temporary store. */
class KernelTest {

    /** A vat whose root answers {@code hello} with "hi" and {@code refuse} with a rejection. */
    static ScriptedVat greeter() {
        return new ScriptedVat((d, port) -> {
            switch (method(d)) {
                case "hello" -> resolve(port, result(d), false, data("#\"hi\""));
                case "refuse" -> resolve(port, result(d), true, data("#\"no\""));
                default -> {}
            }
            return DeliveryResult.OK;
        });
    }

    /** Exports a new object of {@code vat} as {@code o+0}, pinned as a launched vat's root is; returns its kref. */
    static String exportRoot(Kernel kernel, String vat) throws Exception {
        return kernel.run(s -> {
            String ko = s.objects().create(vat);
            s.clist(vat).add("o+0", ko, true);
            s.pins().pin(ko);
            return ko;
        }).get(10, SECONDS);
    }

    static void assertAuditClean(Kernel kernel) throws Exception {
        kernel.query(s -> {
            s.audit().assertClean();
            return null;
        }).get(10, SECONDS);
    }

    static Throwable failureOf(CompletableFuture<?> future) throws Exception {
        try {
            future.get(10, SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("expected the future to fail");
    }

    @Test
    void queueMessageCompletesWithTheVatsAnswer() throws Exception {
        try (Kernel kernel = Kernel.openTemporary()) {
            kernel.registerVat("v1", greeter());
            String root = exportRoot(kernel, "v1");

            assertThat(kernel.queueMessage(root, "hello", List.of()).get(10, SECONDS)).isEqualTo("hi");
            assertThat(failureOf(kernel.queueMessage(root, "refuse", List.of())))
                    .isInstanceOf(VatRejectionException.class)
                    .satisfies(e -> assertThat(((VatRejectionException) e).value()).isEqualTo("no"));

            KernelStatus status = kernel.status();
            assertThat(status.vats()).containsExactly("v1");
            assertThat(status.runQueueLength()).isZero();
            assertThat(status.cranksRun()).isGreaterThanOrEqualTo(4); // two deliveries, two notifies
            assertThat(status.waitingHostAnswers()).isZero();
        }
    }

    @Test
    void splatsFailTheHostFutureWithTheKernelErrorCode() throws Exception {
        try (Kernel kernel = Kernel.openTemporary()) {
            kernel.registerVat("v1", greeter());
            String revoked = exportRoot(kernel, "v1");
            assertThat(kernel.revoke(revoked).get(10, SECONDS)).isTrue();
            assertThat(kernel.revoke(revoked).get(10, SECONDS)).isFalse(); // idempotent
            assertThat(kernel.isRevoked(revoked).get(10, SECONDS)).isTrue();

            assertThat(failureOf(kernel.queueMessage(revoked, "hello", List.of())))
                    .isInstanceOfSatisfying(KernelException.class,
                            e -> assertThat(e.code()).isEqualTo(KernelErrorCode.OBJECT_REVOKED));

            String deleted = kernel.run(s -> {
                String ko = s.objects().create("v1");
                s.clist("v1").add("o+1", ko, true);
                s.clist("v1").remove(ko);
                s.objects().clearOwner(ko);
                return ko;
            }).get(10, SECONDS);
            assertThat(failureOf(kernel.queueMessage(deleted, "hello", List.of())))
                    .isInstanceOfSatisfying(KernelException.class,
                            e -> assertThat(e.code()).isEqualTo(KernelErrorCode.OBJECT_DELETED));
            assertAuditClean(kernel);
        }
    }

    @Test
    void badKrefsFailOnlyThatCall() throws Exception {
        try (Kernel kernel = Kernel.openTemporary()) {
            assertThatThrownBy(() -> kernel.queueMessage("nope", "m", List.of()))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(failureOf(kernel.queueMessage("ko999", "m", List.of())))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown target");
            assertThat(failureOf(kernel.revoke("kp1")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot revoke a promise");
            assertThat(failureOf(kernel.revoke("ko999"))).isInstanceOf(IllegalArgumentException.class);
            // The kernel carries on.
            kernel.registerVat("v1", greeter());
            assertThat(kernel.queueMessage(exportRoot(kernel, "v1"), "hello", List.of()).get(10, SECONDS))
                    .isEqualTo("hi");
        }
    }

    /** Sets up a promise decided by v1 ({@code p+1}) that v2 imports and is subscribed to. */
    static String promiseFromV1WatchedByV2(Kernel kernel) throws Exception {
        return kernel.run(s -> {
            String kp = s.promises().create("v1");
            s.clist("v1").add("p+1", kp, true);
            s.clist("v2").addImport(kp);
            s.promises().addSubscriber(kp, "v2");
            return kp;
        }).get(10, SECONDS);
    }

    static ScriptedVat notified(CompletableFuture<Delivery.Notify> notify) {
        return new ScriptedVat((d, port) -> {
            if (d instanceof Delivery.Notify n) {
                notify.complete(n);
            }
            return DeliveryResult.OK;
        });
    }

    static Syscall.Resolve resolveP1(String body) {
        return new Syscall.Resolve(List.of(new Resolution("p+1", false, data(body))));
    }

    @Test
    void aVatSyscallOfferedWhileTheKernelIsIdleWakesItAndTheSubscriberIsNotified() throws Exception {
        try (Kernel kernel = Kernel.openTemporary()) {
            CompletableFuture<Delivery.Notify> notify = new CompletableFuture<>();
            kernel.registerVat("v1", ScriptedVat.quiet());
            kernel.registerVat("v2", notified(notify));
            String kp = promiseFromV1WatchedByV2(kernel);

            // From another thread, as a timer in v1 would, while the kernel has nothing to do.
            InboxItem.VatSyscalls batch = new InboxItem.VatSyscalls("v1", List.of(resolveP1("#\"late\"")));
            Thread.ofPlatform().start(() -> kernel.inbox().offer(batch)).join();

            assertThat(batch.results().get(10, SECONDS)).containsExactly(SyscallResult.OK);
            assertThat(notify.get(10, SECONDS).resolutions()).singleElement()
                    .satisfies(r -> assertThat(r.data()).isEqualTo(data("#\"late\"")));
            // Settled and notified, nothing holds it any more: collected.
            assertThat(kernel.query(s -> s.promises().exists(kp)).get(10, SECONDS)).isFalse();
            assertAuditClean(kernel);
        }
    }

    @Test
    void launchVatDeliversStartVatAndReturnsThePinnedRoot() throws Exception {
        try (Kernel kernel = Kernel.openTemporary()) {
            ScriptedVat vat = greeter();
            String root = kernel.launchVat("v1", vat, Map.of("greeting", "hi")).get(10, SECONDS);
            assertThat(vat.deliveries().getFirst()).isInstanceOfSatisfying(Delivery.StartVat.class,
                    start -> assertThat(start.parameters()).isEqualTo(data("#{\"greeting\":\"hi\"}")));
            assertThat(kernel.queueMessage(root, "hello", List.of()).get(10, SECONDS)).isEqualTo("hi");
            assertThat(kernel.query(s -> s.pins().pinCount(root)).get(10, SECONDS)).isEqualTo(1);
            assertThat(failureOf(kernel.launchVat("v1", greeter(), Map.of())))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("registered already");
            assertAuditClean(kernel);
        }
    }

    @Test
    void restartVatRejectsWhatTheOldIncarnationDecidedAndOrphansItsEphemeralObjects() throws Exception {
        try (Kernel kernel = Kernel.openTemporary()) {
            String root = kernel.launchVat("v1", greeter(), Map.of()).get(10, SECONDS);
            String[] refs = kernel.run(s -> {
                String ephemeral = s.objects().create("v1");
                s.clist("v1").add("o+5", ephemeral, true);
                String durable = s.objects().create("v1");
                s.clist("v1").add("o+d1/1", durable, true);
                String decided = s.promises().create("v1");
                s.clist("v1").add("p+3", decided, true);
                s.pins().pin(ephemeral); // held by the host, as another vat's import would be
                s.pins().pin(durable);
                s.pins().pin(decided);
                return new String[] {ephemeral, durable, decided};
            }).get(10, SECONDS);
            ScriptedVat second = greeter();
            assertThat(kernel.restartVat("v1", second, Map.of()).get(10, SECONDS)).isEqualTo(root);
            assertThat(second.deliveries().getFirst()).isInstanceOf(Delivery.StartVat.class);

            kernel.query(s -> {
                assertThat(s.promises().state(refs[2])).isEqualTo(PromiseState.REJECTED);
                assertThat(io.jocap.kernel.testing.Vats.code(s.promises().value(refs[2])))
                        .contains(KernelErrorCode.VAT_RESTARTED);
                assertThat(s.objects().owner(refs[0])).as("ephemeral export orphaned").isNull();
                assertThat(s.objects().owner(refs[1])).as("durable export kept").isEqualTo("v1");
                return null;
            }).get(10, SECONDS);
            assertThat(failureOf(kernel.queueMessage(refs[0], "hello", List.of())))
                    .isInstanceOf(KernelException.class).hasMessageContaining("OBJECT_DELETED");
            assertThat(kernel.queueMessage(root, "hello", List.of()).get(10, SECONDS)).isEqualTo("hi");
            assertThat(kernel.query(s -> s.pins().pinCount(root)).get(10, SECONDS)).isEqualTo(1);
            assertAuditClean(kernel);
        }
    }

    @Test
    void aVatThatFailsToStartIsTerminatedAndTheLaunchFailsWithTheReason() throws Exception {
        try (Kernel kernel = Kernel.openTemporary()) {
            ScriptedVat broken = new ScriptedVat((d, port) -> d instanceof Delivery.StartVat
                    ? new DeliveryResult.Failed("buildRootObject threw: boom") : DeliveryResult.OK);
            assertThat(failureOf(kernel.launchVat("v1", broken, Map.of())))
                    .isInstanceOf(VatLaunchException.class)
                    .hasMessage("vat v1 could not be started: buildRootObject threw: boom");
            assertThat(kernel.status().vats()).isEmpty();
            assertAuditClean(kernel);
        }
    }

    @Test
    void anExternalTurnOfferedWhileIdleRunsInACrankWithLiveSyscallsAndWakesTheSubscriber() throws Exception {
        try (Kernel kernel = Kernel.openTemporary()) {
            CompletableFuture<Delivery.Notify> notify = new CompletableFuture<>();
            kernel.registerVat("v1", ScriptedVat.quiet());
            kernel.registerVat("v2", notified(notify));
            String kp = promiseFromV1WatchedByV2(kernel);
            List<SyscallResult> seen = new java.util.ArrayList<>();

            // As v1's worker would when an I/O call completes: a turn with a live port.
            InboxItem.VatTurn turn = new InboxItem.VatTurn("v1", port -> {
                seen.add(port.syscall(new Syscall.VatstoreSet("answer", "late")));
                SyscallResult read = port.syscall(new Syscall.VatstoreGet("answer"));
                seen.add(read);
                String body = "#\"" + ((SyscallResult.Ok) read).value() + "\"";
                seen.add(port.syscall(resolveP1(body)));
                return DeliveryResult.OK;
            });
            Thread.ofPlatform().start(() -> kernel.inbox().offer(turn)).join();

            assertThat(turn.done().get(10, SECONDS)).isPositive();
            assertThat(seen).containsExactly(SyscallResult.OK, new SyscallResult.Ok("late"), SyscallResult.OK);
            assertThat(notify.get(10, SECONDS).resolutions()).singleElement()
                    .satisfies(r -> assertThat(r.data()).isEqualTo(data("#\"late\"")));
            // Settled and notified, nothing holds it any more: collected.
            assertThat(kernel.query(s -> s.promises().exists(kp)).get(10, SECONDS)).isFalse();
            assertAuditClean(kernel);
        }
    }

    @Test
    void anExternalTurnWithAnIllegalSyscallTerminatesTheVatAndAppliesNothing() throws Exception {
        try (Kernel kernel = Kernel.openTemporary()) {
            kernel.registerVat("v1", ScriptedVat.quiet());
            InboxItem.VatTurn turn = new InboxItem.VatTurn("v1", port -> {
                port.syscall(new Syscall.VatstoreSet("k", "v"));
                port.syscall(new Syscall.Send("o-99", new io.jocap.protocol.Message(data("#[\"m\",[]]"), null)));
                return DeliveryResult.OK;
            });
            kernel.inbox().offer(turn);
            assertThat(failureOf(turn.done())).hasMessageContaining("terminated");
            assertThat(kernel.status().vats()).doesNotContain("v1");
            InboxItem.VatTurn late = new InboxItem.VatTurn("v1", port -> DeliveryResult.OK);
            kernel.inbox().offer(late);
            assertThat(failureOf(late.done())).hasMessageContaining("not registered");
            assertAuditClean(kernel);
        }
    }

    @Test
    void aVatSyscallOfferedDuringAnotherVatsCrankSurvivesThatCranksRollback() throws Exception {
        try (Kernel kernel = Kernel.openTemporary()) {
            CountDownLatch entered = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<Delivery.Notify> notify = new CompletableFuture<>();
            kernel.registerVat("v1", ScriptedVat.quiet());
            kernel.registerVat("v2", notified(notify));
            kernel.registerVat("v3", new ScriptedVat((d, port) -> {
                entered.countDown();
                try {
                    release.await(10, SECONDS); // hang guard only
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                port.syscall(new Syscall.VatstoreSet("k", "v"));
                return new DeliveryResult.Failed("boom"); // the crank rolls back, v3 is terminated
            }));
            String kp = promiseFromV1WatchedByV2(kernel);
            String root3 = exportRoot(kernel, "v3");

            CompletableFuture<Object> blocked = kernel.queueMessage(root3, "block", List.of());
            assertThat(entered.await(10, SECONDS)).isTrue();
            InboxItem.VatSyscalls batch = new InboxItem.VatSyscalls("v1", List.of(resolveP1("#\"kept\"")));
            kernel.inbox().offer(batch);
            release.countDown();

            assertThat(failureOf(blocked)).isInstanceOfSatisfying(KernelException.class,
                    e -> assertThat(e.code()).isEqualTo(KernelErrorCode.OBJECT_DELETED));
            assertThat(batch.results().get(10, SECONDS)).containsExactly(SyscallResult.OK);
            assertThat(notify.get(10, SECONDS).resolutions()).singleElement()
                    .satisfies(r -> assertThat(r.data()).isEqualTo(data("#\"kept\"")));
            // Settled and notified, nothing holds it any more: collected.
            assertThat(kernel.query(s -> s.promises().exists(kp)).get(10, SECONDS)).isFalse();
            assertThat(kernel.status().vats()).containsExactlyInAnyOrder("v1", "v2");
            assertAuditClean(kernel);
        }
    }

    @Test
    void anIllegalOutOfCrankSyscallAbortsTheBatchAndTerminatesTheVat() throws Exception {
        try (Kernel kernel = Kernel.openTemporary()) {
            CompletableFuture<Delivery.Notify> notify = new CompletableFuture<>();
            kernel.registerVat("v1", ScriptedVat.quiet());
            kernel.registerVat("v2", notified(notify));
            String kp = promiseFromV1WatchedByV2(kernel);

            InboxItem.VatSyscalls batch = new InboxItem.VatSyscalls("v1", List.of(
                    new Syscall.VatstoreSet("written", "then undone"),
                    new Syscall.Resolve(List.of(new Resolution("p-99", false, data("#null"))))));
            kernel.inbox().offer(batch);

            assertThat(failureOf(batch.results())).hasMessageContaining("terminated");
            assertThat(kernel.status().vats()).containsExactly("v2");
            // v1's promise was rejected by the termination, and v2 told so.
            assertThat(notify.get(10, SECONDS).resolutions()).singleElement()
                    .satisfies(r -> assertThat(r.rejected()).isTrue());
            // Settled and notified, nothing holds it any more: collected.
            assertThat(kernel.query(s -> s.promises().exists(kp)).get(10, SECONDS)).isFalse();
            // A terminated vat's later syscalls are refused.
            InboxItem.VatSyscalls late = new InboxItem.VatSyscalls("v1", List.of(new Syscall.VatstoreGet("k")));
            kernel.inbox().offer(late);
            assertThat(failureOf(late.results())).hasMessageContaining("not registered");
            assertAuditClean(kernel);
        }
    }
}
