package io.jocap.kernel.route;

import static io.jocap.kernel.route.KernelFixture.objectRef;
import static io.jocap.kernel.route.KernelFixture.promiseRef;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jocap.kernel.errors.KernelErrorCode;
import io.jocap.kernel.errors.KernelErrors;
import io.jocap.kernel.route.Route.DeliverToEndpoint;
import io.jocap.kernel.route.Route.ForwardToRemote;
import io.jocap.kernel.route.Route.InvokeService;
import io.jocap.kernel.route.Route.QueueOnPromise;
import io.jocap.kernel.route.Route.Splat;
import io.jocap.kernel.state.EndpointId;
import io.jocap.marshal.CapData;
import io.jocap.marshal.PassableError;
import io.jocap.marshal.Smallcaps;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RouterTest {
    static final Splat REVOKED = Splat.kernelError(KernelErrorCode.OBJECT_REVOKED);
    static final Splat DELETED = Splat.kernelError(KernelErrorCode.OBJECT_DELETED);
    static final Splat BAD = Splat.kernelError(KernelErrorCode.BAD_PROMISE_RESOLUTION);
    static final CapData BOOM = Smallcaps.standard().encode(PassableError.typeError("boom"));

    // --- objects ------------------------------------------------------------------------------

    @Test
    void objectOwnedByAVatOrRemoteIsDeliveredThere() {
        try (KernelFixture f = new KernelFixture()) {
            String vatObject = f.object("v3");
            String remoteObject = f.object("r2");
            assertThat(f.router.route(vatObject)).isEqualTo(new DeliverToEndpoint("v3", vatObject));
            assertThat(f.router.route(remoteObject)).isEqualTo(new DeliverToEndpoint("r2", remoteObject));
        }
    }

    @Test
    void objectOwnedByTheKernelInvokesTheService() {
        try (KernelFixture f = new KernelFixture()) {
            String service = f.object(EndpointId.KERNEL);
            assertThat(f.router.route(service)).isEqualTo(new InvokeService(service));
        }
    }

    @Test
    void revokedObjectSplatsWithObjectRevokedEvenWithoutOwner() {
        try (KernelFixture f = new KernelFixture()) {
            String owned = f.object("v1");
            String orphan = f.object("v1");
            f.crank(() -> {
                f.state.objects().revoke(owned);
                f.state.objects().revoke(orphan);
                f.state.objects().clearOwner(orphan);
            });
            assertThat(f.router.route(owned)).isEqualTo(REVOKED);
            assertThat(f.router.route(orphan)).isEqualTo(REVOKED);
            Splat splat = (Splat) f.router.route(owned);
            assertThat(splat.code()).contains(KernelErrorCode.OBJECT_REVOKED);
            assertThat(splat.rejection().body()).isEqualTo(
                    "#{\"#error\":\"[KERNEL:OBJECT_REVOKED] the target object has been revoked\",\"name\":\"Error\"}");
        }
    }

    @Test
    void objectWithoutOwnerSplatsWithObjectDeleted() {
        try (KernelFixture f = new KernelFixture()) {
            String orphan = f.object("v1");
            f.crank(() -> f.state.objects().clearOwner(orphan));
            assertThat(f.router.route(orphan)).isEqualTo(DELETED);
            assertThat(((Splat) f.router.route(orphan)).rejection()).isEqualTo(
                    KernelErrors.toCapData(KernelErrorCode.OBJECT_DELETED));
        }
    }

    // --- unresolved promises ------------------------------------------------------------------

    @Test
    void unresolvedPromiseDecidedLocallyOrUndecidedQueuesOnIt() {
        try (KernelFixture f = new KernelFixture()) {
            String undecided = f.promise(null);
            String byVat = f.promise("v2");
            String byKernel = f.promise(EndpointId.KERNEL);
            assertThat(f.router.route(undecided)).isEqualTo(new QueueOnPromise(undecided));
            assertThat(f.router.route(byVat)).isEqualTo(new QueueOnPromise(byVat));
            assertThat(f.router.route(byKernel)).isEqualTo(new QueueOnPromise(byKernel));
        }
    }

    @Test
    void unresolvedPromiseDecidedByARemoteIsForwardedThere() {
        try (KernelFixture f = new KernelFixture()) {
            String kp = f.promise("r4");
            assertThat(f.router.route(kp)).isEqualTo(new ForwardToRemote("r4", kp));
        }
    }

    // --- settled promises ---------------------------------------------------------------------

    @Test
    void promiseFulfilledToAnObjectRoutesLikeThatObject() {
        try (KernelFixture f = new KernelFixture()) {
            String vatObject = f.object("v1");
            String service = f.object(EndpointId.KERNEL);
            String revoked = f.object("v1");
            String orphan = f.object("v1");
            f.crank(() -> {
                f.state.objects().revoke(revoked);
                f.state.objects().clearOwner(orphan);
            });
            assertThat(f.router.route(f.fulfilled(objectRef(vatObject))))
                    .isEqualTo(new DeliverToEndpoint("v1", vatObject));
            assertThat(f.router.route(f.fulfilled(objectRef(service)))).isEqualTo(new InvokeService(service));
            assertThat(f.router.route(f.fulfilled(objectRef(revoked)))).isEqualTo(REVOKED);
            assertThat(f.router.route(f.fulfilled(objectRef(orphan)))).isEqualTo(DELETED);
        }
    }

    @Test
    void promiseFulfilledToAnUnresolvedPromiseRoutesLikeThatPromise() {
        try (KernelFixture f = new KernelFixture()) {
            String local = f.promise("v1");
            String remote = f.promise("r1");
            assertThat(f.router.route(f.fulfilled(promiseRef(local)))).isEqualTo(new QueueOnPromise(local));
            assertThat(f.router.route(f.fulfilled(promiseRef(remote)))).isEqualTo(new ForwardToRemote("r1", remote));
        }
    }

    @Test
    void chainsOfPromisesAreFollowedToTheObject() {
        try (KernelFixture f = new KernelFixture()) {
            String ko = f.object("v7");
            String last = f.fulfilled(objectRef(ko));
            String middle = f.fulfilled(promiseRef(last));
            String first = f.fulfilled(promiseRef(middle));
            assertThat(f.router.route(first)).isEqualTo(new DeliverToEndpoint("v7", ko));
        }
    }

    @Test
    void chainsEndingUnresolvedQueueOnTheLastPromise() {
        try (KernelFixture f = new KernelFixture()) {
            String last = f.promise(null);
            String middle = f.fulfilled(promiseRef(last));
            String first = f.fulfilled(promiseRef(middle));
            assertThat(f.router.route(first)).isEqualTo(new QueueOnPromise(last));
            // once the end of the chain settles, the same target follows it: nothing is stranded
            String ko = f.object("v2");
            f.fulfill(last, objectRef(ko));
            assertThat(f.router.route(first)).isEqualTo(new DeliverToEndpoint("v2", ko));
        }
    }

    @Test
    void rejectedPromiseSplatsWithItsOwnRejection() {
        try (KernelFixture f = new KernelFixture()) {
            String kp = f.rejected(BOOM);
            assertThat(f.router.route(kp)).isEqualTo(Splat.rejectedWith(BOOM));
            assertThat(((Splat) f.router.route(kp)).code()).isEmpty();
        }
    }

    @Test
    void rejectionWithAKernelErrorIsPassedOnAsIsWithoutCode() {
        try (KernelFixture f = new KernelFixture()) {
            CapData terminated = KernelErrors.toCapData(KernelErrorCode.VAT_TERMINATED);
            Splat splat = (Splat) f.router.route(f.rejected(terminated));
            assertThat(splat.rejection()).isEqualTo(terminated);
            assertThat(splat.code()).isEmpty();
            assertThat(KernelErrors.codeOf(splat.rejection())).contains(KernelErrorCode.VAT_TERMINATED);
        }
    }

    @Test
    void promiseFulfilledToAnAlreadyRejectedPromiseSplatsWithThatRejection() {
        try (KernelFixture f = new KernelFixture()) {
            String rejected = f.rejected(BOOM);
            String first = f.fulfilled(promiseRef(rejected));
            String before = f.fulfilled(promiseRef(first));
            assertThat(f.router.route(first)).isEqualTo(new Splat(BOOM, Optional.empty()));
            assertThat(f.router.route(before)).isEqualTo(new Splat(BOOM, Optional.empty()));
        }
    }

    @Test
    void promiseFulfilledToAnAlreadyFulfilledPromiseFollowsIt() {
        try (KernelFixture f = new KernelFixture()) {
            String service = f.object(EndpointId.KERNEL);
            String settled = f.fulfilled(objectRef(service));
            assertThat(f.router.route(f.fulfilled(promiseRef(settled)))).isEqualTo(new InvokeService(service));
            String data = f.fulfilled(new CapData("#42", List.of()));
            assertThat(f.router.route(f.fulfilled(promiseRef(data)))).isEqualTo(BAD);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"#42", "#null", "#\"hello\"", "#\"!$0\"", "#\"#undefined\"", "#[]", "#{}",
        "#{\"#error\":\"nope\",\"name\":\"Error\"}"})
    void promiseFulfilledToDataSplatsWithBadPromiseResolution(String body) {
        try (KernelFixture f = new KernelFixture()) {
            assertThat(f.router.route(f.fulfilled(new CapData(body, List.of())))).isEqualTo(BAD);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"#{\"purse\":\"$0.Alleged: purse\"}", "#[\"$0\"]", "#[\"$0\",\"$0\"]",
        "#{\"#error\":\"$0\",\"name\":\"Error\"}", "#\"!$0\""})
    void promiseFulfilledToAValueHoldingARefIsNotExactlyOneReference(String body) {
        try (KernelFixture f = new KernelFixture()) {
            String ko = f.object("v1");
            assertThat(f.router.route(f.fulfilled(new CapData(body, List.of(ko))))).isEqualTo(BAD);
        }
    }

    @Test
    void mismatchedOrUndecodableLoneReferencesAreBadResolutions() {
        try (KernelFixture f = new KernelFixture()) {
            String ko = f.object("v1");
            String kp = f.promise("v1");
            assertThat(f.router.route(f.fulfilled(new CapData("#\"$0\"", List.of(kp))))).isEqualTo(BAD);
            assertThat(f.router.route(f.fulfilled(new CapData("#\"&0\"", List.of(ko))))).isEqualTo(BAD);
            assertThat(f.router.route(f.fulfilled(new CapData("#\"$0", List.of(ko))))).isEqualTo(BAD);
            assertThat(f.router.route(f.fulfilled(new CapData("#\"$1\"", List.of(ko))))).isEqualTo(BAD);
            assertThat(f.router.route(f.fulfilled(new CapData("#\"$0\"", List.of())))).isEqualTo(BAD);
        }
    }

    @Test
    void unusualEncodingsOfALoneReferenceAreRecognisedAsTheDecoderSeesThem() {
        try (KernelFixture f = new KernelFixture()) {
            String ko = f.object("v1");
            String other = f.object("v2");
            String kp = f.promise(null);
            DeliverToEndpoint toKo = new DeliverToEndpoint("v1", ko);
            assertThat(f.router.route(f.fulfilled(new CapData("#\"\\u00240\"", List.of(ko))))).isEqualTo(toKo);
            assertThat(f.router.route(f.fulfilled(new CapData("# \"$0\" ", List.of(ko))))).isEqualTo(toKo);
            assertThat(f.router.route(f.fulfilled(new CapData("#\"$0.Alleged: caf\u00e9 \\\"x\\\"\"", List.of(ko)))))
                    .isEqualTo(toKo);
            assertThat(f.router.route(f.fulfilled(new CapData("#\"$1\"", List.of(other, ko))))).isEqualTo(toKo);
            assertThat(f.router.route(f.fulfilled(new CapData("{\"@qclass\":\"slot\",\"index\":0}", List.of(ko)))))
                    .isEqualTo(toKo);
            assertThat(f.router.route(f.fulfilled(new CapData("#\"&00\"", List.of(kp)))))
                    .isEqualTo(new QueueOnPromise(kp));
        }
    }

    // --- cycles -------------------------------------------------------------------------------

    @Test
    void promiseFulfilledToItselfIsABadResolution() {
        try (KernelFixture f = new KernelFixture()) {
            String kp = f.promise(null);
            f.fulfill(kp, promiseRef(kp));
            assertCycle(f.router.route(kp));
        }
    }

    @Test
    void loopsAnywhereInAChainAreBadResolutions() {
        try (KernelFixture f = new KernelFixture()) {
            String a = f.promise(null);
            String b = f.promise(null);
            String c = f.promise(null);
            f.fulfill(a, promiseRef(b));
            f.fulfill(b, promiseRef(c));
            f.fulfill(c, promiseRef(b)); // b -> c -> b, entered from a
            assertCycle(f.router.route(a));
            assertCycle(f.router.route(b));
            assertCycle(f.router.route(c));
        }
    }

    private static void assertCycle(Route route) {
        assertThat(route).isInstanceOf(Splat.class);
        Splat splat = (Splat) route;
        assertThat(splat.code()).contains(KernelErrorCode.BAD_PROMISE_RESOLUTION);
        assertThat(splat.rejection()).isEqualTo(KernelErrors.toCapData(KernelErrorCode.BAD_PROMISE_RESOLUTION,
                "the target promise was fulfilled, through a chain of promises, to itself"));
        assertThat(splat.rejection().body()).doesNotContainPattern("\\b(k[op]|[vr])\\d+\\b");
    }

    @Test
    void longChainsAreFollowedWithoutRecursion() {
        try (KernelFixture f = new KernelFixture()) {
            String ko = f.object("v1");
            String kp = f.crank(() -> {
                String next = f.state.promises().create(null);
                f.state.promises().resolve(next, false, objectRef(ko));
                for (int i = 0; i < 20_000; i++) {
                    String p = f.state.promises().create(null);
                    f.state.promises().resolve(p, false, promiseRef(next));
                    next = p;
                }
                return next;
            });
            assertThat(f.router.route(kp)).isEqualTo(new DeliverToEndpoint("v1", ko));
        }
    }

    // --- kernel bugs and bad arguments --------------------------------------------------------

    @Test
    void unknownTargetsAreKernelBugs() {
        try (KernelFixture f = new KernelFixture()) {
            assertThatThrownBy(() -> f.router.route("ko9")).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("ko9");
            assertThatThrownBy(() -> f.router.route("kp9")).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("kp9");
        }
    }

    @Test
    void referencesInValuesToDeletedEntriesAreKernelBugs() {
        try (KernelFixture f = new KernelFixture()) {
            // The state layer counts the references in a promise's value, so deleting what they
            // name while the value holds them is exactly the kind of bug the router must report.
            String ko = f.object("v1");
            String toMissingObject = f.fulfilled(objectRef(ko));
            f.crank(() -> f.state.objects().delete(ko));
            assertThatThrownBy(() -> f.router.route(toMissingObject)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(toMissingObject).hasMessageContaining(ko);

            String kp = f.promise(null);
            String toMissingPromise = f.fulfilled(promiseRef(kp));
            f.crank(() -> f.state.promises().delete(kp));
            assertThatThrownBy(() -> f.router.route(toMissingPromise)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(toMissingPromise).hasMessageContaining(kp);
        }
    }

    @Test
    void nonKrefSlotsInValuesAreKernelBugs() {
        try (KernelFixture f = new KernelFixture()) {
            // KernelPromises refuses such a value, so plant it under kpN.v (docs/store.md, "Kernel
            // key layout") to check the router's own defence against a corrupt store.
            String kp = f.fulfilled(new CapData("#42", List.of()));
            f.crank(() -> f.store.kv().set(kp + ".v", new CapData("#\"$0\"", List.of("o+5")).toJson()));
            assertThatThrownBy(() -> f.router.route(kp)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(kp).hasMessageContaining("\"o+5\"");
        }
    }

    @Test
    void malformedTargetsAreRejected() {
        try (KernelFixture f = new KernelFixture()) {
            assertThatThrownBy(() -> f.router.route("v1")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> f.router.route("ko01")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> f.router.route(null)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void routingChangesNothing() {
        try (KernelFixture f = new KernelFixture()) {
            String ko = f.object("v1");
            String kp = f.fulfilled(promiseRef(f.fulfilled(objectRef(ko))));
            String rejected = f.rejected(BOOM);
            var before = f.contents();
            f.crank(() -> {
                f.router.route(kp);
                f.router.route(rejected);
                f.router.route(ko);
            });
            assertThat(f.contents()).isEqualTo(before);
        }
    }

    @Test
    void routesFollowAbortedCranksBack() {
        try (KernelFixture f = new KernelFixture()) {
            String kp = f.promise("v1");
            f.store.beginCrank();
            f.state.promises().resolve(kp, true, BOOM);
            assertThat(f.router.route(kp)).isEqualTo(Splat.rejectedWith(BOOM));
            f.store.abortCrank();
            assertThat(f.router.route(kp)).isEqualTo(new QueueOnPromise(kp));
        }
    }
}
