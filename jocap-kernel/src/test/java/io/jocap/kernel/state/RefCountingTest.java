package io.jocap.kernel.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jocap.marshal.CapData;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Each rule of the counting policy (package documentation), one test per holder kind, with the
 * audit run after every crank so that the holder operations and the independent recount agree.
 * The two MetaMask defects are pinned down explicitly: importer entries count, and a message
 * moved from a promise queue to the run queue is counted once, not twice.
 */
class RefCountingTest {
    final StoreFixture f = new StoreFixture();
    final KernelState s = f.state;

    @AfterEach
    void close() {
        f.close();
    }

    void crank(Runnable body) {
        f.crank(body);
        s.audit().assertClean();
    }

    RefCounts counts(String ko) {
        return s.objects().counts(ko);
    }

    long count(String kp) {
        return s.promises().refCount(kp);
    }

    static KernelMessage message(String result, String... slots) {
        return new KernelMessage(new CapData("#[\"m\",[]]", List.of(slots)), result);
    }

    @Test
    void importerEntriesCountAndTheOwnersEntryDoesNot() {
        crank(() -> {
            s.objects().create("v1");
            s.promises().create("v1");
        });
        crank(() -> {
            s.clist("v1").add("o+1", "ko1", true); // the export
            s.clist("v2").addImport("ko1");
            s.clist("r1").add("ro-7", "ko1", false);
        });
        assertThat(counts("ko1")).isEqualTo(new RefCounts(1, 2));
        crank(() -> {
            s.clist("v1").add("p+1", "kp1", true); // the decider's entry counts for a promise
            s.clist("v2").addImport("kp1");
        });
        assertThat(count("kp1")).isEqualTo(2);
        crank(() -> {
            assertThat(s.clist("v2").remove("ko1").reachable()).isTrue();
            s.clist("v1").remove("kp1");
        });
        assertThat(counts("ko1")).isEqualTo(new RefCounts(0, 1));
        assertThat(count("kp1")).isEqualTo(1);
        assertThat(s.maybeFree().list()).containsExactly("ko1");
        crank(() -> {
            s.clist("r1").remove("ko1");
            s.clist("v2").remove("kp1");
            s.clist("v1").remove("ko1");
        });
        assertThat(counts("ko1")).isEqualTo(RefCounts.ZERO);
        assertThat(count("kp1")).isZero();
        assertThat(s.maybeFree().list()).containsExactly("ko1", "kp1");
    }

    @Test
    void theReachableFlagOfAnImporterMovesTheReachableCountOnly() {
        crank(() -> s.objects().create("v1"));
        crank(() -> {
            s.clist("v1").add("o+1", "ko1", true);
            s.clist("v2").addImport("ko1");
        });
        crank(() -> assertThat(s.clist("v2").setReachable("ko1", false)).isTrue());
        assertThat(counts("ko1")).isEqualTo(new RefCounts(0, 1));
        assertThat(s.maybeFree().contains("ko1")).isTrue();
        crank(() -> s.clist("v2").setReachable("ko1", false)); // unchanged: no count change
        crank(() -> s.clist("v1").setReachable("ko1", false)); // the owner's flag counts nothing
        assertThat(counts("ko1")).isEqualTo(new RefCounts(0, 1));
        crank(() -> s.clist("v2").setReachable("ko1", true));
        assertThat(counts("ko1")).isEqualTo(new RefCounts(1, 1));
    }

    @Test
    void ownerChangesRecountTheEntriesOfOldAndNewOwner() {
        crank(() -> s.objects().create("v1"));
        crank(() -> {
            s.clist("v1").add("o+1", "ko1", true);
            s.clist("v2").addImport("ko1");
        });
        crank(() -> s.objects().setOwner("ko1", "v2")); // v1's entry now an import, v2's an export
        assertThat(counts("ko1")).isEqualTo(new RefCounts(1, 1));
        crank(() -> s.objects().clearOwner("ko1"));
        assertThat(counts("ko1")).isEqualTo(new RefCounts(2, 2));
        crank(() -> s.objects().setOwner("ko1", "kernel"));
        assertThat(counts("ko1")).isEqualTo(new RefCounts(2, 2));
    }

