package io.jocap.kernel.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jocap.marshal.CapData;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The audit finds each kind of corruption planted by writing raw keys, and is clean on a state
 * built through the API with every kind of holder.
 */
class RefAuditTest {
    static final KernelMessage MESSAGE = new KernelMessage(new CapData("#[\"m\",[]]", List.of("ko2")), "kp3");

    /**
     * A clean state with every kind of holder: exports, imports (reachable or not), promise
     * entries, run-queue sends and notifies, a queued message, a settled value and pins.
     */
    static StoreFixture populated() {
        StoreFixture f = new StoreFixture();
        KernelState s = f.state;
        f.crank(() -> {
            s.objects().create("v1"); // ko1
            s.objects().create("v2"); // ko2
            s.objects().create("kernel"); // ko3
            s.promises().create("v1"); // kp1
            s.promises().create("v2"); // kp2
            s.promises().create(null); // kp3
            s.clist("v1").add("o+1", "ko1", true);
            s.clist("v2").addImport("ko1");
            s.clist("r1").addImport("ko1");
            s.clist("r1").setReachable("ko1", false);
            s.clist("v2").add("o+5", "ko2", true);
            s.clist("v1").add("p+1", "kp1", true);
            s.clist("v2").addImport("kp1");
            s.runQueue().push(new RunQueueItem.Send("ko1", MESSAGE));
            s.runQueue().push(new RunQueueItem.Notify("v1", "kp2"));
            s.promises().enqueueMessage("kp1", MESSAGE);
            s.promises().resolve("kp2", true, new CapData("#\"$0\"", List.of("ko3")));
            s.pins().pin("ko3");
        });
        return f;
    }

    static List<String> problemsAfter(Consumer<StoreFixture> corruption) {
        try (StoreFixture f = populated()) {
            f.state.audit().assertClean();
            f.crank(() -> corruption.accept(f));
            return f.state.audit().run().problems();
        }
    }

    @Test
    void aStateBuiltThroughTheApiIsClean() {
        try (StoreFixture f = populated()) {
            AuditReport report = f.state.audit().run();
            assertThat(report.isClean()).as(report.toString()).isTrue();
            assertThat(report.toString()).isEqualTo("reference audit: clean");
            assertThat(f.state.objects().counts("ko1")).isEqualTo(new RefCounts(2, 3));
        }
    }

    @Test
    void aWrongObjectCountIsReportedWithItsHolders() {
        assertThat(problemsAfter(f -> f.store.kv().set("ko1.c", "3,3"))).containsExactly(
                "ko1: stored 3,3 but holders give 2,3 (importers: v2 (R), r1; run queue: 1; promise queues: none;"
                        + " values: none; pins: 0)");
        assertThat(problemsAfter(f -> f.store.kv().set("ko3.c", "1,1"))).containsExactly(
                "ko3: stored 1,1 but holders give 2,2 (importers: none; run queue: 0; promise queues: none;"
                        + " values: kp2; pins: 1)");
        assertThat(problemsAfter(f -> f.store.kv().set("ko2.c", "x"))).singleElement().asString()
                .startsWith("ko2: corrupt counts of kernel object ko2");
    }

    @Test
    void aWrongPromiseCountIsReportedWithItsHolders() {
        assertThat(problemsAfter(f -> f.store.kv().delete("kp3.c"))).containsExactly(
                "kp3: stored 0 but holders give 2 (c-lists: none; run queue: 1; promise queues: kp1; values: none;"
                        + " pins: 0)");
        assertThat(problemsAfter(f -> f.state.promises().adjustRefCount("kp1", 1))).containsExactly(
                "kp1: stored 3 but holders give 2 (c-lists: v1, v2; run queue: 0; promise queues: none;"
                        + " values: none; pins: 0)");
    }

    @Test
    void aOneWayCListEntryIsReported() {
        assertThat(problemsAfter(f -> f.store.kv().delete("v2.c.o-1"))).containsExactly(
                "v2: c-list maps ko1 to o-1 but not back (v2.c.o-1 is null)");
        assertThat(problemsAfter(f -> f.store.kv().delete("v2.c.kp1"))).contains(
                "v2: c-list maps p-1 to \"kp1\" but not back (v2.c.kp1 is null)");
        assertThat(problemsAfter(f -> f.store.kv().set("v1.c.o+1", "ko2"))).contains(
                "v1: c-list maps ko1 to o+1 but not back (v1.c.o+1 is \"ko2\")");
    }

