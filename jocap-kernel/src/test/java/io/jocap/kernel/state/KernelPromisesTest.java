package io.jocap.kernel.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jocap.marshal.CapData;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KernelPromisesTest {
    static final CapData ANSWER = new CapData("#42", List.of());
    static final CapData WITH_SLOT = new CapData("#\"$0.Alleged: purse\"", List.of("ko7"));

    static KernelMessage message(String method, String result, String... slots) {
        return new KernelMessage(new CapData("#[\"" + method + "\",[]]", List.of(slots)), result);
    }

    @Test
    void createGivesUnresolvedPromisesWithOptionalDecider() {
        try (StoreFixture f = new StoreFixture()) {
            KernelPromises promises = f.state.promises();
            f.crank(() -> {
                assertThat(promises.create(null)).isEqualTo("kp1");
                assertThat(promises.create("v2")).isEqualTo("kp2");
            });
            assertThat(promises.state("kp1")).isEqualTo(PromiseState.UNRESOLVED);
            assertThat(promises.decider("kp1")).isNull();
            assertThat(promises.decider("kp2")).isEqualTo("v2");
            assertThat(promises.subscribers("kp2")).isEmpty();
            assertThat(promises.refCount("kp2")).isZero();
            assertThat(promises.value("kp2")).isNull();
            assertThat(promises.queuedMessageCount("kp2")).isZero();
            assertThat(promises.promisesDecidedBy("v2")).containsExactly("kp2");
        }
    }

    @Test
    void unknownPromisesAndBadArgumentsAreRejected() {
        try (StoreFixture f = new StoreFixture()) {
            KernelPromises promises = f.state.promises();
            assertThatThrownBy(() -> promises.state("kp5")).isInstanceOf(IllegalStateException.class)
                    .hasMessage("unknown kernel promise kp5");
            assertThatThrownBy(() -> promises.decider("kp5")).hasMessage("unknown kernel promise kp5");
            assertThatThrownBy(() -> promises.subscribers("kp5")).hasMessage("unknown kernel promise kp5");
            assertThatThrownBy(() -> promises.refCount("kp5")).hasMessage("unknown kernel promise kp5");
            assertThatThrownBy(() -> promises.value("kp5")).hasMessage("unknown kernel promise kp5");
            assertThatThrownBy(() -> promises.drainMessages("kp5")).hasMessage("unknown kernel promise kp5");
            assertThatThrownBy(() -> promises.state("ko5")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not a kernel promise reference: \"ko5\"");
            assertThatThrownBy(() -> promises.promisesDecidedBy("x")).isInstanceOf(IllegalArgumentException.class);
            f.aborted(() -> assertThatThrownBy(() -> promises.create("vat1"))
                    .isInstanceOf(IllegalArgumentException.class));
        }
    }

    @Test
    void deciderIndexFollowsSetClearAndResolve() {
        try (StoreFixture f = new StoreFixture()) {
            KernelPromises promises = f.state.promises();
            f.crank(() -> {
                for (int i = 0; i < 12; i++) {
                    promises.create(i % 2 == 0 ? "v1" : "r1");
                }
            });
            // numeric, not string, order: kp11 after kp9
            assertThat(promises.promisesDecidedBy("v1")).containsExactly("kp1", "kp3", "kp5", "kp7", "kp9", "kp11");
            assertThat(promises.promisesDecidedBy("r1")).containsExactly("kp2", "kp4", "kp6", "kp8", "kp10", "kp12");
            // v1 must not see v10's promises, nor r1 those of r10
            f.crank(() -> {
                promises.setDecider("kp1", "v10");
                promises.setDecider("kp2", "kernel");
                promises.clearDecider("kp3");
                promises.setDecider("kp5", "v1"); // unchanged
                promises.resolve("kp7", false, ANSWER);
                promises.resolve("kp4", true, ANSWER);
            });
            assertThat(promises.promisesDecidedBy("v1")).containsExactly("kp5", "kp9", "kp11");
            assertThat(promises.promisesDecidedBy("v10")).containsExactly("kp1");
            assertThat(promises.promisesDecidedBy("kernel")).containsExactly("kp2");
            assertThat(promises.promisesDecidedBy("r1")).containsExactly("kp6", "kp8", "kp10", "kp12");
            assertThat(promises.promisesDecidedBy("v2")).isEmpty();
            assertThat(promises.decider("kp3")).isNull();
            assertThat(promises.decider("kp7")).isNull();
            f.crank(() -> promises.delete("kp9"));
            assertThat(promises.promisesDecidedBy("v1")).containsExactly("kp5", "kp11");
            assertThat(f.store.kv().prefix("dx.")).extracting(Map.Entry::getKey).containsExactly(
                    "dx.kernel.kp2", "dx.r1.kp10", "dx.r1.kp12", "dx.r1.kp6", "dx.r1.kp8",
                    "dx.v1.kp11", "dx.v1.kp5", "dx.v10.kp1");
        }
    }

    @Test
    void subscribersKeepOrderAndAddingTwiceChangesNothing() {
        try (StoreFixture f = new StoreFixture()) {
            KernelPromises promises = f.state.promises();
            String kp = f.crank(() -> promises.create("v1"));
            f.crank(() -> {
                assertThat(promises.addSubscriber(kp, "v3")).isTrue();
                assertThat(promises.addSubscriber(kp, "r1")).isTrue();
                assertThat(promises.addSubscriber(kp, "v3")).isFalse();
                assertThat(promises.addSubscriber(kp, "kernel")).isTrue();
            });
            assertThat(promises.subscribers(kp)).containsExactly("v3", "r1", "kernel");
        }
    }

    @Test
    void resolveRecordsStateAndValueAndReturnsAndForgetsSubscribers() {
        try (StoreFixture f = new StoreFixture()) {
            f.refs("v1", 7, 0); // WITH_SLOT names ko7
            KernelPromises promises = f.state.promises();
            String fulfilled = f.crank(() -> promises.create("v1"));
            String rejected = f.crank(() -> promises.create(null));
            f.crank(() -> {
                promises.addSubscriber(fulfilled, "v2");
                promises.addSubscriber(fulfilled, "v3");
            });
            List<String> notified = f.crank(() -> promises.resolve(fulfilled, false, WITH_SLOT));
            assertThat(notified).containsExactly("v2", "v3");
            assertThat(f.crank(() -> promises.resolve(rejected, true, ANSWER))).isEmpty();

            assertThat(promises.state(fulfilled)).isEqualTo(PromiseState.FULFILLED);
            assertThat(promises.state(fulfilled).isSettled()).isTrue();
            assertThat(promises.value(fulfilled)).isEqualTo(WITH_SLOT);
            assertThat(promises.subscribers(fulfilled)).isEmpty();
            assertThat(promises.decider(fulfilled)).isNull();
            assertThat(promises.state(rejected)).isEqualTo(PromiseState.REJECTED);
            assertThat(promises.value(rejected)).isEqualTo(ANSWER);
            assertThat(f.store.kv().get(fulfilled + ".v")).isEqualTo(WITH_SLOT.toJson());
        }
    }

    @Test
    void settledPromisesRefuseSecondResolutionDecidersSubscribersAndMessages() {
        try (StoreFixture f = new StoreFixture()) {
            KernelPromises promises = f.state.promises();
            String kp = f.crank(() -> promises.create("v1"));
            f.crank(() -> promises.resolve(kp, true, ANSWER));
            f.aborted(() -> {
                assertThatThrownBy(() -> promises.resolve(kp, false, ANSWER))
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessage("cannot resolve kernel promise kp1: it is already rejected");
                assertThatThrownBy(() -> promises.setDecider(kp, "v2"))
                        .hasMessage("cannot set the decider of kernel promise kp1: it is already rejected");
                assertThatThrownBy(() -> promises.clearDecider(kp)).isInstanceOf(IllegalStateException.class);
                assertThatThrownBy(() -> promises.addSubscriber(kp, "v2"))
                        .hasMessage("cannot subscribe to kernel promise kp1: it is already rejected");
                assertThatThrownBy(() -> promises.enqueueMessage(kp, message("foo", null)))
                        .hasMessage("cannot queue a message on kernel promise kp1: it is already rejected");
            });
        }
    }

    @Test
    void refCountAdjustsAndRefusesUnderflow() {
        try (StoreFixture f = new StoreFixture()) {
            KernelPromises promises = f.state.promises();
            String kp = f.crank(() -> promises.create(null));
            f.crank(() -> {
                assertThat(promises.adjustRefCount(kp, 2)).isEqualTo(2);
                assertThat(promises.adjustRefCount(kp, -1)).isEqualTo(1);
            });
            assertThat(promises.refCount(kp)).isEqualTo(1);
            f.crank(() -> assertThatThrownBy(() -> promises.adjustRefCount(kp, -2))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("kernel promise kp1 reference count would become -1 (was 1, change -2):"
                            + " counts cannot go below zero (a kernel bug)"));
            assertThat(promises.refCount(kp)).isEqualTo(1);
            f.crank(() -> promises.adjustRefCount(kp, -1));
            assertThat(promises.refCount(kp)).isZero();
            assertThat(f.store.kv().has(kp + ".c")).isFalse(); // zero is stored as absence
        }
    }

    @Test
    void messagesQueueInOrderAndDrainSurvivesResolution() {
        try (StoreFixture f = new StoreFixture()) {
            f.refs("v1", 7, 0); // the messages name ko1 and ko2, WITH_SLOT names ko7
            KernelPromises promises = f.state.promises();
            String kp = f.crank(() -> promises.create("v1"));
            String result = f.crank(() -> promises.create(null));
            List<KernelMessage> sent = List.of(
                    message("a", null), message("b", result, "ko1", "kp1"), message("c", null, "ko2"));
            f.crank(() -> sent.forEach(m -> promises.enqueueMessage(kp, m)));
            assertThat(promises.queuedMessageCount(kp)).isEqualTo(3);
            f.crank(() -> promises.resolve(kp, false, WITH_SLOT));
            assertThat(promises.queuedMessageCount(kp)).isEqualTo(3);
            assertThat(f.crank(() -> promises.drainMessages(kp))).isEqualTo(sent);
            assertThat(promises.queuedMessageCount(kp)).isZero();
            assertThat(f.crank(() -> promises.drainMessages(kp))).isEmpty();
            assertThat(f.store.kv().prefix(kp + ".q")).isEmpty();
        }
    }

    @Test
    void deleteRemovesEveryKeyIncludingQueueAndIndex() {
        try (StoreFixture f = new StoreFixture()) {
            KernelPromises promises = f.state.promises();
            String kp = f.crank(() -> promises.create("v1"));
            f.crank(() -> {
                promises.addSubscriber(kp, "v2");
                promises.adjustRefCount(kp, 3);
                promises.enqueueMessage(kp, message("a", null));
                promises.enqueueMessage(kp, message("b", null));
            });
            f.crank(() -> promises.delete(kp));
            assertThat(promises.exists(kp)).isFalse();
            assertThat(f.keysExceptCounters()).isEmpty();
        }
    }

    @Test
    void corruptStoredValuesAreReportedWithTheirKey() {
        try (StoreFixture f = new StoreFixture()) {
            KernelPromises promises = f.state.promises();
            String kp = f.crank(() -> promises.create("v1"));
            f.crank(() -> promises.enqueueMessage(kp, message("a", null)));
            f.crank(() -> f.store.kv().set(kp + ".q.a1", "garbage"));
            assertThatThrownBy(() -> f.crank(() -> promises.drainMessages(kp)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("corrupt queue entry kp1.q.a1")
                    .hasMessageContaining("\"garbage\"");
            assertThat(promises.queuedMessageCount(kp)).isEqualTo(1); // left in place
            f.crank(() -> f.store.kv().set(kp + ".s", "z"));
            assertThatThrownBy(() -> promises.state(kp)).hasMessageContaining("corrupt state of kernel promise kp1");
            f.crank(() -> f.store.kv().set(kp + ".s", "f"));
            f.crank(() -> f.store.kv().set(kp + ".v", "{}"));
            assertThatThrownBy(() -> promises.value(kp)).hasMessageContaining("corrupt value of kernel promise kp1");
            f.crank(() -> promises.delete(kp)); // a corrupt value is not released, nor does it stop the delete
            // A settled promise's decider and queue went when it settled, so delete does not look
            // for them: these were left by the state set to "f" behind the kernel's back.
            assertThat(f.keysExceptCounters()).containsExactlyInAnyOrder("dx.v1.kp1", "kp1.d", "kp1.q", "kp1.q.a1");

            String unresolved = f.crank(() -> promises.create("v1"));
            f.crank(() -> promises.enqueueMessage(unresolved, message("a", null)));
            f.crank(() -> f.store.kv().set(unresolved + ".q.a1", "garbage"));
            f.crank(() -> promises.delete(unresolved)); // deleting never decodes the queue
            assertThat(f.keysExceptCounters()).noneMatch(key -> key.contains(unresolved));
        }
    }
}
