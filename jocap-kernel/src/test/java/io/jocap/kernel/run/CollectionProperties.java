package io.jocap.kernel.run;

import static io.jocap.kernel.testing.Vats.call;
import static io.jocap.kernel.testing.Vats.data;
import static io.jocap.kernel.testing.Vats.ref;
import static org.assertj.core.api.Assertions.assertThat;

import io.jocap.kernel.errors.KernelErrorCode;
import io.jocap.kernel.state.Kref;
import io.jocap.marshal.CapData;
import io.jocap.protocol.Delivery;
import io.jocap.protocol.DeliveryResult;
import io.jocap.protocol.Message;
import io.jocap.protocol.Resolution;
import io.jocap.protocol.Syscall;
import io.jocap.protocol.SyscallResult;
import io.jocap.testkit.PropertyCheck;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Random workloads of vats that create objects, pass them around, drop and retire imports,
 * abandon exports, get reaped, terminated and restarted: the audit holds after every crank (on in
 * {@link EmbeddedKernel}), no vat is ever given a message for an object it was told to retire or
 * no longer exports, no vat makes an illegal syscall, and once every vat lets go of everything
 * and the host of its answers, the store is back at its baseline: the live vats' pinned roots are
 * the only objects left, and no promise is.
 */
class CollectionProperties {
    private static final int VATS = 3;

    private record Workload(long seed, int hostSends) {}

    @Test
    void randomCollectionKeepsTheAuditCleanAndEndsAtTheBaseline() {
        PropertyCheck.forAll("collection invariants", 40,
                (random, size) -> new Workload(random.nextLong(), 1 + random.nextInt(size + 2)),
                CollectionProperties::check);
    }

    /** A vat that holds imports and exports as a real one would, acting at random. */
    private static final class GcVat implements VatEndpoint {
        final SplittableRandom random;
        final List<String> held;
        final Set<String> exports = new LinkedHashSet<>();
        final Set<String> retired = new HashSet<>();
        final List<String> problems = new ArrayList<>();
        long nextExport;

        GcVat(SplittableRandom random, List<String> held, int incarnation) {
            this.random = random;
            this.held = held;
            this.nextExport = incarnation * 100_000L + 1;
        }

        @Override
        public DeliveryResult deliver(Delivery delivery, SyscallPort port) {
            switch (delivery) {
                case Delivery.StartVat start -> { }
                case Delivery.Deliver d -> {
                    String target = d.target();
                    if (retired.contains(target) || (!target.equals("o+0") && !exports.contains(target))) {
                        problems.add("delivered to " + target + ", which it does not export (retired: "
                                + retired.contains(target) + ")");
                    }
                    learn(d.message().methargs());
                    act(port);
                    if (d.message().result() != null) {
                        CapData value = held.isEmpty() || random.nextBoolean() ? data("#null") : ref(pick(held));
                        check(port.syscall(new Syscall.Resolve(List.of(
                                new Resolution(d.message().result(), random.nextInt(5) == 0, value)))));
                    }
                }
                case Delivery.Notify n -> n.resolutions().forEach(r -> learn(r.data()));
                case Delivery.DropExports drop -> { }
                case Delivery.RetireExports retire -> {
                    retire.vrefs().forEach(exports::remove);
                    retired.addAll(retire.vrefs());
                }
                case Delivery.RetireImports retire -> problems.add("told to retire imports it never dropped: " + retire.vrefs());
                case Delivery.BringOutYourDead reap -> {
                    for (int i = random.nextInt(3); i > 0 && !held.isEmpty(); i--) {
                        drop(port, pick(held));
                    }
                }
            }
            return DeliveryResult.OK;
        }

        private void learn(CapData data) {
            for (String slot : data.slots()) {
                if (slot.startsWith("o-") && !held.contains(slot)) {
                    held.add(slot);
                }
            }
        }

        private void act(SyscallPort port) {
            for (int i = random.nextInt(3); i > 0; i--) {
                int choice = random.nextInt(10);
                if (choice < 6 && !held.isEmpty()) {
                    List<String> slots = new ArrayList<>();
                    for (int s = random.nextInt(3); s >= 0; s--) {
                        if (held.isEmpty() || random.nextBoolean()) {
                            String fresh = "o+" + nextExport++;
                            exports.add(fresh);
                            slots.add(fresh);
                        } else {
                            slots.add(pick(held));
                        }
                    }
                    check(port.syscall(new Syscall.Send(pick(held),
                            new Message(call("take", slots.stream().distinct().toArray(String[]::new)), null))));
                } else if (choice < 9 && !held.isEmpty()) {
                    drop(port, pick(held));
                } else if (!exports.isEmpty()) {
                    String export = List.copyOf(exports).get(random.nextInt(exports.size()));
                    check(port.syscall(new Syscall.AbandonExports(List.of(export))));
                    exports.remove(export);
                }
            }
        }

        void drop(SyscallPort port, String vref) {
            check(port.syscall(new Syscall.DropImports(List.of(vref))));
            check(port.syscall(new Syscall.RetireImports(List.of(vref))));
            held.remove(vref);
        }