    @Test
    void runQueueSendsCountTargetResultAndEverySlotAndPollReleasesThem() {
        crank(() -> {
            s.objects().create("v1");
            s.objects().create("v1");
            s.promises().create("v1");
            s.promises().create(null);
        });
        RunQueueItem send = new RunQueueItem.Send("ko1", message("kp2", "ko1", "ko2", "kp1", "ko2"));
        RunQueueItem toPromise = new RunQueueItem.Send("kp1", message(null));
        crank(() -> {
            s.runQueue().push(send);
            s.runQueue().push(toPromise);
            s.runQueue().push(new RunQueueItem.Notify("v3", "kp2"));
        });
        assertThat(counts("ko1")).isEqualTo(new RefCounts(2, 2));
        assertThat(counts("ko2")).isEqualTo(new RefCounts(2, 2));
        assertThat(count("kp1")).isEqualTo(2);
        assertThat(count("kp2")).isEqualTo(2);
        crank(() -> assertThat(s.runQueue().poll()).isEqualTo(send));
        assertThat(counts("ko1")).isEqualTo(RefCounts.ZERO);
        assertThat(counts("ko2")).isEqualTo(RefCounts.ZERO);
        assertThat(count("kp1")).isEqualTo(1);
        assertThat(count("kp2")).isEqualTo(1);
        crank(() -> {
            s.runQueue().poll();
            s.runQueue().poll();
        });
        assertThat(count("kp1")).isZero();
        assertThat(count("kp2")).isZero();
        assertThat(s.maybeFree().list()).containsExactly("ko1", "ko2", "kp1", "kp2");
    }

    @Test
    void promiseQueuesCountResultAndSlotsButNotTheirPromiseAndAreNotDoubleCountedWhenRequeued() {
        crank(() -> {
            s.objects().create("v1");
            s.promises().create("v1");
            s.promises().create(null);
        });
        KernelMessage m = message("kp2", "ko1");
        crank(() -> s.promises().enqueueMessage("kp1", m));
        assertThat(counts("ko1")).isEqualTo(new RefCounts(1, 1));
        assertThat(count("kp1")).isZero();
        assertThat(count("kp2")).isEqualTo(1);
        // resolution: drain and push back on the run queue, in one crank, as the kernel does
        crank(() -> {
            s.promises().resolve("kp1", false, new CapData("#null", List.of()));
            for (KernelMessage queued : s.promises().drainMessages("kp1")) {
                s.runQueue().push(new RunQueueItem.Send("kp1", queued));
            }
        });
        assertThat(counts("ko1")).isEqualTo(new RefCounts(1, 1));
        assertThat(count("kp1")).isEqualTo(1); // the send's target now
        assertThat(count("kp2")).isEqualTo(1);
        crank(() -> s.runQueue().poll());
        assertThat(counts("ko1")).isEqualTo(RefCounts.ZERO);
        assertThat(count("kp2")).isZero();
    }

    @Test
    void settledValuesCountTheirSlotsUntilThePromiseIsDeleted() {
        crank(() -> {
            s.objects().create("kernel");
            s.promises().create("v1");
            s.promises().create("v1");
        });
        crank(() -> s.promises().resolve("kp1", false, new CapData("#[\"$0\",\"$1\",\"$0\"]", List.of("ko1", "kp2"))));
        assertThat(counts("ko1")).isEqualTo(new RefCounts(1, 1));
        assertThat(count("kp2")).isEqualTo(1);
        crank(() -> s.promises().delete("kp1"));
        assertThat(counts("ko1")).isEqualTo(RefCounts.ZERO);
        assertThat(count("kp2")).isZero();
        assertThat(s.maybeFree().list()).containsExactly("ko1", "kp2");
    }

    @Test
    void deletingAnUnresolvedPromiseReleasesItsQueuedMessages() {
        crank(() -> {
            s.objects().create("kernel");
            s.promises().create("v1");
            s.promises().create(null);
        });
        crank(() -> s.promises().enqueueMessage("kp1", message("kp2", "ko1")));
        crank(() -> s.promises().delete("kp1"));
        assertThat(counts("ko1")).isEqualTo(RefCounts.ZERO);
        assertThat(count("kp2")).isZero();
    }

