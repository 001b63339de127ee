package io.jocap.kernel.run;

import static io.jocap.kernel.testing.Vats.call;
import static org.assertj.core.api.Assertions.assertThat;

import io.jocap.kernel.run.CrankOutcome.Delivered;
import io.jocap.kernel.run.CrankOutcome.GcDelivered;
import io.jocap.kernel.run.CrankOutcome.Reaped;
import io.jocap.kernel.state.GcActions;
import io.jocap.kernel.state.GcActions.Kind;
import io.jocap.kernel.state.KernelState;
import io.jocap.kernel.state.RefCounts;
import io.jocap.protocol.Delivery;
import io.jocap.protocol.DeliveryResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The run loop's order (GC actions, then reaps, then the run queue), the re-validation of GC
 * actions before delivery, the per-crank GC budget and the fault paths, on the embedded kernel
 * (which audits every count after every crank).
 */
class GcSchedulingTest {

    /** v1 exports {@code o+5}; v2 imports it as {@code o-1}. Returns the kref. */
    private static String sharedObject(EmbeddedKernel k) {
        String ko = k.exportUnpinned("v1", "o+5");
        k.crank(() -> k.state().clist("v2").addImport(ko));
        return ko;
    }

    @Test
    void gcActionsGoFirstThenReapsThenTheRunQueue() {
        try (EmbeddedKernel k = EmbeddedKernel.create()) {
            ScriptedVat v1 = k.register("v1", ScriptedVat.quiet());
            ScriptedVat v2 = k.register("v2", ScriptedVat.quiet());
            String ko = sharedObject(k);
            String root = k.export("v1", "o+0");
            k.queueSend(root, call("hello"));
            k.crank(() -> {
                KernelState s = k.state();
                s.clist("v2").setReachable(ko, false); // v2 dropped it
                s.reapQueue().schedule("v2");
                s.gcActions().schedule("v1", Kind.DROP_EXPORT, ko);
            });

            assertThat(k.step()).isEqualTo(new GcDelivered("v1", Kind.DROP_EXPORT, List.of(ko)));
            assertThat(v1.lastDelivery()).isEqualTo(new Delivery.DropExports(List.of("o+5")));
            assertThat(k.state().clist("v1").isReachable(ko)).as("export marked dropped").isFalse();

            assertThat(k.step()).isEqualTo(new Reaped("v2", true));
            assertThat(v2.lastDelivery()).isEqualTo(new Delivery.BringOutYourDead());

            assertThat(k.step()).isInstanceOf(Delivered.class);
            assertThat(v1.deliveries()).hasSize(2);
            assertThat(k.step()).isEqualTo(CrankOutcome.IDLE);
        }
    }

    @Test
    void staleActionsAreDroppedWithoutADelivery() {
        try (EmbeddedKernel k = EmbeddedKernel.create()) {
            ScriptedVat v1 = k.register("v1", ScriptedVat.quiet());
            ScriptedVat v2 = k.register("v2", ScriptedVat.quiet());
            String ko = sharedObject(k); // v2 still holds it: reachable 1, recognizable 1
            k.crank(() -> {
                GcActions gc = k.state().gcActions();
                gc.schedule("v1", Kind.DROP_EXPORT, ko); // still reachable
                gc.schedule("v1", Kind.RETIRE_EXPORT, ko); // still recognisable
                gc.schedule("v2", Kind.RETIRE_IMPORT, ko); // its exporter still owns it
                gc.schedule("v2", Kind.DROP_EXPORT, ko); // v2 does not own it
            });

            assertThat(k.step()).isEqualTo(new GcDelivered("v1", Kind.DROP_EXPORT, List.of()));
            assertThat(k.step()).isEqualTo(new GcDelivered("v1", Kind.RETIRE_EXPORT, List.of()));
            assertThat(k.step()).isEqualTo(new GcDelivered("v2", Kind.DROP_EXPORT, List.of()));
            assertThat(k.step()).isEqualTo(new GcDelivered("v2", Kind.RETIRE_IMPORT, List.of()));
            assertThat(k.step()).isEqualTo(CrankOutcome.IDLE);
            assertThat(v1.deliveries()).isEmpty();
            assertThat(v2.deliveries()).isEmpty();
            assertThat(k.state().objects().counts(ko)).isEqualTo(new RefCounts(1, 1));
            assertThat(k.state().clist("v1").isReachable(ko)).isTrue();
        }
    }

    @Test
    void retireExportDeletesTheObjectOnceNobodyRecognisesIt() {
        try (EmbeddedKernel k = EmbeddedKernel.create()) {
            ScriptedVat v1 = k.register("v1", ScriptedVat.quiet());
            k.register("v2", ScriptedVat.quiet());
            String ko = sharedObject(k);
            k.crank(() -> {
                k.state().clist("v2").setReachable(ko, false);
                k.state().clist("v2").remove(ko); // v2 dropped and retired it
                k.state().gcActions().schedule("v1", Kind.DROP_EXPORT, ko);
                k.state().gcActions().schedule("v1", Kind.RETIRE_EXPORT, ko);
            });

            assertThat(k.step()).isEqualTo(new GcDelivered("v1", Kind.DROP_EXPORT, List.of(ko)));
            assertThat(k.step()).isEqualTo(new GcDelivered("v1", Kind.RETIRE_EXPORT, List.of(ko)));
            assertThat(v1.deliveries()).containsExactly(
                    new Delivery.DropExports(List.of("o+5")), new Delivery.RetireExports(List.of("o+5")));
            assertThat(k.state().objects().exists(ko)).isFalse();
            assertThat(k.state().clist("v1").contains(ko)).isFalse();
        }
    }

