package io.jocap.kernel.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jocap.marshal.CapData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunQueueTest {
    /** Items name refs from a small pool (ko1..ko5, kp1..kp4) that {@link #pool} creates: holders are counted. */
    static RunQueueItem send(int i) {
        return new RunQueueItem.Send(Kref.object(i % 4 + 1), new KernelMessage(
                new CapData("#[\"m" + i + "\",[\"$0\"]]", List.of(Kref.object(i % 4 + 2))), Kref.promise(i % 4 + 1)));
    }

    static StoreFixture pool() {
        StoreFixture f = new StoreFixture();
        f.refs("v9", 5, 4);
        return f;
    }

    @Test
    void emptyQueue() {
        try (StoreFixture f = pool()) {
            RunQueue queue = f.state.runQueue();
            assertThat(queue.isEmpty()).isTrue();
            assertThat(queue.size()).isZero();
            assertThat(queue.peek()).isNull();
            assertThat(f.crank(queue::poll)).isNull();
        }
    }

    @Test
    void isFifoAcrossManyItemsAndCranks() {
        try (StoreFixture f = pool()) {
            RunQueue queue = f.state.runQueue();
            List<RunQueueItem> expected = new ArrayList<>();
            List<RunQueueItem> got = new ArrayList<>();
            // interleave pushes and polls so positions pass 9, 99 and 999 (key digit counts change)
            for (int round = 0; round < 30; round++) {
                int base = round * 100;
                f.crank(() -> {
                    for (int i = 1; i <= 100; i++) {
                        RunQueueItem item = i % 5 == 0 ? new RunQueueItem.Notify("v" + i, Kref.promise(i % 4 + 1)) : send(base + i);
                        queue.push(item);
                        expected.add(item);
                    }
                    for (int i = 0; i < 60; i++) {
                        assertThat(queue.peek()).isEqualTo(queue.peek());
                        got.add(queue.poll());
                    }
                });
                assertThat(queue.size()).isEqualTo(expected.size() - got.size());
            }
            f.crank(() -> {
                while (!queue.isEmpty()) {
                    got.add(queue.poll());
                }
            });
            assertThat(got).isEqualTo(expected);
            assertThat(f.store.kv().prefix("rq")).isEmpty(); // an empty queue leaves no keys
        }
    }

    @Test
    void keyOrderIsFifoOrder() {
        try (StoreFixture f = pool()) {
            RunQueue queue = f.state.runQueue();
            f.crank(() -> {
                for (int i = 1; i <= 1200; i++) {
                    queue.push(new RunQueueItem.Notify("v" + i, "kp1"));
                }
            });
            List<String> values = new ArrayList<>();
            for (Map.Entry<String, String> e : f.store.kv().prefix("rq.")) {
                values.add(e.getValue());
            }
            assertThat(values).hasSize(1200);
            for (int i = 0; i < 1200; i++) {
                assertThat(values.get(i)).isEqualTo("N v" + (i + 1) + " kp1");
            }
            assertThat(f.store.kv().get("rq")).isEqualTo("1 1201");
            assertThat(f.store.kv().get("rq.a9")).isEqualTo("N v9 kp1");
            assertThat(f.store.kv().get("rq.b10")).isEqualTo("N v10 kp1");
            assertThat(f.store.kv().get("rq.d1200")).isEqualTo("N v1200 kp1");
        }
    }

    @Test
    void positionsRestartWhenTheQueueEmpties() {
        try (StoreFixture f = pool()) {
            RunQueue queue = f.state.runQueue();
            f.crank(() -> {
                queue.push(send(1));
                queue.push(send(2));
                queue.poll();
            });
            assertThat(f.store.kv().get("rq")).isEqualTo("2 3");
            f.crank(queue::poll);
            assertThat(f.store.kv().has("rq")).isFalse();
            f.crank(() -> queue.push(send(3)));
            assertThat(f.store.kv().get("rq")).isEqualTo("1 2");
            assertThat(f.store.kv().has("rq.a1")).isTrue();
        }
    }

    @Test
    void aCorruptItemIsReportedWithItsKeyAndStaysInPlace() {
        try (StoreFixture f = pool()) {
            RunQueue queue = f.state.runQueue();
            f.crank(() -> {
                queue.push(send(1));
                queue.push(send(2));
            });
            f.crank(() -> f.store.kv().set("rq.a1", "S ko1 - 3 #0"));
            f.aborted(() -> assertThatThrownBy(queue::poll)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("corrupt queue entry rq.a1: corrupt run-queue item (")
                    .hasMessageContaining("S ko1 - 3 #0"));
            assertThat(queue.size()).isEqualTo(2);
            f.crank(() -> f.store.kv().set("rq", "3 2"));
            assertThatThrownBy(queue::size).isInstanceOf(IllegalStateException.class)
                    .hasMessage("corrupt queue record rq: \"3 2\"; expected \"<head> <tail>\" with 1 <= head < tail");
            f.crank(() -> f.store.kv().set("rq", "1 5"));
            f.crank(() -> f.store.kv().set("rq.a1", QueueCodec.encode(send(1))));
            f.crank(() -> {
                queue.poll();
                queue.poll();
                assertThatThrownBy(queue::poll).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("item rq.a3 is missing");
            });
        }
    }

    @Test
    void pushingOutsideACrankFails() {
        try (StoreFixture f = pool()) {
            assertThatThrownBy(() -> f.state.runQueue().push(send(1))).isInstanceOf(IllegalStateException.class);
        }
    }
}