        private String pick(List<String> from) {
            return from.get(random.nextInt(from.size()));
        }

        private void check(SyscallResult result) {
            if (result instanceof SyscallResult.Failed failed) {
                problems.add("syscall refused: " + failed);
            }
        }
    }

    private static void check(Workload workload) {
        SplittableRandom random = new SplittableRandom(workload.seed());
        try (EmbeddedKernel k = EmbeddedKernel.create()) {
            k.runner().reapInterval(1 + random.nextInt(8));
            k.runner().gcBudget(1 + random.nextInt(4));
            k.runner().cleanupBudget(1 + random.nextInt(4));
            List<String> roots = new ArrayList<>();
            GcVat[] vats = new GcVat[VATS + 1];
            for (int v = 1; v <= VATS; v++) {
                roots.add(k.export("v" + v, "o+0"));
            }
            for (int v = 1; v <= VATS; v++) {
                String vat = "v" + v;
                List<String> held = new ArrayList<>();
                for (String root : roots) {
                    if (!root.equals(roots.get(v - 1))) {
                        held.add(k.crank(() -> k.state().clist(vat).addImport(root)));
                    }
                }
                vats[v] = k.register(vat, new GcVat(random, held, 1));
            }
            List<String> hostResults = new ArrayList<>();
            int hostSends = workload.hostSends();
            int incarnation = 1;
            boolean terminatedOne = false;
            for (int steps = 0; ; steps++) {
                assertThat(steps).as("steps").isLessThan(20_000);
                List<String> live = List.copyOf(k.runner().registeredVats());
                int op = random.nextInt(100);
                if (hostSends > 0 && op < 15) {
                    hostSends--;
                    String root = roots.get(random.nextInt(VATS));
                    if (k.state().objects().exists(root)) { // a terminated vat's root is collected
                        hostResults.add(k.queueSend(root, call("go")));
                    }
                } else if (op < 18 && !live.isEmpty()) {
                    String vat = live.get(random.nextInt(live.size()));
                    k.crank(() -> k.state().reapQueue().schedule(vat));
                } else if (op == 18 && live.size() > 1) {
                    String vat = live.get(random.nextInt(live.size()));
                    GcVat old = vats[Integer.parseInt(vat.substring(1))];
                    // The new incarnation knows the imports the old one kept (as baggage would).
                    GcVat next = new GcVat(random, old.held, ++incarnation);
                    vats[Integer.parseInt(vat.substring(1))] = next;
                    k.runner().restartVat(vat, next, data("#{}"));
                } else if (op == 19 && !terminatedOne && live.size() > 1) {
                    terminatedOne = true;
                    k.runner().terminateVat(live.get(random.nextInt(live.size())), KernelErrorCode.VAT_TERMINATED);
                }
                CrankOutcome outcome = k.step();
                assertThat(outcome).isNotInstanceOf(CrankOutcome.DeadLettered.class);
                if (outcome instanceof CrankOutcome.VatTerminated t) {
                    assertThat(t.code()).as(t.reason()).isEqualTo(KernelErrorCode.VAT_TERMINATED);
                }
                if (outcome instanceof CrankOutcome.Idle && hostSends == 0) {
                    break;
                }
            }
            for (int v = 1; v <= VATS; v++) {
                assertThat(vats[v].problems).as("v" + v).isEmpty();
            }

            // Everyone lets go of everything: the store must return to its baseline.
            for (String vat : k.runner().registeredVats()) {
                GcVat gv = vats[Integer.parseInt(vat.substring(1))];
                for (String vref : List.copyOf(gv.held)) {
                    k.runner().applySyscalls(vat, List.of(new Syscall.DropImports(List.of(vref)),
                            new Syscall.RetireImports(List.of(vref))));
                    gv.held.remove(vref);
                }
            }
            k.crank(() -> hostResults.forEach(kp -> k.state().pins().unpin(kp)));
            k.runUntilIdle(20_000);
            for (int v = 1; v <= VATS; v++) {
                assertThat(vats[v].problems).as("v" + v).isEmpty();
            }
            List<String> leftObjects = new ArrayList<>();
            List<String> leftPromises = new ArrayList<>();
            for (long n = 1; k.state().ids().wasIssued(Kref.object(n)); n++) {
                String ko = Kref.object(n);
                if (k.state().objects().exists(ko)
                        && !(roots.contains(ko) && k.runner().isRegistered(k.state().objects().owner(ko)))) {
                    leftObjects.add(ko + " owner " + k.state().objects().owner(ko) + " " + k.state().objects().counts(ko));
                }
            }
            for (long n = 1; k.state().ids().wasIssued(Kref.promise(n)); n++) {
                if (k.state().promises().exists(Kref.promise(n))) {
                    leftPromises.add(Kref.promise(n));
                }
            }
            assertThat(leftObjects).as("objects left beyond the live roots").isEmpty();
            assertThat(leftPromises).as("promises left").isEmpty();
            assertThat(k.state().gcActions().isEmpty()).isTrue();
            assertThat(k.state().terminatedVats().isEmpty()).isTrue();
        }
    }
}
