package io.jocap.kernel.run;

import static io.jocap.kernel.testing.Vats.call;
import static io.jocap.kernel.testing.Vats.code;
import static io.jocap.kernel.testing.Vats.data;
import static io.jocap.kernel.testing.Vats.method;
import static io.jocap.kernel.testing.Vats.ref;
import static io.jocap.kernel.testing.Vats.resolve;
import static io.jocap.kernel.testing.Vats.result;
import static io.jocap.kernel.testing.Vats.send;
import static org.assertj.core.api.Assertions.assertThat;

import io.jocap.kernel.errors.KernelErrorCode;
import io.jocap.kernel.run.CrankOutcome.Delivered;
import io.jocap.kernel.run.CrankOutcome.Queued;
import io.jocap.kernel.run.CrankOutcome.Splatted;
import io.jocap.kernel.run.CrankOutcome.VatTerminated;
import io.jocap.kernel.state.KernelMessage;
import io.jocap.kernel.state.PromiseState;
import io.jocap.kernel.state.RunQueueItem;
import io.jocap.marshal.CapData;
import io.jocap.protocol.Delivery;
import io.jocap.protocol.DeliveryResult;
import io.jocap.protocol.Resolution;
import io.jocap.protocol.Syscall;
import io.jocap.protocol.SyscallResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CrankRunnerTest {

    @Test
    void oneDeliveryPerCrankEvenWithManyItemsQueued() {
        try (EmbeddedKernel k = EmbeddedKernel.create()) {
            ScriptedVat v1 = k.register("v1", ScriptedVat.quiet());
            String root = k.export("v1", "o+0");
            for (int i = 0; i < 5; i++) {
                k.queueSend(root, call("m" + i));
            }
            long before = k.store().lastCommittedCrank();
            for (int i = 0; i < 5; i++) {
                assertThat(k.step()).isInstanceOf(Delivered.class);
                assertThat(v1.deliveries()).hasSize(i + 1);
                assertThat(method(v1.lastDelivery())).isEqualTo("m" + i);
                assertThat(k.runQueueLength()).isEqualTo(4 - i);
                assertThat(k.store().lastCommittedCrank()).isEqualTo(before + i + 1);
            }
            assertThat(k.step()).isEqualTo(CrankOutcome.IDLE);
            assertThat(k.store().lastCommittedCrank()).isEqualTo(before + 5); // idle spends no crank
        }
    }

    @Test
    void anAbortKeepsEarlierCranksLeavesNoStaleQueueLengthAndDropsItsOutputs() {
        try (EmbeddedKernel k = EmbeddedKernel.create()) {
            ScriptedVat v2 = k.register("v2", ScriptedVat.quiet());
            String root2 = k.export("v2", "o+0");
            ScriptedVat v1 = k.register("v1", new ScriptedVat((d, port) -> switch (method(d)) {
                case "good" -> {
                    resolve(port, result(d), false, data("#\"done\""));
                    send(port, "o-1", call("fromGood"), null);
                    yield DeliveryResult.OK;
                }
                case "bad" -> {
                    send(port, "o-1", call("fromBad"), null);
                    port.syscall(new Syscall.VatstoreSet("k", "v"));
                    yield new DeliveryResult.Failed("boom");
                }
                default -> DeliveryResult.OK;
            }));
            String root1 = k.export("v1", "o+0");
            k.crank(() -> k.state().clist("v1").addImport(root2));
            String good = k.queueSend(root1, call("good"));
            String bad = k.queueSend(root1, call("bad"));
            String later = k.queueSend(root1, call("later"));

            assertThat(k.step()).isInstanceOf(Delivered.class);
            assertThat(k.runQueueLength()).isEqualTo(3); // bad, later, fromGood

            List<Long> lengths = new ArrayList<>();
            k.runner().afterEachCrank(() -> {
                k.audit();
                lengths.add(k.runQueueLength());
            });
            RunQueueItem head = k.state().runQueue().peek();
            assertThat(k.step()).isEqualTo(new VatTerminated("v1", KernelErrorCode.VAT_FATAL_INTERNAL_ERROR, "boom"));
            // After the rollback and after the termination crank: the same three items, "bad" first.
            assertThat(lengths).containsExactly(3L, 3L);
            assertThat(k.state().runQueue().peek()).isEqualTo(head);
            // The earlier crank is intact.
            assertThat(k.promiseState(good)).isEqualTo(PromiseState.FULFILLED);
            assertThat(k.promiseValue(good)).isEqualTo(data("#\"done\""));
            assertThat(k.store().vatstore("v1").get("k")).isNull();

            k.runUntilIdle(10);
            assertThat(code(k.promiseValue(bad))).contains(KernelErrorCode.OBJECT_DELETED);
            assertThat(code(k.promiseValue(later))).contains(KernelErrorCode.OBJECT_DELETED);
            assertThat(v1.deliveries()).extracting(d -> method(d)).containsExactly("good", "bad");
            // The aborted crank's send never appears; the committed one's does.
            assertThat(v2.deliveries()).extracting(d -> method(d)).containsExactly("fromGood");
        }
    }

    @Test
    void aRevokedTargetSplatsObjectRevoked() {
        assertSplat(KernelErrorCode.OBJECT_REVOKED, (k, root) -> k.state().objects().revoke(root));
    }

    @Test
    void anOwnerlessTargetSplatsObjectDeleted() {
        assertSplat(KernelErrorCode.OBJECT_DELETED, (k, root) -> k.state().objects().clearOwner(root));
    }

    @Test
    void aTargetOwnedByAnUnregisteredVatSplatsEndpointUnreachable() {
        try (EmbeddedKernel k = EmbeddedKernel.create()) {
            String root = k.export("v9", "o+0");
            String kp = k.queueSend(root, call("x"));
            assertThat(k.step()).isInstanceOf(Splatted.class);
            assertThat(k.promiseState(kp)).isEqualTo(PromiseState.REJECTED);
            assertThat(code(k.promiseValue(kp))).contains(KernelErrorCode.ENDPOINT_UNREACHABLE);
        }
    }

    private interface Setup {
        void apply(EmbeddedKernel k, String root);
    }

    private static void assertSplat(KernelErrorCode expected, Setup setup) {
        try (EmbeddedKernel k = EmbeddedKernel.create()) {
            ScriptedVat v1 = k.register("v1", ScriptedVat.quiet());
            String root = k.export("v1", "o+0");
            k.crank(() -> setup.apply(k, root));
            String kp = k.queueSend(root, call("x"));
            assertThat(k.step()).isInstanceOf(Splatted.class);
            assertThat(k.promiseState(kp)).isEqualTo(PromiseState.REJECTED);
            assertThat(code(k.promiseValue(kp))).contains(expected);
            assertThat(v1.deliveries()).isEmpty();
        }
    }

    /**
     * Host sends "use" to promise kpA (queued: nobody has resolved it), then "make" to v1's root
     * with result kpA; v1 answers "make" with {@code makeAnswer} and "use" by fulfilling with
     * "used". Returns the kernel, v1 and the result of "use".
     */
    private record Pipeline(EmbeddedKernel k, ScriptedVat v1, String use) {}

    private static Pipeline pipeline(boolean rejected, CapData makeAnswer) {
        EmbeddedKernel k = EmbeddedKernel.create();
        ScriptedVat v1 = k.register("v1", new ScriptedVat((d, port) -> {
            switch (method(d)) {
                case "make" -> resolve(port, result(d), rejected, makeAnswer);
                case "use" -> resolve(port, result(d), false, data("#\"used\""));
                default -> throw new AssertionError(d);
            }
            return DeliveryResult.OK;
        }));
        String root = k.export("v1", "o+0");
        String kpA = k.crank(() -> {
            String kp = k.state().promises().create(null);
            k.state().pins().pin(kp);
            return kp;
        });
        String use = k.queueSend(kpA, call("use"));
        k.queueSend(root, call("make"), kpA);
        assertThat(k.step()).isEqualTo(new Queued(sendTo(kpA, use), kpA));
        assertThat(k.state().promises().queuedMessageCount(kpA)).isEqualTo(1);
        assertThat(k.step()).isInstanceOf(Delivered.class); // make
        assertThat(k.state().promises().queuedMessageCount(kpA)).isZero();
        return new Pipeline(k, v1, use);
    }

    private static RunQueueItem.Send sendTo(String target, String result) {
        return new RunQueueItem.Send(target, new KernelMessage(call("use"), result));
    }

    @Test
    void aMessageQueuedOnAPromiseIsDeliveredAfterItResolves() {
        Pipeline p = pipeline(false, ref("o+5"));
        try (EmbeddedKernel k = p.k()) {
            assertThat(k.step()).isInstanceOf(Delivered.class);
            assertThat(p.v1().lastDelivery()).isInstanceOfSatisfying(Delivery.Deliver.class,
                    d -> assertThat(d.target()).isEqualTo("o+5"));
            k.runUntilIdle(10);
            assertThat(k.promiseState(p.use())).isEqualTo(PromiseState.FULFILLED);
            assertThat(k.promiseValue(p.use())).isEqualTo(data("#\"used\""));
        }
    }

    @Test
    void aMessageToAPromiseFulfilledToDataSplatsBadPromiseResolution() {
        Pipeline p = pipeline(false, data("#42"));
        try (EmbeddedKernel k = p.k()) {
            assertThat(k.step()).isInstanceOf(Splatted.class);
            assertThat(code(k.promiseValue(p.use()))).contains(KernelErrorCode.BAD_PROMISE_RESOLUTION);
            assertThat(p.v1().deliveries()).hasSize(1);
        }
    }

    @Test
    void aMessageToARejectedPromiseSplatsWithTheRejection() {
        Pipeline p = pipeline(true, data("#\"nope\""));
        try (EmbeddedKernel k = p.k()) {
            assertThat(k.step()).isInstanceOfSatisfying(Splatted.class,
                    splat -> assertThat(splat.rejection()).isEqualTo(data("#\"nope\"")));
            assertThat(k.promiseState(p.use())).isEqualTo(PromiseState.REJECTED);
            assertThat(k.promiseValue(p.use())).isEqualTo(data("#\"nope\""));
            assertThat(code(k.promiseValue(p.use()))).isEmpty();
        }
    }

    @Test
    void aSplatReachesTheSendersResultPromiseWithTheTag() {
        try (EmbeddedKernel k = EmbeddedKernel.create()) {
            k.register("v2", ScriptedVat.quiet());
            String root2 = k.export("v2", "o+0");
            ScriptedVat v1 = k.register("v1", new ScriptedVat((d, port) -> {
                if (method(d).equals("go")) {
                    send(port, "o-1", call("x"), "p+1");
                    port.syscall(new Syscall.Subscribe("p+1"));
                }
                return DeliveryResult.OK;
            }));
            String root1 = k.export("v1", "o+0");
            k.crank(() -> k.state().clist("v1").addImport(root2));
            k.crank(() -> k.state().objects().revoke(root2));
            k.queueSend(root1, call("go"), null);
            k.runUntilIdle(10);
            assertThat(v1.lastDelivery()).isInstanceOfSatisfying(Delivery.Notify.class, n -> {
                assertThat(n.resolutions()).hasSize(1);
                Resolution r = n.resolutions().getFirst();
                assertThat(r.promise()).isEqualTo("p+1");
                assertThat(r.rejected()).isTrue();
                assertThat(code(r.data())).contains(KernelErrorCode.OBJECT_REVOKED);
            });
        }
    }

    @Test
    void aPromiseCycleResolvesInOneSyscall() {
        try (EmbeddedKernel k = EmbeddedKernel.create()) {
            List<SyscallResult> results = new ArrayList<>();
            k.register("v1", new ScriptedVat((d, port) -> {
                if (method(d).equals("start")) {
                    results.add(send(port, "o+0", call("hold", "p+1", "p+2"), null));
                    results.add(port.syscall(new Syscall.Resolve(List.of(
                            new Resolution("p+1", false, ref("p+2")),
                            new Resolution("p+2", false, ref("p+1"))))));
                }
                return DeliveryResult.OK;
            }));
            String root = k.export("v1", "o+0");
            k.queueSend(root, call("start"), null);
            k.step();
            assertThat(results).containsExactly(SyscallResult.OK, SyscallResult.OK);
            List<String> kps = ((RunQueueItem.Send) k.state().runQueue().peek()).message().methargs().slots();
            assertThat(kps).allSatisfy(kp -> assertThat(k.promiseState(kp)).isEqualTo(PromiseState.FULFILLED));
            assertThat(k.promiseValue(kps.get(0))).isEqualTo(ref(kps.get(1)));
            assertThat(k.promiseValue(kps.get(1))).isEqualTo(ref(kps.get(0)));
            k.step(); // "hold" delivers both promises to v1 again
            String kp = k.queueSend(kps.get(0), call("x"));
            assertThat(k.step()).isInstanceOf(Splatted.class);
            assertThat(code(k.promiseValue(kp))).contains(KernelErrorCode.BAD_PROMISE_RESOLUTION);
        }
    }

    /**
     * v1 decides kp1 and holds kp2; v2 decides kp2 and holds kp1. v1 resolves kp1 to kp2 in one
     * crank, v2 resolves kp2 to kp1 in a later one: both settle, and messages waiting on either
     * (or sent later) splat instead of looping.
     */
    @Test
    void aPromiseCycleResolvedAcrossCranksSettlesBothAndMessagesToItSplat() {
        try (EmbeddedKernel k = EmbeddedKernel.create()) {
            List<SyscallResult> results = new ArrayList<>();
            Map<String, String> held = new HashMap<>(); // vat -> the vref of the other's promise
            for (String vat : List.of("v1", "v2")) {
                k.register(vat, new ScriptedVat((d, port) -> {
                    switch (method(d)) {
                        case "start" -> results.add(send(port, "o-1", call("hold", "p+1"), null));
                        case "hold" -> held.put(vat, ((Delivery.Deliver) d).message().methargs().slots().getFirst());
                        case "close" -> results.add(port.syscall(new Syscall.Resolve(List.of(
                                new Resolution("p+1", false, ref(held.get(vat)))))));
                        default -> {}
                    }
                    return DeliveryResult.OK;
                }));
            }
            String root1 = k.export("v1", "o+0");
            String root2 = k.export("v2", "o+0");
            k.crank(() -> {
                k.state().clist("v1").addImport(root2); // o-1 in v1
                k.state().clist("v2").addImport(root1); // o-1 in v2
            });
            k.queueSend(root1, call("start"), null);
            k.queueSend(root2, call("start"), null);
            k.runUntilIdle(10);
            String kp1 = k.state().promises().promisesDecidedBy("v1").getFirst();
            String kp2 = k.state().promises().promisesDecidedBy("v2").getFirst();
            String waiting = k.queueSend(kp1, call("early"));
            k.runUntilIdle(10);
            assertThat(k.state().promises().queuedMessageCount(kp1)).isEqualTo(1);

            k.queueSend(root1, call("close"), null); // kp1 -> kp2
            k.runUntilIdle(10);
            assertThat(k.promiseState(kp1)).isEqualTo(PromiseState.FULFILLED);
            assertThat(k.state().promises().queuedMessageCount(kp2)).as("moved on to kp2").isEqualTo(1);

            k.queueSend(root2, call("close"), null); // kp2 -> kp1: the cycle closes
            k.runUntilIdle(10);
            assertThat(results).hasSize(4).containsOnly(SyscallResult.OK);
            assertThat(k.promiseState(kp2)).isEqualTo(PromiseState.FULFILLED);
            assertThat(code(k.promiseValue(waiting))).as("the waiting message splatted on the cycle")
                    .contains(KernelErrorCode.BAD_PROMISE_RESOLUTION);
            String late = k.queueSend(kp2, call("late"));
            k.runUntilIdle(10);
            assertThat(code(k.promiseValue(late))).contains(KernelErrorCode.BAD_PROMISE_RESOLUTION);
        }
    }

    /** v1 decides kpA (committed), v2 watches it; then v1 gets "bad", handled by {@code bad}. */
    private record Doomed(EmbeddedKernel k, ScriptedVat v1, ScriptedVat v2, String kpA, String kpBad) {}

    private static Doomed doomed(ScriptedVat.Script bad) {
        EmbeddedKernel k = EmbeddedKernel.create();
        ScriptedVat v2 = k.register("v2", new ScriptedVat((d, port) -> {
            if (method(d).equals("watch")) {
                port.syscall(new Syscall.Subscribe(((Delivery.Deliver) d).message().methargs().slots().getFirst()));
            }
            return DeliveryResult.OK;
        }));
        String root2 = k.export("v2", "o+0");
        ScriptedVat v1 = k.register("v1", new ScriptedVat((d, port) ->
                method(d).equals("bad") ? bad.handle(d, port) : DeliveryResult.OK));
        String root1 = k.export("v1", "o+0");
        k.crank(() -> k.state().clist("v1").addImport(root2));
        String kpA = k.queueSend(root1, call("make"));
        k.runUntilIdle(10);
        assertThat(k.state().promises().decider(kpA)).isEqualTo("v1");
        k.queueSend(root2, call("watch", kpA), null);
        k.runUntilIdle(10);
        String kpBad = k.queueSend(root1, call("bad"));
        return new Doomed(k, v1, v2, kpA, kpBad);
    }

    private static void assertTerminated(Doomed d, KernelErrorCode code) {
        EmbeddedKernel k = d.k();
        assertThat(k.runner().isRegistered("v1")).isFalse();
        assertThat(k.promiseState(d.kpA())).isEqualTo(PromiseState.REJECTED);
        assertThat(code(k.promiseValue(d.kpA()))).contains(code);
        assertThat(k.state().promises().promisesDecidedBy("v1")).isEmpty();
        // Its c-list goes in cleanup cranks, before the run queue.
        assertThat(k.state().terminatedVats().list()).containsExactly("v1");
        k.runUntilIdle(10);
        assertThat(k.state().clist("v1").isEmpty()).isTrue();
        assertThat(k.state().terminatedVats().isEmpty()).isTrue();
        // The subscriber hears of the rejection; the item that caused it splats against the gone vat.
        assertThat(d.v2().lastDelivery()).isInstanceOfSatisfying(Delivery.Notify.class,
                n -> assertThat(code(n.resolutions().getFirst().data())).contains(code));
        assertThat(code(k.promiseValue(d.kpBad()))).contains(KernelErrorCode.OBJECT_DELETED);
        assertThat(d.v1().deliveries()).extracting(x -> method(x)).containsExactly("make", "bad");
    }

    @Test
    void anIllegalSyscallFollowedByValidOnesStillTerminatesTheVatAndRejectsWhatItDecided() {
        List<SyscallResult> results = new ArrayList<>();
        Doomed d = doomed((delivery, port) -> {
            results.add(resolve(port, "p-99", false, data("#1")));
            results.add(send(port, "o-1", call("hidden"), null));
            results.add(port.syscall(new Syscall.VatstoreSet("k", "v")));
            return DeliveryResult.OK;
        });
        try (EmbeddedKernel k = d.k()) {
            CrankOutcome outcome = k.step();
            assertThat(outcome).isInstanceOfSatisfying(VatTerminated.class, t -> {
                assertThat(t.code()).isEqualTo(KernelErrorCode.VAT_FATAL_ILLEGAL_SYSCALL);
                assertThat(t.reason()).contains("p-99");
            });
            assertThat(results).allSatisfy(r -> assertThat(r).isInstanceOf(SyscallResult.Failed.class));
            assertThat(k.store().vatstore("v1").get("k")).isNull();
            assertTerminated(d, KernelErrorCode.VAT_FATAL_ILLEGAL_SYSCALL);
            assertThat(d.v2().deliveries()).extracting(x -> method(x)).doesNotContain("hidden");
        }
    }

    @Test
    void aDeliveryThatThrowsTerminatesTheVatWithInternalError() {
        Doomed d = doomed((delivery, port) -> {
            send(port, "o-1", call("hidden"), null);
            throw new IllegalStateException("vat runtime broke");
        });
        try (EmbeddedKernel k = d.k()) {
            assertThat(k.step()).isInstanceOfSatisfying(VatTerminated.class,
                    t -> assertThat(t.code()).isEqualTo(KernelErrorCode.VAT_FATAL_INTERNAL_ERROR));
            assertTerminated(d, KernelErrorCode.VAT_FATAL_INTERNAL_ERROR);
            assertThat(d.v2().deliveries()).extracting(x -> method(x)).doesNotContain("hidden");
        }
    }

    @Test
    void aFailingExitRollsTheDeliveryBackAndTerminates() {
        Doomed d = doomed((delivery, port) -> {
            send(port, "o-1", call("hidden"), null);
            port.syscall(new Syscall.Exit(true, data("#\"bye\"")));
            return DeliveryResult.OK;
        });
        try (EmbeddedKernel k = d.k()) {
            assertThat(k.step()).isInstanceOfSatisfying(VatTerminated.class,
                    t -> assertThat(t.code()).isEqualTo(KernelErrorCode.VAT_TERMINATED));
            assertTerminated(d, KernelErrorCode.VAT_TERMINATED);
            assertThat(d.v2().deliveries()).extracting(x -> method(x)).doesNotContain("hidden");
        }
    }

    @Test
    void aNormalExitKeepsTheDeliveryAndTerminatesInTheSameCrank() {
        Doomed d = doomed((delivery, port) -> {
            send(port, "o-1", call("farewell"), null);
            resolve(port, result(delivery), false, data("#\"ok\""));
            port.syscall(new Syscall.Exit(false, data("#\"bye\"")));
            return DeliveryResult.OK;
        });
        try (EmbeddedKernel k = d.k()) {
            long before = k.store().lastCommittedCrank();
            assertThat(k.step()).isInstanceOfSatisfying(VatTerminated.class,
                    t -> assertThat(t.code()).isEqualTo(KernelErrorCode.VAT_TERMINATED));
            assertThat(k.store().lastCommittedCrank()).isEqualTo(before + 1);
            assertThat(k.runner().isRegistered("v1")).isFalse();
            assertThat(code(k.promiseValue(d.kpA()))).contains(KernelErrorCode.VAT_TERMINATED);
            assertThat(k.promiseValue(d.kpBad())).isEqualTo(data("#\"ok\""));
            k.runUntilIdle(10);
            assertThat(d.v2().deliveries()).extracting(x -> method(x)).contains("farewell");
        }
    }

    @Test
    void aPortIsRefusedOnceItsDeliveryHasEnded() {
        try (EmbeddedKernel k = EmbeddedKernel.create()) {
            List<SyscallPort> kept = new ArrayList<>();
            k.register("v1", new ScriptedVat((d, port) -> {
                kept.add(port);
                return DeliveryResult.OK;
            }));
            String root = k.export("v1", "o+0");
            k.queueSend(root, call("x"), null);
            k.step();
            k.crank(() -> assertThat(kept.getFirst().syscall(new Syscall.VatstoreSet("k", "v")))
                    .isInstanceOf(SyscallResult.Failed.class));
            assertThat(k.store().vatstore("v1").get("k")).isNull();
        }
    }

    @Test
    void aCorruptRunQueueItemIsDeadLetteredAndTheLoopCarriesOn() {
        try (EmbeddedKernel k = EmbeddedKernel.create()) {
            ScriptedVat v1 = k.register("v1", ScriptedVat.quiet());
            String root = k.export("v1", "o+0");
            k.queueSend(root, call("before"), null);
            // Plant a corrupt item behind it, with no counts (the audit would rightly object meanwhile).
            k.auditing(false);
            k.crank(() -> {
                k.store().kv().set("rq.a2", "S " + root + " this is not a message");
                k.store().kv().set("rq", "1 3");
            });
            k.queueSend(root, call("after"), null);

            assertThat(k.step()).isInstanceOf(Delivered.class);
            CrankOutcome outcome = k.step();
            k.auditing(true).audit();
            assertThat(outcome).isInstanceOfSatisfying(CrankOutcome.DeadLettered.class, dl -> {
                assertThat(dl.letter().number()).isEqualTo(1);
                assertThat(dl.letter().item()).isEqualTo("S " + root + " this is not a message");
                assertThat(dl.letter().error()).contains("corrupt");
            });
            assertThat(k.step()).isInstanceOf(Delivered.class);
            assertThat(v1.deliveries()).extracting(d -> method(d)).containsExactly("before", "after");
            assertThat(k.deadLetters().list()).hasSize(1);
            assertThat(k.deadLetters().size()).isEqualTo(1);
            assertThat(k.step()).isEqualTo(CrankOutcome.IDLE);
        }
    }

    @Test
    void aKernelBugWhileHandlingAnItemIsDeadLetteredWithItsCountsReleased() {
        try (EmbeddedKernel k = EmbeddedKernel.create()) {
            k.register("v1", ScriptedVat.quiet());
            String root = k.export("v1", "o+0");
            // A splat must reject the result; a result that is already settled cannot be (a kernel bug).
            String settled = k.crank(() -> {
                String kp = k.state().promises().create(null);
                k.state().pins().pin(kp);
                k.state().promises().resolve(kp, false, data("#1"));
                return kp;
            });
            k.crank(() -> k.state().objects().revoke(root));
            k.queueSend(root, call("doomed"), settled);
            String next = k.queueSend(root, call("next"));

            CrankOutcome outcome = k.step();
            assertThat(outcome).isInstanceOfSatisfying(CrankOutcome.DeadLettered.class, dl -> {
                assertThat(dl.letter().item()).startsWith("S " + root);
                assertThat(dl.letter().error()).contains(IllegalStateException.class.getName());
            });
            assertThat(k.promiseValue(settled)).isEqualTo(data("#1"));
            k.runUntilIdle(5);
            assertThat(code(k.promiseValue(next))).contains(KernelErrorCode.OBJECT_REVOKED);
            assertThat(k.deadLetters().list()).extracting(DeadLetter::number).containsExactly(1L);
        }
    }

    @Test
    void notificationsForAGoneSubscriberAreDropped() {
        try (EmbeddedKernel k = EmbeddedKernel.create()) {
            String kp = k.crank(() -> {
                String p = k.state().promises().create(null);
                k.state().pins().pin(p);
                k.state().promises().resolve(p, false, data("#1"));
                k.state().runQueue().push(new RunQueueItem.Notify("v7", p));
                return p;
            });
            assertThat(k.step()).isEqualTo(new CrankOutcome.Dropped(new RunQueueItem.Notify("v7", kp)));
            assertThat(Optional.ofNullable(k.state().runQueue().peek())).isEmpty();
        }
    }
}
