package io.jocap.kernel.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.jocap.marshal.CapData;
import io.jocap.store.KernelStore;
import io.jocap.store.StoreOptions;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersistenceTest {
    @TempDir Path dir;

    static final KernelMessage MESSAGE =
            new KernelMessage(new CapData("#[\"go\",[\"$0\"]]", List.of("ko1")), "kp2");

    @Test
    void everythingSurvivesCloseAndReopen() {
        Path file = dir.resolve("kernel.sqlite");
        try (StoreFixture f = new StoreFixture(KernelStore.open(file, StoreOptions.strict()))) {
            KernelState s = f.state;
            f.crank(() -> {
                assertThat(s.ids().nextVatId()).isEqualTo("v1");
                assertThat(s.ids().nextRemoteId()).isEqualTo("r1");
                assertThat(s.ids().nextSubclusterId()).isEqualTo("s1");
                String ko = s.objects().create("v1");
                s.objects().adjustCounts(ko, 1, 2);
                s.objects().create("kernel");
                s.objects().revoke("ko2");
                String kp1 = s.promises().create("v1");
                String kp2 = s.promises().create("r1");
                s.promises().addSubscriber(kp1, "v1");
                s.promises().enqueueMessage(kp1, MESSAGE);
                s.promises().adjustRefCount(kp2, 2);
                s.promises().resolve(kp2, false, new CapData("#\"$0\"", List.of("ko1")));
                s.clist("v1").add("o+0", ko, true);
                s.clist("v1").addImport(kp1);
                s.clist("r1").addImport(ko);
                s.clist("r1").setReachable(ko, false);
                s.runQueue().push(new RunQueueItem.Send(ko, MESSAGE));
                s.runQueue().push(new RunQueueItem.Notify("v1", kp2));
            });
            f.aborted(() -> s.runQueue().poll()); // open work at close is discarded anyway
        }
        try (StoreFixture f = new StoreFixture(KernelStore.open(file, StoreOptions.strict()))) {
            KernelState s = f.state;
            assertThat(s.objects().owner("ko1")).isEqualTo("v1");
            // 1,2 set directly, + the value of kp2 (1,1), kp1's queued message (1,1), r1's import
            // (0,1: not reachable) and the queued send's target and slot (2,2)
            assertThat(s.objects().counts("ko1")).isEqualTo(new RefCounts(5, 7));
            assertThat(s.objects().owner("ko2")).isEqualTo("kernel");
            assertThat(s.objects().isRevoked("ko2")).isTrue();
            assertThat(s.promises().state("kp1")).isEqualTo(PromiseState.UNRESOLVED);
            assertThat(s.promises().decider("kp1")).isEqualTo("v1");
            assertThat(s.promises().subscribers("kp1")).containsExactly("v1");
            assertThat(s.promises().queuedMessageCount("kp1")).isEqualTo(1);
            assertThat(s.promises().promisesDecidedBy("v1")).containsExactly("kp1");
            assertThat(s.promises().promisesDecidedBy("r1")).isEmpty();
            assertThat(s.promises().state("kp2")).isEqualTo(PromiseState.FULFILLED);
            assertThat(s.promises().value("kp2")).isEqualTo(new CapData("#\"$0\"", List.of("ko1")));
            // 2 set directly, + the result of kp1's queued message, of the queued send, and the notify
            assertThat(s.promises().refCount("kp2")).isEqualTo(5);
            assertThat(s.clist("v1").entries()).containsExactly(
                    new CListEntry("o+0", "ko1", true), new CListEntry("p-1", "kp1", true));
            assertThat(s.clist("r1").entry("ko1")).isEqualTo(new CListEntry("ro-1", "ko1", false));
            assertThat(s.runQueue().size()).isEqualTo(2);
            f.crank(() -> {
                assertThat(s.runQueue().poll()).isEqualTo(new RunQueueItem.Send("ko1", MESSAGE));
                assertThat(s.runQueue().poll()).isEqualTo(new RunQueueItem.Notify("v1", "kp2"));
                assertThat(s.promises().drainMessages("kp1")).containsExactly(MESSAGE);
                // counters continue after a restart
                assertThat(s.ids().nextVatId()).isEqualTo("v2");
                assertThat(s.ids().nextRemoteId()).isEqualTo("r2");
                assertThat(s.ids().nextSubclusterId()).isEqualTo("s2");
                assertThat(s.objects().create("v1")).isEqualTo("ko3");
                assertThat(s.promises().create(null)).isEqualTo("kp3");
                assertThat(s.clist("v1").addImport("ko3")).isEqualTo("o-1");
                assertThat(s.clist("v1").addImport("kp3")).isEqualTo("p-2");
                assertThat(s.clist("r1").addImport("kp3")).isEqualTo("rp-1");
            });
        }
    }
}