    @Test
    void deciderIndexDriftIsReported() {
        assertThat(problemsAfter(f -> f.store.kv().set("dx.v3.kp1", ""))).containsExactly(
                "kp1: decider index entry dx.v3.kp1 but its decider is v1");
        assertThat(problemsAfter(f -> f.store.kv().delete("dx.v1.kp1"))).containsExactly(
                "kp1: decider v1 but no decider index entry dx.v1.kp1");
        assertThat(problemsAfter(f -> f.store.kv().set("dx.v1.kp9", ""))).containsExactly(
                "kp9: decider index entry dx.v1.kp9 for a promise that does not exist");
    }

    @Test
    void promiseShapeViolationsAreReported() {
        assertThat(problemsAfter(f -> f.store.kv().set("kp1.v", new CapData("#1", List.of()).toJson())))
                .containsExactly("kp1: unresolved but has a value");
        assertThat(problemsAfter(f -> {
            f.store.kv().set("kp2.d", "v1");
            f.store.kv().set("dx.v1.kp2", "");
            f.store.kv().set("kp2.b", "v3");
        })).containsExactly("kp2: rejected but still has decider v1", "kp2: rejected but still has subscribers v3");
        // resolving without draining, and committing: the kernel forgot the queued messages
        assertThat(problemsAfter(f -> f.state.promises().resolve("kp1", false, new CapData("#1", List.of()))))
                .containsExactly("kp1: fulfilled but still has queued messages (they must be drained in the crank"
                        + " that settles it)");
    }

    @Test
    void danglingReferencesAreReported() {
        assertThat(problemsAfter(f -> f.store.kv().delete("ko2.c"))).contains(
                "ko2: has records but no counts (ko2.c), so it does not exist",
                "ko2: named by run-queue item rq.a1 but does not exist",
                "ko2: named by queued message kp1.q.a1 but does not exist");
        assertThat(problemsAfter(f -> f.store.kv().set("pin.kp7", "1"))).containsExactly(
                "kp7: named by pin pin.kp7 but does not exist");
        assertThat(problemsAfter(f -> f.store.kv().set("v3.c.ko9", "R o-1"))).contains(
                "ko9: in the c-list of v3 but does not exist");
    }

    @Test
    void corruptQueuesAreReportedNotThrown() {
        // the item's own counts can no longer be accounted for, which is reported too
        List<String> problems = problemsAfter(f -> f.store.kv().set("rq.a2", "N v1"));
        assertThat(problems).hasSize(2);
        assertThat(problems.get(0)).startsWith("corrupt run-queue item rq.a2:");
        assertThat(problems.get(1)).startsWith("kp2: stored 1 but holders give 0");
        assertThat(problemsAfter(f -> f.store.kv().set("rq", "1 5"))).containsExactly(
                "queue rq: record \"1 5\" covers 4 items but 2 are stored");
    }

    @Test
    void assertCleanThrowsWithTheReport() {
        try (StoreFixture f = populated()) {
            f.crank(() -> f.store.kv().set("ko1.c", "0,0"));
            assertThatThrownBy(() -> f.state.audit().assertClean()).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("reference audit: 1 problem\n  ko1: stored 0,0 but holders give 2,3");
        }
    }

    @Test
    void cleanThroughATeardownOfEverything() {
        try (StoreFixture f = populated()) {
            KernelState s = f.state;
            f.crank(() -> {
                while (s.runQueue().poll() != null) {
                    // releasing as it goes
                }
                s.promises().drainMessages("kp1");
                s.promises().delete("kp2");
                s.pins().unpin("ko3");
                for (String e : List.of("v1", "v2", "r1")) {
                    for (CListEntry entry : s.clist(e).entries()) {
                        s.clist(e).remove(entry.kref());
                    }
                }
            });
            s.audit().assertClean();
            for (String ko : List.of("ko1", "ko2", "ko3")) {
                assertThat(s.objects().counts(ko)).as(ko).isEqualTo(RefCounts.ZERO);
            }
            for (String kp : List.of("kp1", "kp3")) {
                assertThat(s.promises().refCount(kp)).as(kp).isZero();
            }
            assertThat(f.crank(() -> s.takeMaybeFree())).containsExactly("ko1", "ko2", "ko3", "kp1", "kp3");
        }
    }
}
