package io.jocap.kernel.syscall;

import static io.jocap.kernel.translate.KernelHarness.call;
import static io.jocap.kernel.translate.KernelHarness.data;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jocap.kernel.route.Route;
import io.jocap.kernel.route.Router;
import io.jocap.kernel.state.KernelMessage;
import io.jocap.kernel.state.PromiseState;
import io.jocap.kernel.state.RefCounts;
import io.jocap.kernel.state.RunQueueItem;
import io.jocap.kernel.translate.DeliveryTranslator;
import io.jocap.kernel.translate.KernelHarness;
import io.jocap.marshal.CapData;
import io.jocap.protocol.Message;
import io.jocap.protocol.Resolution;
import io.jocap.protocol.Syscall;
import io.jocap.protocol.SyscallResult;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SyscallHandlerTest {
    private static final Pattern KREF = Pattern.compile("k[op]\\d+");
    private static final CapData NOTHING = new CapData("#null", List.of());

    /** Runs one delivery's syscalls for {@code vat} in a committed, audited crank; returns the handler. */
    private static SyscallHandler delivery(KernelHarness h, String vat, Consumer<SyscallHandler> body) {
        return h.crank(() -> {
            SyscallHandler handler = new SyscallHandler(h.store, h.state, vat);
            body.accept(handler);
            return handler;
        });
    }

    /** Asserts {@code syscall} fails with {@code message} and changes nothing in the store. */
    private static void assertIllegal(KernelHarness h, SyscallHandler handler, Syscall syscall, String message) {
        List<Map.Entry<String, String>> before = h.contents("v1", "v2");
        SyscallResult result = handler.handle(syscall);
        assertThat(result).isEqualTo(new SyscallResult.Failed(message));
        assertThat(KREF.matcher(message).find()).as("kref in %s", message).isFalse();
        assertThat(h.contents("v1", "v2")).isEqualTo(before);
    }

    private static Syscall.Send send(String target, CapData methargs, String result) {
        return new Syscall.Send(target, new Message(methargs, result));
    }

    private static Syscall.Resolve resolve(String vref, boolean rejected, CapData value) {
        return new Syscall.Resolve(List.of(new Resolution(vref, rejected, value)));
    }

    // ---- send ----

    @Test
    void sendQueuesTheTranslatedMessageAndTakesTheResultDecisionFromTheSender() {
        try (KernelHarness h = new KernelHarness()) {
            String root2 = h.export("v2", "o+0");
            h.give("v1", root2);
            SyscallHandler handler = delivery(h, "v1", s ->
                    assertThat(s.handle(send("o-1", call("deposit", "o+7", "o-1", "p+2"), "p+1")))
                            .isEqualTo(SyscallResult.OK));

            String ko = h.state.clist("v1").krefFor("o+7");
            String arg = h.state.clist("v1").krefFor("p+2");
            String result = h.state.clist("v1").krefFor("p+1");
            assertThat(h.runQueue()).containsExactly(new RunQueueItem.Send(root2,
                    new KernelMessage(call("deposit", ko, root2, arg), result)));
            assertThat(h.state.objects().owner(ko)).isEqualTo("v1");
            assertThat(h.state.promises().decider(arg)).isEqualTo("v1");
            assertThat(h.state.promises().decider(result)).isNull(); // the message holds the decision now
            assertThat(h.state.promises().state(result)).isEqualTo(PromiseState.UNRESOLVED);
            assertThat(h.state.objects().counts(ko)).isEqualTo(new RefCounts(1, 1)); // the queued send
            assertThat(h.state.objects().counts(root2)).isEqualTo(new RefCounts(3, 3)); // v1's import, target, slot
            assertThat(h.state.promises().refCount(result)).isEqualTo(2); // v1's entry and the send
            assertThat(handler.illegalSyscall()).isEmpty();
            assertThat(handler.exitRequest()).isEmpty();

            // Having handed p+1 over, v1 can neither resolve it nor hand it over again.
            delivery(h, "v1", s -> assertIllegal(h, s, send("o-1", call("again"), "p+1"),
                    "v1 may not use p+1 as a result: it is not its decider"));
            delivery(h, "v1", s -> assertIllegal(h, s, resolve("p+1", false, NOTHING),
                    "v1 may not resolve p+1: it is not its decider"));
        }
    }

    @Test
    void aSendWithoutResultAndToANewExportIsFine() {
        try (KernelHarness h = new KernelHarness()) {
            delivery(h, "v1", s -> {
                assertThat(s.handle(send("o+3", call("self"), null))).isEqualTo(SyscallResult.OK);
                assertThat(s.handle(send("p+4", call("pipelined"), null))).isEqualTo(SyscallResult.OK);
            });
            String ko = h.state.clist("v1").krefFor("o+3");
            String kp = h.state.clist("v1").krefFor("p+4");
            assertThat(h.runQueue()).containsExactly(
                    new RunQueueItem.Send(ko, new KernelMessage(call("self"), null)),
                    new RunQueueItem.Send(kp, new KernelMessage(call("pipelined"), null)));
            assertThat(h.state.promises().decider(kp)).isEqualTo("v1");
        }
    }

    @Test
    void aVatMayPassOnAResultPromiseItWasGivenToDecide() {
        try (KernelHarness h = new KernelHarness()) {
            String root1 = h.export("v1", "o+0");
            String root2 = h.export("v2", "o+0");
            h.give("v2", root1);
            String kp = h.promise(null);
            // v2 received a message whose result it now decides, as p-1 ...
            h.crank(() -> new DeliveryTranslator(h.state, "v2")
                    .deliver(root2, new KernelMessage(call("m"), kp)));
            assertThat(h.state.promises().decider(kp)).isEqualTo("v2");
            // ... and forwards the question, handing the decision on.
            delivery(h, "v2", s -> assertThat(s.handle(send("o-1", call("ask"), "p-1"))).isEqualTo(SyscallResult.OK));
            assertThat(h.state.promises().decider(kp)).isNull();
            assertThat(h.runQueue()).containsExactly(new RunQueueItem.Send(root1, new KernelMessage(call("ask"), kp)));
        }
    }

    @Test
    void illegalSendsApplyNothing() {
        try (KernelHarness h = new KernelHarness()) {
            String root2 = h.export("v2", "o+0");
            h.give("v1", root2);
            String settled = h.promise("v2");
            h.give("v1", settled); // p-1
            h.crank(() -> h.state.promises().resolve(settled, false, NOTHING));
            String foreign = h.promise("v2");
            h.give("v1", foreign); // p-2

            delivery(h, "v1", s -> assertIllegal(h, s, send("o-9", call("m", "o+1"), "p+1"),
                    "vat v1 used o-9, which it was never given"));
            // The new export o+1 and p+1 before the bad slot are undone too.
            delivery(h, "v1", s -> assertIllegal(h, s, send("o-1", call("m", "o+1", "p+5", "o-4"), "p+1"),
                    "vat v1 used o-4, which it was never given"));
            delivery(h, "v1", s -> assertIllegal(h, s, send("o-1", call("m", "o+1"), "p-1"),
                    "v1 may not use p-1 as a result: it is already resolved"));
            delivery(h, "v1", s -> assertIllegal(h, s, send("o-1", call("m", "o+1"), "p-2"),
                    "v1 may not use p-2 as a result: it is not its decider"));
            delivery(h, "v1", s -> assertIllegal(h, s, send("o-1", call("m"), "p-8"),
                    "vat v1 used p-8, which it was never given"));
            delivery(h, "v1", s -> assertIllegal(h, s, send("o-1", new CapData("#\"\uDC00\"", List.of()), null),
                    "vat v1 sent CapData whose body has an unpaired surrogate at index 2 (bodies must be well-formed UTF-16)"));
            h.crank(() -> h.state.clist("v1").setReachable(root2, false));
            delivery(h, "v1", s -> assertIllegal(h, s, send("o-1", call("m"), null),
                    "vat v1 used o-1 after dropping it"));
            assertThat(h.runQueue()).isEmpty();
            assertThat(h.state.clist("v1").krefFor("o+1")).isNull();
        }
    }

    // ---- subscribe ----

    @Test
    void subscribeToAnUnresolvedPromiseAddsTheVatAndToASettledOneQueuesANotify() {
        try (KernelHarness h = new KernelHarness()) {
            String open = h.promise("v2");
            String settled = h.promise("v2");
            h.give("v1", open);
            h.give("v1", settled);
            h.crank(() -> h.state.promises().resolve(settled, false, NOTHING));
            delivery(h, "v1", s -> {
                assertThat(s.handle(new Syscall.Subscribe("p-1"))).isEqualTo(SyscallResult.OK);
                assertThat(s.handle(new Syscall.Subscribe("p-1"))).isEqualTo(SyscallResult.OK); // twice is harmless
                assertThat(s.handle(new Syscall.Subscribe("p-2"))).isEqualTo(SyscallResult.OK);
            });
            assertThat(h.state.promises().subscribers(open)).containsExactly("v1");
            assertThat(h.runQueue()).containsExactly(new RunQueueItem.Notify("v1", settled));
            assertThat(h.state.promises().refCount(settled)).isEqualTo(2); // v1's entry and the notify

            delivery(h, "v1", s -> assertIllegal(h, s, new Syscall.Subscribe("p-3"),
                    "vat v1 used p-3, which it was never given"));
        }
    }

    // ---- resolve ----

    @Test
    void resolveSettlesNotifiesSubscribersAndForgetsThePromise() {
        try (KernelHarness h = new KernelHarness()) {
            String root2 = h.export("v2", "o+0");
            h.give("v1", root2);
            delivery(h, "v1", s -> s.handle(send("o-1", call("m"), "p+1")));
            String kp = h.state.clist("v1").krefFor("p+1");
            h.crank(() -> h.state.runQueue().poll());
            h.crank(() -> new DeliveryTranslator(h.state, "v2")
                    .deliver(root2, new KernelMessage(call("m"), kp))); // v2 sees p-1
            delivery(h, "v1", s -> s.handle(new Syscall.Subscribe("p+1")));
            h.crank(() -> h.state.promises().addSubscriber(kp, "v3"));

            SyscallHandler resolver = delivery(h, "v2", s -> assertThat(s.handle(resolve("p-1", true, data("o+0", "o+8"))))
                    .isEqualTo(SyscallResult.OK));

            String fresh = h.state.clist("v2").krefFor("o+8");
            assertThat(h.state.promises().state(kp)).isEqualTo(PromiseState.REJECTED);
            assertThat(h.state.promises().value(kp)).isEqualTo(data(root2, fresh));
            assertThat(h.state.promises().decider(kp)).isNull();
            assertThat(h.state.promises().promisesDecidedBy("v2")).isEmpty();
            assertThat(h.runQueue()).containsExactly(new RunQueueItem.Notify("v1", kp), new RunQueueItem.Notify("v3", kp));
            assertThat(h.state.clist("v2").contains(kp)).isFalse(); // the resolver forgets it at once
            assertThat(h.state.clist("v1").contains(kp)).isTrue(); // the subscriber when notified
            assertThat(h.state.objects().counts(fresh)).isEqualTo(new RefCounts(1, 1)); // the value
            assertThat(resolver.illegalSyscall()).isEmpty();

            // Resolving it again is illegal, now even by its vref: v2 forgot p-1.
            delivery(h, "v2", s -> assertIllegal(h, s, resolve("p-1", false, NOTHING),
                    "vat v2 used p-1, which it was never given"));
            // v1 still knows it, but it is settled.
            delivery(h, "v1", s -> assertIllegal(h, s, resolve("p+1", false, NOTHING),
                    "v1 may not resolve p+1: it is already resolved"));
        }
    }

    @Test
    void resolveByAVatThatIsNotTheDeciderIsIllegal() {
        try (KernelHarness h = new KernelHarness()) {
            String kp = h.promise("v2");
            h.give("v1", kp);
            String undecided = h.promise(null);
            h.give("v1", undecided);
            delivery(h, "v1", s -> assertIllegal(h, s, resolve("p-1", false, NOTHING),
                    "v1 may not resolve p-1: it is not its decider"));
            delivery(h, "v1", s -> assertIllegal(h, s, resolve("p-2", false, NOTHING),
                    "v1 may not resolve p-2: it is not its decider"));
            assertThat(h.state.promises().state(kp)).isEqualTo(PromiseState.UNRESOLVED);
        }
    }

    @Test
    void twoPromisesResolvedToEachOtherInOneSyscall() {
        try (KernelHarness h = new KernelHarness()) {
            delivery(h, "v1", s -> assertThat(s.handle(new Syscall.Resolve(List.of(
                    new Resolution("p+1", false, data("p+2")),
                    new Resolution("p+2", false, data("p+1"))))))
                    .isEqualTo(SyscallResult.OK));
            // Both were created by the first resolution's translation and both are now settled.
            List<String> promises = List.of("kp1", "kp2");
            assertThat(h.state.promises().value("kp1")).isEqualTo(data("kp2"));
            assertThat(h.state.promises().value("kp2")).isEqualTo(data("kp1"));
            for (String kp : promises) {
                assertThat(h.state.promises().state(kp)).isEqualTo(PromiseState.FULFILLED);
                assertThat(h.state.promises().refCount(kp)).isEqualTo(1); // the other's value
            }
            assertThat(h.state.clist("v1").isEmpty()).isTrue();
        }
    }

    @Test
    void aBatchIsAllOrNothing() {
        try (KernelHarness h = new KernelHarness()) {
            String other = h.promise("v2");
            h.give("v1", other);
            delivery(h, "v1", s -> assertIllegal(h, s, new Syscall.Resolve(List.of(
                    new Resolution("p+1", false, data("o+3")),
                    new Resolution("p-1", false, NOTHING))),
                    "v1 may not resolve p-1: it is not its decider"));
            delivery(h, "v1", s -> assertIllegal(h, s, new Syscall.Resolve(List.of(
                    new Resolution("p+1", false, NOTHING),
                    new Resolution("p+1", true, NOTHING))),
                    "v1 may not resolve p+1: it is already resolved"));
            assertThat(h.state.clist("v1").krefFor("p+1")).isNull();
        }
    }

    @Test
    void messagesQueuedOnAResolvedPromiseGoBackOnTheRunQueueInOrder() {
        try (KernelHarness h = new KernelHarness()) {
            String arg = h.export("v3", "o+1");
            delivery(h, "v1", s -> s.handle(send("o+0", call("m"), "p+1")));
            h.crank(() -> h.state.runQueue().poll());
            String kp = h.state.clist("v1").krefFor("p+1");
            h.crank(() -> h.state.promises().setDecider(kp, "v2"));
            h.give("v2", kp);
            KernelMessage first = new KernelMessage(call("a", arg), null);
            KernelMessage second = new KernelMessage(call("b"), h.promise(null));
            h.crank(() -> {
                h.state.promises().enqueueMessage(kp, first);
                h.state.promises().enqueueMessage(kp, second);
            });
            delivery(h, "v2", s -> assertThat(s.handle(resolve("p-1", false,
                    new CapData("#\"$0.Alleged: thing\"", List.of("o+5"))))).isEqualTo(SyscallResult.OK));
            assertThat(h.state.promises().queuedMessageCount(kp)).isZero();
            assertThat(h.runQueue()).containsExactly(new RunQueueItem.Send(kp, first), new RunQueueItem.Send(kp, second));
            // The router now forwards them to v2's new object.
            String target = h.state.clist("v2").krefFor("o+5");
            assertThat(new Router(h.state).route(kp)).isEqualTo(new Route.DeliverToEndpoint("v2", target));
        }
    }

    // ---- exit ----

    @Test
    void theFirstExitRequestIsKept() {
        try (KernelHarness h = new KernelHarness()) {
            SyscallHandler handler = delivery(h, "v1", s -> {
                assertThat(s.handle(new Syscall.Exit(true, data("o+1")))).isEqualTo(SyscallResult.OK);
                assertThat(s.handle(new Syscall.Exit(false, NOTHING))).isEqualTo(SyscallResult.OK);
            });
            String ko = h.state.clist("v1").krefFor("o+1");
            assertThat(handler.exitRequest()).contains(new ExitRequest(true, data(ko)));
            assertThat(handler.illegalSyscall()).isEmpty();
            delivery(h, "v1", s -> assertIllegal(h, s, new Syscall.Exit(false, data("o-2")),
                    "vat v1 used o-2, which it was never given"));
        }
    }

    // ---- garbage collection ----

    @Test
    void dropThenRetireImports() {
        try (KernelHarness h = new KernelHarness()) {
            String a = h.export("v2", "o+1");
            String b = h.export("v2", "o+2");
            h.give("v1", a);
            h.give("v1", b);
            delivery(h, "v1", s -> assertIllegal(h, s, new Syscall.RetireImports(List.of("o-1")),
                    "v1 may not retire o-1: it has not dropped it"));
            delivery(h, "v1", s -> assertThat(s.handle(new Syscall.DropImports(List.of("o-1", "o-2"))))
                    .isEqualTo(SyscallResult.OK));
            assertThat(h.state.clist("v1").isReachable(a)).isFalse();
            assertThat(h.state.objects().counts(a)).isEqualTo(new RefCounts(0, 1));
            assertThat(h.state.maybeFree().contains(a)).isTrue();
            delivery(h, "v1", s -> assertIllegal(h, s, new Syscall.DropImports(List.of("o-1")),
                    "v1 may not drop o-1: it was dropped already"));
            delivery(h, "v1", s -> assertIllegal(h, s, new Syscall.DropImports(List.of("o-9")),
                    "v1 may not drop o-9: it was never given it"));
            delivery(h, "v1", s -> assertThat(s.handle(new Syscall.RetireImports(List.of("o-1"))))
                    .isEqualTo(SyscallResult.OK));
            assertThat(h.state.clist("v1").contains(a)).isFalse();
            assertThat(h.state.objects().counts(a)).isEqualTo(new RefCounts(0, 0));
            delivery(h, "v1", s -> assertIllegal(h, s, new Syscall.RetireImports(List.of("o-2", "o-1")),
                    "v1 may not retire o-1: it was never given it"));
            assertThat(h.state.clist("v1").contains(b)).isTrue(); // o-2 was undone with the rest
        }
    }

    @Test
    void retireExportsOnlyWhenNothingReachesThem() {
        try (KernelHarness h = new KernelHarness()) {
            String ko = h.export("v1", "o+1");
            h.give("v2", ko);
            delivery(h, "v1", s -> assertIllegal(h, s, new Syscall.RetireExports(List.of("o+1")),
                    "v1 may not retire o+1: it is still reachable"));
            h.crank(() -> h.state.clist("v2").setReachable(ko, false));
            delivery(h, "v1", s -> assertThat(s.handle(new Syscall.RetireExports(List.of("o+1"))))
                    .isEqualTo(SyscallResult.OK));
            assertThat(h.state.clist("v1").contains(ko)).isFalse();
            assertThat(h.state.objects().owner(ko)).isNull();
            assertThat(h.state.objects().counts(ko)).isEqualTo(new RefCounts(0, 1)); // v2 still recognizes it
            delivery(h, "v1", s -> assertIllegal(h, s, new Syscall.RetireExports(List.of("o+1")),
                    "v1 may not retire o+1: it does not export it"));
        }
    }

    @Test
    void abandonExportsOrphansEvenReachableObjects() {
        try (KernelHarness h = new KernelHarness()) {
            String ko = h.export("v1", "o+1");
            h.give("v2", ko);
            delivery(h, "v1", s -> assertThat(s.handle(new Syscall.AbandonExports(List.of("o+1"))))
                    .isEqualTo(SyscallResult.OK));
            assertThat(h.state.clist("v1").contains(ko)).isFalse();
            assertThat(h.state.objects().owner(ko)).isNull();
            assertThat(h.state.objects().counts(ko)).isEqualTo(new RefCounts(1, 1));
            assertThat(new Router(h.state).route(ko)).isInstanceOf(Route.Splat.class);
            delivery(h, "v1", s -> assertIllegal(h, s, new Syscall.AbandonExports(List.of("o+1")),
                    "v1 may not abandon o+1: it does not export it"));
            delivery(h, "v2", s -> assertIllegal(h, s, new Syscall.AbandonExports(List.of("o+1")),
                    "v2 may not abandon o+1: it does not export it"));
        }
    }

    // ---- vatstore ----

    @Test
    void vatstoreSyscallsWorkOnTheVatsOwnSpace() {
        try (KernelHarness h = new KernelHarness()) {
            delivery(h, "v1", s -> {
                assertThat(s.handle(new Syscall.VatstoreSet("b", "2"))).isEqualTo(SyscallResult.OK);
                assertThat(s.handle(new Syscall.VatstoreSet("a", ""))).isEqualTo(SyscallResult.OK);
                assertThat(s.handle(new Syscall.VatstoreGet("b"))).isEqualTo(new SyscallResult.Ok("2"));
                assertThat(s.handle(new Syscall.VatstoreGetNextKey(""))).isEqualTo(new SyscallResult.Ok("a"));
                assertThat(s.handle(new Syscall.VatstoreGetNextKey("a"))).isEqualTo(new SyscallResult.Ok("b"));
                assertThat(s.handle(new Syscall.VatstoreGetNextKey("b"))).isEqualTo(new SyscallResult.Ok(null));
            });
            delivery(h, "v2", s -> {
                assertThat(s.handle(new Syscall.VatstoreSet("c", "v2's"))).isEqualTo(SyscallResult.OK);
                assertThat(s.handle(new Syscall.VatstoreGet("b"))).isEqualTo(new SyscallResult.Ok(null));
                assertThat(s.handle(new Syscall.VatstoreGetNextKey(""))).isEqualTo(new SyscallResult.Ok("c"));
            });
            delivery(h, "v1", s -> {
                assertThat(s.handle(new Syscall.VatstoreDelete("b"))).isEqualTo(SyscallResult.OK);
                assertThat(s.handle(new Syscall.VatstoreDelete("zz"))).isEqualTo(SyscallResult.OK);
                assertThat(s.handle(new Syscall.VatstoreGetNextKey("a"))).isEqualTo(new SyscallResult.Ok(null));
            });
            assertThat(h.store.vatstore("v1").get("a")).isEmpty();
            assertThat(h.store.kv().prefix("").iterator().hasNext()).isFalse(); // nothing in kernel space
            SyscallHandler bad = delivery(h, "v1", s -> {
                SyscallResult result = s.handle(new Syscall.VatstoreSet("k\uD800", "x"));
                assertThat(result).isInstanceOf(SyscallResult.Failed.class);
                assertThat(((SyscallResult.Failed) result).problem()).startsWith("v1 made a bad vatstoreSet: ");
            });
            assertThat(bad.illegalSyscall()).isPresent();
        }
    }

    // ---- the doomed delivery ----

    @Test
    void afterTheFirstIllegalSyscallEverythingIsRefusedAndNothingApplied() {
        try (KernelHarness h = new KernelHarness()) {
            String root2 = h.export("v2", "o+0");
            h.give("v1", root2);
            SyscallHandler handler = delivery(h, "v1", s -> {
                assertThat(s.handle(new Syscall.VatstoreSet("before", "1"))).isEqualTo(SyscallResult.OK);
                assertIllegal(h, s, new Syscall.Subscribe("p-5"), "vat v1 used p-5, which it was never given");
                List<Syscall> later = List.of(
                        send("o-1", call("m", "o+1"), "p+1"),
                        new Syscall.Subscribe("p+3"),
                        resolve("p+4", false, NOTHING),
                        new Syscall.Exit(false, NOTHING),
                        new Syscall.DropImports(List.of("o-1")),
                        new Syscall.VatstoreSet("after", "2"),
                        new Syscall.VatstoreGet("before"),
                        new Syscall.DropImports(List.of("o-7")));
                for (Syscall syscall : later) {
                    List<Map.Entry<String, String>> before = h.contents("v1");
                    assertThat(s.handle(syscall)).isEqualTo(new SyscallResult.Failed(
                            "refused: an earlier syscall of this delivery was illegal (vat v1 used p-5, which it was never given)"));
                    assertThat(h.contents("v1")).isEqualTo(before);
                }
            });
            assertThat(handler.illegalSyscall()).contains("vat v1 used p-5, which it was never given");
            assertThat(handler.exitRequest()).isEmpty();
            assertThat(h.runQueue()).isEmpty();
            assertThat(h.store.vatstore("v1").get("before")).isEqualTo("1"); // the run loop will abort the crank
            assertThat(h.store.vatstore("v1").get("after")).isNull();

            // A new delivery starts with a clean slate.
            SyscallHandler next = delivery(h, "v1", s -> assertThat(s.handle(new Syscall.Subscribe("p+3")))
                    .isEqualTo(SyscallResult.OK));
            assertThat(next.illegalSyscall()).isEmpty();
        }
    }

    @Test
    void anExitBeforeAnIllegalSyscallIsStillReportedButTheIllegalOneWins() {
        try (KernelHarness h = new KernelHarness()) {
            SyscallHandler handler = delivery(h, "v1", s -> {
                s.handle(new Syscall.Exit(false, NOTHING));
                s.handle(new Syscall.Subscribe("p-1"));
            });
            assertThat(handler.exitRequest()).contains(new ExitRequest(false, NOTHING));
            assertThat(handler.illegalSyscall()).contains("vat v1 used p-1, which it was never given");
        }
    }

    @Test
    void aKernelBugPropagatesAfterUndoingTheSyscall() {
        try (KernelHarness h = new KernelHarness()) {
            String root2 = h.export("v2", "o+0");
            h.give("v1", root2);
            h.store.beginCrank();
            try {
                // Corrupt v1's c-list on purpose: o-2 maps to an object that does not exist.
                h.store.kv().set("v1.c.o-2", "ko99");
                h.store.kv().set("v1.c.ko99", "R o-2");
                SyscallHandler handler = new SyscallHandler(h.store, h.state, "v1");
                List<Map.Entry<String, String>> before = h.contents("v1");
                assertThatThrownBy(() -> handler.handle(send("o-1", call("m", "o+1", "o-2"), "p+1")))
                        .isInstanceOf(IllegalStateException.class);
                assertThat(h.contents("v1")).isEqualTo(before);
                assertThat(handler.illegalSyscall()).isEmpty();
                // The savepoint is closed: the store accepts a new one of the same name.
                h.store.savepoint("jocap_syscall");
            } finally {
                h.store.abortCrank();
            }
            h.state.audit().assertClean();
        }
    }

    @Test
    void handlingNeedsACrankAndAVat() {
        try (KernelHarness h = new KernelHarness()) {
            SyscallHandler handler = new SyscallHandler(h.store, h.state, "v1");
            assertThatThrownBy(() -> handler.handle(new Syscall.VatstoreGet("a")))
                    .isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> new SyscallHandler(h.store, h.state, "r1"))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(handler.vatId()).isEqualTo("v1");
        }
    }
}