    @Test
    void pinsCountLikeAnyHolderAndAreCounted() {
        crank(() -> {
            s.objects().create("v1");
            s.promises().create(null);
        });
        crank(() -> {
            assertThat(s.pins().pin("ko1")).isEqualTo(1);
            assertThat(s.pins().pin("ko1")).isEqualTo(2);
            s.pins().pin("kp1");
        });
        assertThat(counts("ko1")).isEqualTo(new RefCounts(2, 2));
        assertThat(count("kp1")).isEqualTo(1);
        crank(() -> {
            assertThat(s.pins().unpin("ko1")).isEqualTo(1);
            s.pins().unpin("kp1");
        });
        assertThat(counts("ko1")).isEqualTo(new RefCounts(1, 1));
        assertThat(s.pins().pinCount("ko1")).isEqualTo(1);
        assertThat(s.pins().pinCount("kp1")).isZero();
        f.aborted(() -> assertThatThrownBy(() -> s.pins().unpin("kp1")).isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot unpin kp1: it is not pinned (a kernel bug)"));
        f.aborted(() -> assertThatThrownBy(() -> s.pins().pin("ko9")).isInstanceOf(IllegalStateException.class)
                .hasMessage("unknown kernel object ko9"));
        assertThat(f.store.kv().has("pin.ko9")).isFalse();
    }

    @Test
    void maybeFreeMarksAreTakenOnceAndRolledBackWithTheirCrank() {
        crank(() -> s.objects().create("v1"));
        crank(() -> s.pins().pin("ko1"));
        f.aborted(() -> {
            s.pins().unpin("ko1");
            assertThat(s.maybeFree().list()).containsExactly("ko1");
        });
        assertThat(s.maybeFree().list()).isEmpty();
        f.crank(() -> {
            f.store.savepoint("sp");
            s.pins().unpin("ko1");
            f.store.rollbackTo("sp");
        });
        assertThat(s.maybeFree().list()).isEmpty();
        assertThat(counts("ko1")).isEqualTo(new RefCounts(1, 1));
        crank(() -> s.pins().unpin("ko1"));
        assertThat(f.crank(() -> s.takeMaybeFree())).containsExactly("ko1");
        assertThat(f.crank(() -> s.takeMaybeFree())).isEmpty();
        // a mark survives a later increment (the collector re-checks) and goes with a deletion
        crank(() -> s.pins().pin("ko1"));
        crank(() -> s.pins().unpin("ko1"));
        crank(() -> s.pins().pin("ko1"));
        assertThat(s.maybeFree().list()).containsExactly("ko1");
        crank(() -> {
            s.pins().unpin("ko1");
            s.objects().delete("ko1");
        });
        assertThat(s.maybeFree().list()).isEmpty();
    }

    @Test
    void overDecrementsAndUnknownRefsThrowAndWriteNothing() {
        crank(() -> {
            s.objects().create("v1");
            s.objects().create("v1");
            s.promises().create(null);
        });
        // plant a run-queue item whose slot's counts were lost (as a buggy kernel might)
        f.crank(() -> {
            s.runQueue().push(new RunQueueItem.Send("ko1", message(null, "ko2")));
            f.store.kv().set("ko2.c", "0,0");
        });
        List<String> before = f.keysExceptCounters();
        f.aborted(() -> {
            assertThatThrownBy(() -> s.runQueue().poll()).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("kernel object ko2 would have reachable -1, recognizable -1 (had reachable 0,"
                            + " recognizable 0");
            assertThat(f.keysExceptCounters()).isEqualTo(before);
            assertThat(counts("ko1")).isEqualTo(new RefCounts(1, 1));
            assertThatThrownBy(() -> s.runQueue().push(new RunQueueItem.Send("ko1", message("kp7"))))
                    .isInstanceOf(IllegalStateException.class).hasMessage("unknown kernel promise kp7");
            assertThatThrownBy(() -> s.promises().enqueueMessage("kp1", message(null, "ko1", "ko9")))
                    .isInstanceOf(IllegalStateException.class).hasMessage("unknown kernel object ko9");
            assertThatThrownBy(() -> s.promises().resolve("kp1", false, new CapData("#0", List.of("ko1", "ko9"))))
                    .isInstanceOf(IllegalStateException.class).hasMessage("unknown kernel object ko9");
            assertThatThrownBy(() -> s.clist("v2").addImport("ko9")).isInstanceOf(IllegalStateException.class);
            assertThat(f.keysExceptCounters()).isEqualTo(before);
            assertThat(s.promises().state("kp1")).isEqualTo(PromiseState.UNRESOLVED);
            assertThat(s.clist("v2").addImport("ko1")).isEqualTo("o-1"); // no import number used up
        });
    }
}
