package io.jocap.kernel.run;

import static io.jocap.kernel.testing.Vats.call;
import static io.jocap.kernel.testing.Vats.data;
import static io.jocap.kernel.testing.Vats.ref;
import static io.jocap.kernel.testing.Vats.resolve;
import static io.jocap.kernel.testing.Vats.send;
import static org.assertj.core.api.Assertions.assertThat;

import io.jocap.kernel.state.PromiseState;
import io.jocap.protocol.Delivery;
import io.jocap.protocol.DeliveryResult;
import io.jocap.protocol.Syscall;
import io.jocap.testkit.PropertyCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Random workloads of three vats that send, pipeline, resolve, reject, subscribe, misbehave and
 * exit: the audit (on in {@link EmbeddedKernel}) holds after every crank, each step delivers at
 * most once, no item is ever dead-lettered, the loop always reaches idle, and no promise is left
 * decided by a vat that is gone (design invariants 1, 5, 6, 7).
 */
class CrankRunnerProperties {
    private static final int VATS = 3;

    /** A workload: the seed the vats draw their behaviour from, and how many host sends start it. */
    private record Workload(long seed, int hostSends) {}

    @Test
    void randomWorkloadsKeepTheInvariants() {
        PropertyCheck.forAll("crank runner invariants", 60,
                (random, size) -> new Workload(random.nextLong(), 1 + random.nextInt(size + 1)),
                CrankRunnerProperties::check);
    }

    private static void check(Workload workload) {
        SplittableRandom random = new SplittableRandom(workload.seed());
        try (EmbeddedKernel k = EmbeddedKernel.create()) {
            List<String> roots = new ArrayList<>();
            List<ScriptedVat> vats = new ArrayList<>();
            for (int v = 1; v <= VATS; v++) {
                roots.add(k.export("v" + v, "o+0"));
            }
            for (int v = 1; v <= VATS; v++) {
                String vat = "v" + v;
                List<String> imports = new ArrayList<>();
                for (String root : roots) {
                    if (!root.equals(roots.get(v - 1))) {
                        imports.add(k.crank(() -> k.state().clist(vat).addImport(root)));
                    }
                }
                vats.add(k.register(vat, new ScriptedVat(behaviour(random, imports))));
            }
            List<String> hostResults = new ArrayList<>();
            for (int i = 0; i < workload.hostSends(); i++) {
                hostResults.add(k.queueSend(roots.get(random.nextInt(VATS)), call("go")));
            }

            int steps = 0;
            while (true) {
                int before = deliveries(vats);
                CrankOutcome outcome = k.step();
                assertThat(deliveries(vats) - before).isLessThanOrEqualTo(1);
                assertThat(outcome).isNotInstanceOf(CrankOutcome.DeadLettered.class);
                if (outcome instanceof CrankOutcome.Idle) {
                    break;
                }
                assertThat(++steps).as("steps").isLessThan(5_000);
            }
            assertThat(k.deadLetters().size()).isZero();
            for (int v = 1; v <= VATS; v++) {
                if (!k.runner().isRegistered("v" + v)) {
                    assertThat(k.state().promises().promisesDecidedBy("v" + v)).isEmpty();
                }
            }
            for (String kp : hostResults) {
                if (k.promiseState(kp) == PromiseState.UNRESOLVED) {
                    String decider = k.state().promises().decider(kp);
                    assertThat(decider).isNotNull();
                    assertThat(k.runner().isRegistered(decider)).isTrue();
                }
            }
        }
    }

    private static int deliveries(List<ScriptedVat> vats) {
        return vats.stream().mapToInt(v -> v.deliveries().size()).sum();
    }

    /** A vat that, per delivery, does a few random things with its imports and its result. */
    private static ScriptedVat.Script behaviour(SplittableRandom random, List<String> imports) {
        int[] nextPromise = {1};
        int[] nextExport = {1};
        return (delivery, port) -> {
            if (!(delivery instanceof Delivery.Deliver deliver)) {
                return DeliveryResult.OK;
            }
            int roll = random.nextInt(200);
            if (roll < 2) {
                return new DeliveryResult.Failed("random failure");
            }
            if (roll < 4) {
                resolve(port, "p-9999", false, data("#null")); // illegal: never given
            }
            if (roll >= 4 && roll < 5) {
                port.syscall(new Syscall.Exit(random.nextBoolean(), data("#\"bye\"")));
            }
            if (random.nextInt(100) < 45) {
                String target = imports.get(random.nextInt(imports.size()));
                String result = random.nextBoolean() ? "p+" + nextPromise[0]++ : null;
                send(port, target, call("go"), result);
                if (result != null && random.nextBoolean()) {
                    port.syscall(new Syscall.Subscribe(result));
                }
                if (result != null && random.nextBoolean()) {
                    send(port, result, call("go"), null); // pipelined onto the unresolved result
                }
            }
            String result = deliver.message().result();
            if (result != null && random.nextInt(100) < 80) {
                switch (random.nextInt(4)) {
                    case 0 -> resolve(port, result, false, data("#42"));
                    case 1 -> resolve(port, result, true, data("#\"no\""));
                    case 2 -> resolve(port, result, false, ref("o+" + nextExport[0]++));
                    default -> resolve(port, result, false, ref(imports.get(random.nextInt(imports.size()))));
                }
            }
            return DeliveryResult.OK;
        };
    }
}
