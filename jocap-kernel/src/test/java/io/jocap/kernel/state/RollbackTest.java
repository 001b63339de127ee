package io.jocap.kernel.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.jocap.marshal.CapData;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Design invariant 4: rolling a crank back leaves nothing stale. MetaMask's kernel cached the
 * run-queue head and tail, id counters and GC sets in memory and only refreshed some of them after
 * a rollback; this layer caches nothing, and these tests show every view reading the restored state.
 */
class RollbackTest {
    static final CapData DATA = new CapData("#\"done\"", List.of());

    /** Notifications of kp1 (which the tests create first: holders must name existing refs). */
    static RunQueueItem notify(int n) {
        return new RunQueueItem.Notify("v" + n, "kp1");
    }

    @Test
    void abortedCrankLeavesQueueCountersAndRecordsAsBefore() {
        try (StoreFixture f = new StoreFixture()) {
            KernelState s = f.state;
            f.crank(() -> {
                s.objects().create("v1");
                s.promises().create("v1");
                s.runQueue().push(notify(1));
                s.runQueue().push(notify(2));
                s.clist("v1").addImport("ko1");
                s.ids().nextVatId();
            });
            List<String> keysBefore = f.keysExceptCounters();

            f.aborted(() -> {
                assertThat(s.runQueue().poll()).isEqualTo(notify(1));
                s.runQueue().push(notify(3));
                s.runQueue().push(notify(4));
                assertThat(s.objects().create("v2")).isEqualTo("ko2");
                assertThat(s.promises().create("v2")).isEqualTo("kp2");
                assertThat(s.ids().nextVatId()).isEqualTo("v2");
                assertThat(s.clist("v1").addImport("ko2")).isEqualTo("o-2");
                s.objects().revoke("ko1");
                s.objects().adjustCounts("ko1", 1, 1);
                s.promises().setDecider("kp1", "v3");
                s.promises().addSubscriber("kp1", "v2");
                s.promises().enqueueMessage("kp1", new KernelMessage(DATA, null));
                s.clist("v1").setReachable("ko1", false);
                assertThat(s.runQueue().size()).isEqualTo(3);
            });

            assertThat(s.runQueue().size()).isEqualTo(2);
            assertThat(s.runQueue().peek()).isEqualTo(notify(1));
            assertThat(s.objects().exists("ko2")).isFalse();
            assertThat(s.objects().isRevoked("ko1")).isFalse();
            assertThat(s.objects().counts("ko1")).isEqualTo(RefCounts.ZERO);
            assertThat(s.promises().decider("kp1")).isEqualTo("v1");
            assertThat(s.promises().promisesDecidedBy("v1")).containsExactly("kp1");
            assertThat(s.promises().promisesDecidedBy("v3")).isEmpty();
            assertThat(s.promises().subscribers("kp1")).isEmpty();
            assertThat(s.promises().queuedMessageCount("kp1")).isZero();
            assertThat(s.clist("v1").isReachable("ko1")).isTrue();
            assertThat(f.keysExceptCounters()).isEqualTo(keysBefore);

            // the same ids are handed out again, and the queue continues from where it was
            f.crank(() -> {
                assertThat(s.objects().create("v2")).isEqualTo("ko2");
                assertThat(s.promises().create(null)).isEqualTo("kp2");
                assertThat(s.ids().nextVatId()).isEqualTo("v2");
                assertThat(s.clist("v1").addImport("ko2")).isEqualTo("o-2");
                s.runQueue().push(notify(5));
            });
            f.crank(() -> {
                assertThat(s.runQueue().poll()).isEqualTo(notify(1));
                assertThat(s.runQueue().poll()).isEqualTo(notify(2));
                assertThat(s.runQueue().poll()).isEqualTo(notify(5));
                assertThat(s.runQueue().poll()).isNull();
            });
        }
    }

    @Test
    void rollbackToASavepointRestoresResolutionAndTheDeciderIndex() {
        try (StoreFixture f = new StoreFixture()) {
            KernelState s = f.state;
            String kp = f.crank(() -> s.promises().create("v1"));
            f.crank(() -> s.promises().addSubscriber(kp, "v2"));
            f.crank(() -> {
                f.store.savepoint("delivery");
                assertThat(s.promises().resolve(kp, true, DATA)).containsExactly("v2");
                s.runQueue().push(new RunQueueItem.Notify("v2", kp));
                assertThat(s.promises().promisesDecidedBy("v1")).isEmpty();
                f.store.rollbackTo("delivery");

                assertThat(s.promises().state(kp)).isEqualTo(PromiseState.UNRESOLVED);
                assertThat(s.promises().value(kp)).isNull();
                assertThat(s.promises().subscribers(kp)).containsExactly("v2");
                assertThat(s.promises().promisesDecidedBy("v1")).containsExactly(kp);
                assertThat(s.runQueue().isEmpty()).isTrue();
            });
        }
    }
}
