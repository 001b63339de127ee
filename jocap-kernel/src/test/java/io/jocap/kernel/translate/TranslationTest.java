package io.jocap.kernel.translate;

import static io.jocap.kernel.translate.KernelHarness.call;
import static io.jocap.kernel.translate.KernelHarness.data;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jocap.kernel.state.CListEntry;
import io.jocap.kernel.state.KernelMessage;
import io.jocap.kernel.state.RefCounts;
import io.jocap.marshal.CapData;
import io.jocap.protocol.Delivery;
import io.jocap.protocol.Message;
import io.jocap.protocol.Resolution;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TranslationTest {
    @Test
    void aNewExportBecomesAKernelObjectOwnedByTheVatAndAnImportOfTheReceiver() {
        try (KernelHarness h = new KernelHarness()) {
            String root2 = h.export("v2", "o+0");
            String target = h.give("v1", root2);
            assertThat(target).isEqualTo("o-1");

            VatToKernel v1 = new VatToKernel(h.state, "v1");
            CapData sent = h.crank(() -> v1.capData(call("take", "o+5", "o+5", "p+3", target)));
            String ko = sent.slots().get(0);
            String kp = sent.slots().get(2);
            assertThat(sent.slots()).containsExactly(ko, ko, kp, root2);
            assertThat(sent.body()).isEqualTo(call("take", "o+5", "o+5", "p+3", target).body());
            assertThat(h.state.objects().owner(ko)).isEqualTo("v1");
            assertThat(h.state.objects().counts(ko)).isEqualTo(new RefCounts(0, 0)); // the owner's entry counts nothing
            assertThat(h.state.promises().decider(kp)).isEqualTo("v1");
            assertThat(h.state.promises().refCount(kp)).isEqualTo(1); // v1's entry
            assertThat(h.state.clist("v1").entry(ko)).isEqualTo(new CListEntry("o+5", ko, true));

            // A known vref maps to the same kref again, creating nothing.
            assertThat(h.crank(() -> v1.kref("o+5"))).isEqualTo(ko);
            assertThat(h.crank(() -> v1.kref("p+3"))).isEqualTo(kp);

            // The receiver gets imports; the same kref twice gives the same vref.
            KernelToVat toV2 = new KernelToVat(h.state, "v2");
            CapData received = h.crank(() -> toV2.capData(new CapData("#x", List.of(ko, kp, ko, root2))));
            assertThat(received.slots()).containsExactly("o-1", "p-1", "o-1", "o+0");
            assertThat(received.body()).isEqualTo("#x");
            assertThat(h.state.objects().counts(ko)).isEqualTo(new RefCounts(1, 1)); // v2 imports it
            assertThat(h.state.promises().refCount(kp)).isEqualTo(2);
            assertThat(h.crank(() -> toV2.vref(ko))).isEqualTo("o-1");
        }
    }

    @Test
    void dataWithoutSlotsIsReturnedAsIs() {
        try (KernelHarness h = new KernelHarness()) {
            CapData plain = new CapData("#42", List.of());
            assertThat(new VatToKernel(h.state, "v1").capData(plain)).isSameAs(plain);
            assertThat(new KernelToVat(h.state, "v1").capData(plain)).isSameAs(plain);
        }
    }

    @Test
    void anUnknownImportIsIllegalAndNamesOnlyTheVatAndItsVref() {
        try (KernelHarness h = new KernelHarness()) {
            VatToKernel v3 = new VatToKernel(h.state, "v3");
            h.aborted(() -> {
                assertThatThrownBy(() -> v3.kref("o-7"))
                        .isInstanceOf(IllegalSyscallException.class)
                        .hasMessage("vat v3 used o-7, which it was never given");
                assertThatThrownBy(() -> v3.kref("p-2"))
                        .isInstanceOf(IllegalSyscallException.class)
                        .hasMessage("vat v3 used p-2, which it was never given");
                assertThatThrownBy(() -> v3.capData(data("o+1", "o-4")))
                        .hasMessage("vat v3 used o-4, which it was never given");
                assertThatThrownBy(() -> v3.existingKref("o+9"))
                        .hasMessage("vat v3 named o+9, which it has not exported (or no longer does)");
                assertThatThrownBy(() -> v3.existingKref("o-9"))
                        .hasMessage("vat v3 used o-9, which it was never given");
            });
        }
    }

    @Test
    void malformedReferencesAndBodiesAreIllegal() {
        try (KernelHarness h = new KernelHarness()) {
            VatToKernel v1 = new VatToKernel(h.state, "v1");
            h.aborted(() -> {
                assertThatThrownBy(() -> v1.kref("ko1"))
                        .isInstanceOf(IllegalSyscallException.class)
                        .hasMessageStartingWith("vat v1 sent a bad reference: \"ko1\" is not a vat reference");
                assertThatThrownBy(() -> v1.kref(null)).isInstanceOf(IllegalSyscallException.class);
                assertThatThrownBy(() -> v1.capData(new CapData("#\"\uD800\"", List.of())))
                        .isInstanceOf(IllegalSyscallException.class)
                        .hasMessageContaining("unpaired surrogate at index 2");
            });
            // A well-formed pair is fine.
            CapData emoji = new CapData("#\"\uD83D\uDE00\"", List.of());
            assertThat(v1.capData(emoji)).isSameAs(emoji);
        }
    }

    @Test
    void aDroppedImportCannotBeUsedButAnExportCanBeHandedOutAgain() {
        try (KernelHarness h = new KernelHarness()) {
            String ko = h.export("v2", "o+0");
            String own = h.export("v1", "o+4");
            h.give("v1", ko);
            h.crank(() -> {
                h.state.clist("v1").setReachable(ko, false);
                h.state.clist("v1").setReachable(own, false); // as if dropExports had been delivered
            });
            VatToKernel v1 = new VatToKernel(h.state, "v1");
            h.aborted(() -> assertThatThrownBy(() -> v1.kref("o-1"))
                    .isInstanceOf(IllegalSyscallException.class)
                    .hasMessage("vat v1 used o-1 after dropping it"));
            assertThat(h.crank(() -> v1.kref("o+4"))).isEqualTo(own);
            assertThat(h.state.clist("v1").isReachable(own)).isTrue();
            // Lookup only: no flag is touched.
            assertThat(v1.existingKref("o-1")).isEqualTo(ko);
            assertThat(h.state.clist("v1").isReachable(ko)).isFalse();
        }
    }

    @Test
    void handingAVatADroppedImportMakesItReachableAgain() {
        try (KernelHarness h = new KernelHarness()) {
            String ko = h.export("v2", "o+0");
            h.give("v1", ko);
            h.crank(() -> h.state.clist("v1").setReachable(ko, false));
            assertThat(h.state.objects().counts(ko)).isEqualTo(new RefCounts(0, 1));
            KernelToVat toV1 = new KernelToVat(h.state, "v1");
            assertThat(h.crank(() -> toV1.vref(ko))).isEqualTo("o-1");
            assertThat(h.state.objects().counts(ko)).isEqualTo(new RefCounts(1, 1));
        }
    }

    @Test
    void anObjectTheVatOwnsButHasNoEntryForIsAKernelBug() {
        try (KernelHarness h = new KernelHarness()) {
            String ko = h.crank(() -> h.state.objects().create("v1"));
            KernelToVat toV1 = new KernelToVat(h.state, "v1");
            h.aborted(() -> {
                assertThatThrownBy(() -> toV1.vref(ko))
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("the vat owns it but has no c-list entry");
                assertThatThrownBy(() -> toV1.exportedVref(ko))
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("the vat owns it but has no c-list entry");
            });
            String other = h.export("v2", "o+0");
            h.aborted(() -> assertThatThrownBy(() -> toV1.exportedVref(other))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("its owner is v2"));
        }
    }

    @Test
    void deliverMovesTheDeciderAndImportsSlotsAndResult() {
        try (KernelHarness h = new KernelHarness()) {
            String root = h.export("v2", "o+0");
            String arg = h.export("v1", "o+1");
            String result = h.promise("v1");
            h.crank(() -> h.state.promises().clearDecider(result)); // as a send with a result leaves it
            DeliveryTranslator toV2 = new DeliveryTranslator(h.state, "v2");

            Delivery.Deliver delivery = h.crank(() -> toV2.deliver(root,
                    new KernelMessage(new CapData("#m", List.of(arg, root, arg)), result)));

            assertThat(delivery).isEqualTo(new Delivery.Deliver("o+0",
                    new Message(new CapData("#m", List.of("o-1", "o+0", "o-1")), "p-1")));
            assertThat(h.state.promises().decider(result)).isEqualTo("v2");
            assertThat(h.state.promises().promisesDecidedBy("v2")).containsExactly(result);
            assertThat(h.state.clist("v2").krefFor("p-1")).isEqualTo(result);
            assertThat(h.state.objects().counts(arg)).isEqualTo(new RefCounts(1, 1));
            assertThat(h.runQueue()).isEmpty();

            // Without a result.
            Delivery.Deliver plain = h.crank(() -> toV2.deliver(root, new KernelMessage(new CapData("#n", List.of()), null)));
            assertThat(plain.message().result()).isNull();
        }
    }

    @Test
    void deliveringWithASettledResultIsAKernelBug() {
        try (KernelHarness h = new KernelHarness()) {
            String root = h.export("v2", "o+0");
            String result = h.promise(null);
            h.crank(() -> h.state.promises().resolve(result, false, new CapData("#1", List.of())));
            DeliveryTranslator toV2 = new DeliveryTranslator(h.state, "v2");
            h.aborted(() -> assertThatThrownBy(() -> toV2.deliver(root, new KernelMessage(new CapData("#m", List.of()), result)))
                    .isInstanceOf(IllegalStateException.class));
        }
    }

    @Test
    void notifyIsEmptyWhenTheVatDoesNotKnowThePromise() {
        try (KernelHarness h = new KernelHarness()) {
            String kp = h.promise("v2");
            h.crank(() -> h.state.promises().resolve(kp, false, new CapData("#1", List.of())));
            DeliveryTranslator toV1 = new DeliveryTranslator(h.state, "v1");
            assertThat(h.crank(() -> toV1.notify(kp))).isEmpty();
            assertThat(h.state.clist("v1").isEmpty()).isTrue();
        }
    }

    @Test
    void notifyOfAnUnresolvedPromiseIsAKernelBug() {
        try (KernelHarness h = new KernelHarness()) {
            String kp = h.promise("v2");
            h.give("v1", kp);
            DeliveryTranslator toV1 = new DeliveryTranslator(h.state, "v1");
            h.aborted(() -> assertThatThrownBy(() -> toV1.notify(kp))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("it is unresolved"));
        }
    }

    @Test
    void notifyCarriesTransitivelySettledPromisesAndRetiresThem() {
        try (KernelHarness h = new KernelHarness()) {
            String obj = h.export("v2", "o+0");
            String kp1 = h.promise("v2");
            String kp2 = h.promise("v2");
            String kp3 = h.promise("v2");
            String kp4 = h.promise("v2");
            String kpOpen = h.promise("v2");
            h.give("v1", kp1);
            h.crank(() -> {
                // kp1 -> [kp2, kpOpen, obj]; kp2 -> [kp3, kp1] (a cycle); kp3 rejected -> [kp4]; kp4 -> []
                h.state.promises().resolve(kp4, false, new CapData("#4", List.of()));
                h.state.promises().resolve(kp3, true, new CapData("#3", List.of(kp4)));
                h.state.promises().resolve(kp2, false, new CapData("#2", List.of(kp3, kp1)));
                h.state.promises().resolve(kp1, false, new CapData("#1", List.of(kp2, kpOpen, obj)));
            });
            DeliveryTranslator toV1 = new DeliveryTranslator(h.state, "v1");

            Optional<Delivery.Notify> notify = h.crank(() -> toV1.notify(kp1));

            assertThat(notify).contains(new Delivery.Notify(List.of(
                    new Resolution("p-1", false, new CapData("#1", List.of("p-2", "p-3", "o-1"))),
                    new Resolution("p-2", false, new CapData("#2", List.of("p-4", "p-1"))),
                    new Resolution("p-4", true, new CapData("#3", List.of("p-5"))),
                    new Resolution("p-5", false, new CapData("#4", List.of())))));
            // The settled promises are forgotten; the unresolved one and the object stay imported.
            for (String kp : List.of(kp1, kp2, kp3, kp4)) {
                assertThat(h.state.clist("v1").contains(kp)).as(kp).isFalse();
            }
            assertThat(h.state.clist("v1").krefFor("p-3")).isEqualTo(kpOpen);
            assertThat(h.state.clist("v1").krefFor("o-1")).isEqualTo(obj);
            assertThat(h.state.promises().refCount(kpOpen)).isEqualTo(2); // kp1's value and v1's entry

            // A second notify of the same promise has nothing to tell.
            assertThat(h.crank(() -> toV1.notify(kp1))).isEmpty();
        }
    }
}
