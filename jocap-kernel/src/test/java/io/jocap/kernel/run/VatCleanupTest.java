package io.jocap.kernel.run;

import static io.jocap.kernel.testing.Vats.call;
import static org.assertj.core.api.Assertions.assertThat;

import io.jocap.kernel.errors.KernelErrorCode;
import io.jocap.kernel.errors.KernelErrors;
import io.jocap.kernel.state.PromiseState;
import io.jocap.kernel.state.RefCounts;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A terminated vat's c-list is removed by budgeted cleanup cranks, before the run queue. */
class VatCleanupTest {
    private static final int EXPORTS = 530;
    private static final int BUDGET = 100;

    @Test
    void aLargeVatIsCleanedUpABudgetedPartPerCrankBeforeTheRunQueue() {
        try (EmbeddedKernel k = EmbeddedKernel.create()) { // audits after every crank
            k.runner().cleanupBudget(BUDGET);
            k.register("v1", ScriptedVat.quiet());
            k.register("v2", ScriptedVat.quiet());
            List<String> exports = new ArrayList<>();
            for (int i = 1; i <= EXPORTS; i++) {
                String ko = k.export("v1", "o+" + i);
                k.crank(() -> k.state().clist("v2").addImport(ko));
                exports.add(ko);
            }
            String v2Root = k.export("v2", "o+0");
            k.crank(() -> k.state().clist("v1").addImport(v2Root));
            int entries = EXPORTS + 1;
            String kp = k.queueSend(exports.getFirst(), call("hello"));

            assertThat(k.runner().terminateVat("v1", KernelErrorCode.VAT_TERMINATED)).isTrue();
            assertThat(k.state().terminatedVats().list()).containsExactly("v1");
            assertThat(k.store().vatstore("v1").prefix("").iterator().hasNext()).isFalse();

            List<CrankOutcome> outcomes = new ArrayList<>();
            for (CrankOutcome outcome = k.step(); !(outcome instanceof CrankOutcome.Idle); outcome = k.step()) {
                outcomes.add(outcome);
            }
            int removed = 0;
            int cranks = 0;
            for (CrankOutcome outcome : outcomes) {
                if (outcome instanceof CrankOutcome.CleanedUp cleaned) {
                    cranks++;
                    removed += cleaned.entriesRemoved();
                    assertThat(cleaned.vat()).isEqualTo("v1");
                    assertThat(cleaned.entriesRemoved()).isBetween(1, BUDGET);
                    assertThat(cleaned.finished()).isEqualTo(removed == entries);
                }
            }
            // The run queue is not held up by the cleanup: its message went second, and splatted
            // because the owner of its target is gone.
            assertThat(outcomes.get(0)).isInstanceOf(CrankOutcome.CleanedUp.class);
            assertThat(outcomes.get(1)).isInstanceOf(CrankOutcome.Splatted.class);
            assertThat(KernelErrors.codeOf(k.promiseValue(kp))).contains(KernelErrorCode.OBJECT_DELETED);
            assertThat(removed).isEqualTo(entries);
            assertThat(cranks).isEqualTo((entries + BUDGET - 1) / BUDGET);
            assertThat(k.state().clist("v1").isEmpty()).isTrue();
            assertThat(k.state().terminatedVats().isEmpty()).isTrue();
            // v1's import is released (the pin is all that holds v2's root); v2 still imports the
            // now ownerless exports
            assertThat(k.state().objects().counts(v2Root)).isEqualTo(new RefCounts(1, 1));
            assertThat(k.state().objects().owner(exports.get(7))).isNull();
        }
    }

    @Test
    void cleanupAndTheRunQueueTakeTurns() {
        try (EmbeddedKernel k = EmbeddedKernel.create()) {
            k.runner().cleanupBudget(1);
            k.register("v1", ScriptedVat.quiet());
            List<String> exports = List.of(k.export("v1", "o+0"), k.export("v1", "o+1"), k.export("v1", "o+2"));
            k.crank(() -> k.state().pins().pin(exports.getFirst())); // as a launcher pins the root
            assertThat(k.runner().terminateVat("v1", KernelErrorCode.VAT_TERMINATED)).isTrue();
            assertThat(k.state().pins().pinCount(exports.getFirst())).as("the root's pin is dropped").isZero();
            List<String> kps = new ArrayList<>();
            for (String ko : exports) {
                kps.add(k.queueSend(ko, call("hello")));
            }
            List<Class<?>> kinds = new ArrayList<>();
            for (CrankOutcome outcome = k.step(); !(outcome instanceof CrankOutcome.Idle); outcome = k.step()) {
                kinds.add(outcome.getClass());
            }
            assertThat(kinds).containsExactly(CrankOutcome.CleanedUp.class, CrankOutcome.Splatted.class,
                    CrankOutcome.CleanedUp.class, CrankOutcome.Splatted.class,
                    CrankOutcome.CleanedUp.class, CrankOutcome.Splatted.class);
            // Each message splatted OBJECT_DELETED, whether its target's entry was removed yet or not.
            for (String kp : kps) {
                assertThat(KernelErrors.codeOf(k.promiseValue(kp))).contains(KernelErrorCode.OBJECT_DELETED);
            }
        }
    }

    @Test
    void discardingAVatThatNeverRanRemovesWhatItLeft() {
        try (EmbeddedKernel k = EmbeddedKernel.create()) {
            k.register("v2", ScriptedVat.quiet());
            String v2Root = k.export("v2", "o+0");
            k.crank(() -> {
                k.state().clist("v7").addImport(v2Root);
                k.store().vatstore("v7").set("left", "over");
            });
            assertThat(k.runner().discardVat("v7")).isTrue();
            assertThat(k.runner().discardVat("v7")).isFalse();
            k.runUntilIdle(10);
            assertThat(k.state().clist("v7").isEmpty()).isTrue();
            assertThat(k.store().vatstore("v7").get("left")).isNull();
            assertThat(k.state().objects().counts(v2Root)).isEqualTo(new RefCounts(1, 1)); // its pin
        }
    }
}
