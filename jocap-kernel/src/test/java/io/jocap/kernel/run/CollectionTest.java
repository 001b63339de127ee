package io.jocap.kernel.run;

import static io.jocap.kernel.testing.Vats.call;
import static org.assertj.core.api.Assertions.assertThat;

import io.jocap.kernel.run.CrankOutcome.GcDelivered;
import io.jocap.kernel.state.GcActions.Kind;
import io.jocap.kernel.state.RefCounts;
import io.jocap.marshal.CapData;
import io.jocap.protocol.Delivery;
import io.jocap.protocol.DeliveryResult;
import io.jocap.protocol.Message;
import io.jocap.protocol.Resolution;
import io.jocap.protocol.Syscall;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The collector: from counts reaching zero to exporters told, objects and promises deleted. */
class CollectionTest {

    private static void syscalls(EmbeddedKernel k, String vat, Syscall... syscalls) {
        assertThat(k.runner().applySyscalls(vat, List.of(syscalls))).isInstanceOf(SyscallBatch.Applied.class);
    }

    @Test
    void anObjectIsGoneOnceItsImportersDropAndRetireItAndItsExporterForgetsIt() {
        try (EmbeddedKernel k = EmbeddedKernel.create()) { // audits after every crank
            ScriptedVat exporter = k.register("v1", ScriptedVat.quiet());
            k.register("v2", ScriptedVat.quiet());
            k.register("v3", ScriptedVat.quiet());
            String ko = k.exportUnpinned("v1", "o+7");
            String inV2 = k.crank(() -> k.state().clist("v2").addImport(ko));
            String inV3 = k.crank(() -> k.state().clist("v3").addImport(ko));
            assertThat(k.state().objects().counts(ko)).isEqualTo(new RefCounts(2, 2));

            syscalls(k, "v2", new Syscall.DropImports(List.of(inV2)));
            assertThat(k.state().objects().counts(ko)).isEqualTo(new RefCounts(1, 2));
            syscalls(k, "v2", new Syscall.RetireImports(List.of(inV2)));
            assertThat(k.state().objects().counts(ko)).isEqualTo(new RefCounts(1, 1));
            assertThat(k.step()).isEqualTo(CrankOutcome.IDLE); // still reachable by v3: nothing to tell

            syscalls(k, "v3", new Syscall.DropImports(List.of(inV3)));
            assertThat(k.state().objects().counts(ko)).isEqualTo(new RefCounts(0, 1));
            assertThat(k.step()).isEqualTo(new GcDelivered("v1", Kind.DROP_EXPORT, List.of(ko)));
            syscalls(k, "v3", new Syscall.RetireImports(List.of(inV3)));
            assertThat(k.step()).isEqualTo(new GcDelivered("v1", Kind.RETIRE_EXPORT, List.of(ko)));
            assertThat(exporter.deliveries()).containsExactly(
                    new Delivery.DropExports(List.of("o+7")), new Delivery.RetireExports(List.of("o+7")));
            assertThat(k.state().objects().exists(ko)).isFalse();
            assertThat(k.state().clist("v1").contains(ko)).isFalse();
            assertThat(k.step()).isEqualTo(CrankOutcome.IDLE);
            assertThat(k.state().maybeFree().isEmpty()).isTrue();
        }
    }

    @Test
    void anExportPassedOutAgainAfterItsDropIsNotRetired() {
        try (EmbeddedKernel k = EmbeddedKernel.create()) {
            k.register("v1", ScriptedVat.quiet());
            k.register("v2", ScriptedVat.quiet());
            String ko = k.exportUnpinned("v1", "o+7");
            String inV2 = k.crank(() -> k.state().clist("v2").addImport(ko));
            syscalls(k, "v2", new Syscall.DropImports(List.of(inV2)));
            assertThat(k.step()).isEqualTo(new GcDelivered("v1", Kind.DROP_EXPORT, List.of(ko)));
            // v1 sends it to v2 again before v2 retires it: reachable again, so no retirement.
            String v2Root = k.export("v2", "o+0");
            String v2RootInV1 = k.crank(() -> k.state().clist("v1").addImport(v2Root));
            syscalls(k, "v1", new Syscall.Send(v2RootInV1, new Message(
                    new CapData("#[\"take\",[\"$0.Alleged: thing\"]]", List.of("o+7")), null)));
            k.runUntilIdle(10);
            assertThat(k.state().objects().exists(ko)).isTrue();
            assertThat(k.state().clist("v1").isReachable(ko)).isTrue();
            assertThat(k.state().objects().counts(ko).reachable()).isPositive();
        }
    }

    @Test
    void aSettledPromiseNobodyHoldsIsDeletedWithTheRefsInItsValue() {
        try (EmbeddedKernel k = EmbeddedKernel.create()) {
            k.register("v1", new ScriptedVat((delivery, port) -> {
                if (delivery instanceof Delivery.Deliver d && d.message().result() != null) {
                    // Answers with a new object of its own.
                    port.syscall(new Syscall.Resolve(List.of(new Resolution(d.message().result(), false,
                            new CapData("#\"$0.Alleged: thing\"", List.of("o+9"))))));
                }
                return DeliveryResult.OK;
            }));
            ScriptedVat v2 = k.register("v2", ScriptedVat.quiet());
            String root = k.export("v1", "o+0");
            String rootInV2 = k.crank(() -> k.state().clist("v2").addImport(root));
            syscalls(k, "v2", new Syscall.Send(rootInV2, new Message(call("make"), "p+1")),
                    new Syscall.Subscribe("p+1"));
            k.runUntilIdle(10);
            // v2 was notified: the promise left its c-list, nothing holds it, it is gone; the
            // object in its value went to v2's c-list with the notify.
            assertThat(v2.lastDelivery()).isInstanceOf(Delivery.Notify.class);
            assertThat(k.state().clist("v2").krefFor("p+1")).isNull();
            String thing = k.state().clist("v1").krefFor("o+9");
            assertThat(k.state().objects().counts(thing)).isEqualTo(new RefCounts(1, 1));
            assertThat(k.state().promises().exists("kp1")).isFalse();
        }
    }
}