    @Test
    void importersOfAnOrphanAreToldToRetire() {
        try (EmbeddedKernel k = EmbeddedKernel.create()) {
            k.register("v1", ScriptedVat.quiet());
            ScriptedVat v2 = k.register("v2", ScriptedVat.quiet());
            String ko = sharedObject(k);
            k.crank(() -> {
                k.state().clist("v1").remove(ko); // v1 abandoned it
                k.state().objects().clearOwner(ko);
                k.state().gcActions().schedule("v2", Kind.RETIRE_IMPORT, ko);
            });
            // v2 can still reach it: it is not told to retire it yet.
            assertThat(k.step()).isEqualTo(new GcDelivered("v2", Kind.RETIRE_IMPORT, List.of()));
            assertThat(k.state().clist("v2").contains(ko)).isTrue();

            k.crank(() -> k.state().clist("v2").setReachable(ko, false)); // v2 drops it: the collector acts
            assertThat(k.step()).isEqualTo(new GcDelivered("v2", Kind.RETIRE_IMPORT, List.of(ko)));
            assertThat(v2.lastDelivery()).isEqualTo(new Delivery.RetireImports(List.of("o-1")));
            assertThat(k.state().clist("v2").contains(ko)).isFalse();
            // Nobody recognises the orphan any more: it is gone.
            assertThat(k.state().objects().exists(ko)).isFalse();
            assertThat(k.step()).isEqualTo(CrankOutcome.IDLE);
        }
    }

    @Test
    void theBudgetSpreadsABigDropOverCranks() {
        try (EmbeddedKernel k = EmbeddedKernel.create()) {
            ScriptedVat v1 = k.register("v1", ScriptedVat.quiet());
            k.runner().gcBudget(2);
            List<String> objects = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                objects.add(k.exportUnpinned("v1", "o+" + i));
            }
            k.crank(() -> objects.forEach(ko -> k.state().gcActions().schedule("v1", Kind.DROP_EXPORT, ko)));

            List<Integer> sizes = new ArrayList<>();
            CrankOutcome outcome;
            while ((outcome = k.step()) instanceof GcDelivered gc) {
                sizes.add(gc.krefs().size());
            }
            assertThat(outcome).isEqualTo(CrankOutcome.IDLE);
            assertThat(sizes).containsExactly(2, 2, 1);
            assertThat(v1.deliveries()).hasSize(3);
            assertThat(k.state().gcActions().isEmpty()).isTrue();
        }
    }

    @Test
    void aVatThatFailsAGcDeliveryIsTerminatedAndTheActionIsNotRetriedOnIt() {
        try (EmbeddedKernel k = EmbeddedKernel.create()) {
            k.register("v1", new ScriptedVat((d, port) -> d instanceof Delivery.DropExports
                    ? new DeliveryResult.Failed("cannot drop")
                    : DeliveryResult.OK));
            k.register("v2", ScriptedVat.quiet());
            String ko = sharedObject(k);
            k.crank(() -> {
                k.state().clist("v2").setReachable(ko, false);
                k.state().gcActions().schedule("v1", Kind.DROP_EXPORT, ko);
            });

            assertThat(k.step()).isInstanceOf(CrankOutcome.VatTerminated.class);
            // the rollback put the action back; the vat is gone, so it is stale now
            assertThat(k.step()).isEqualTo(new GcDelivered("v1", Kind.DROP_EXPORT, List.of()));
            assertThat(k.step()).isEqualTo(new CrankOutcome.CleanedUp("v1", 1, true));
            // The cleanup orphaned the object; v2, which only recognises it, is told to retire it.
            assertThat(k.step()).isEqualTo(new GcDelivered("v2", Kind.RETIRE_IMPORT, List.of(ko)));
            assertThat(k.state().objects().exists(ko)).isFalse();
            assertThat(k.step()).isEqualTo(CrankOutcome.IDLE);
        }
    }

    @Test
    void reapOfAGoneVatDeliversNothingAndACorruptActionIsDeadLettered() {
        try (EmbeddedKernel k = EmbeddedKernel.create()) {
            k.register("v1", ScriptedVat.quiet());
            k.crank(() -> {
                k.state().reapQueue().schedule("v9");
                assertThat(k.state().reapQueue().schedule("v9")).as("scheduled once").isFalse();
                k.store().kv().set("ga.v1.9.ko1", ""); // corrupt: no such kind
                k.store().kv().set("gan", "1");
            });
            assertThat(k.step()).isInstanceOf(CrankOutcome.DeadLettered.class);
            assertThat(k.deadLetters().list().getFirst().item()).contains("ga.v1.9.ko1");
            assertThat(k.step()).isEqualTo(new Reaped("v9", false));
            assertThat(k.step()).isEqualTo(CrankOutcome.IDLE);
        }
    }
}
