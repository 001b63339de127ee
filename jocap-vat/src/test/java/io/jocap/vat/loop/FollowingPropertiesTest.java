package io.jocap.vat.loop;

import static org.assertj.core.api.Assertions.assertThat;

import io.jocap.testkit.Gen;
import io.jocap.testkit.PropertyCheck;
import io.jocap.vat.VatPromise;
import io.jocap.vat.VatResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Follow chains and cycles linked in random orders and spread over random turns: however they
 * are built, a chain settles as its end does, and a ring (with tails hanging off it) is rejected
 * as a cycle, each promise's reactions running exactly once.
 */
class FollowingPropertiesTest {
    private final LoopFixture vat = new LoopFixture("props");

    @AfterEach
    void stop() throws InterruptedException {
        vat.closeExpectingNoUncaught();
    }

    /** One step of building: link {@code from} to follow {@code to}, or (to == -1) fulfill {@code from}. */
    record Step(int from, int to, boolean startsNewTurn) {
        @Override
        public String toString() {
            return (startsNewTurn ? "| " : "") + from + (to < 0 ? "=value" : "->" + to);
        }
    }

    record Case(int promises, List<Step> steps) {}

    /** A chain 0 -> 1 -> ... -> n-1 = value, its steps in random order. */
    private static final Gen<Case> CHAINS = (random, size) -> {
        int n = 1 + random.nextInt(size + 1);
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i + 1 < n; i++) {
            steps.add(new Step(i, i + 1, false));
        }
        steps.add(new Step(n - 1, -1, false));
        return new Case(n, shuffledIntoTurns(steps, random));
    };

    /** A ring 0 -> 1 -> ... -> k-1 -> 0 plus tails whose promises follow ring or tail members. */
    private static final Gen<Case> RINGS = (random, size) -> {
        int ring = 1 + random.nextInt(size + 1);
        int tails = random.nextInt(size + 1);
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < ring; i++) {
            steps.add(new Step(i, (i + 1) % ring, false));
        }
        for (int t = 0; t < tails; t++) {
            int from = ring + t;
            steps.add(new Step(from, random.nextInt(from), false)); // only earlier promises: no second cycle
        }
        return new Case(ring + tails, shuffledIntoTurns(steps, random));
    };

    private static List<Step> shuffledIntoTurns(List<Step> steps, RandomGenerator random) {
        List<Step> shuffled = new ArrayList<>(steps);
        for (int i = shuffled.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            Step s = shuffled.get(i);
            shuffled.set(i, shuffled.get(j));
            shuffled.set(j, s);
        }
        List<Step> out = new ArrayList<>();
        for (Step s : shuffled) {
            out.add(new Step(s.from(), s.to(), random.nextInt(4) == 0));
        }
        return out;
    }

    @Test
    void aChainBuiltInAnyOrderSettlesAsItsEndDoes() {
        PropertyCheck.forAll("follow chains", 200, CHAINS, c -> {
            Built built = build(c);
            for (int i = 0; i < c.promises(); i++) {
                VatPromise<Object> p = built.resolvers.get(i).promise();
                assertThat(p.isFulfilled()).as("promise %d", i).isTrue();
                assertThat(p.value()).isEqualTo("value");
            }
            assertThat(built.reactions).containsExactlyInAnyOrderElementsOf(expected(c, "fulfilled value"));
        });
    }

    @Test
    void aRingBuiltInAnyOrderIsRejectedAsACycleWithEveryPromiseHangingOffIt() {
        PropertyCheck.forAll("follow rings", 200, RINGS, c -> {
            Built built = build(c);
            for (int i = 0; i < c.promises(); i++) {
                VatPromise<Object> p = built.resolvers.get(i).promise();
                assertThat(p.isRejected()).as("promise %d", i).isTrue();
                assertThat(p.reason()).hasMessage(LoopPromise.CYCLE_MESSAGE);
            }
            assertThat(built.reactions).containsExactlyInAnyOrderElementsOf(expected(c, "rejected " + LoopPromise.CYCLE_MESSAGE));
        });
    }

    /** Each promise's one reaction, run once. */
    private static List<String> expected(Case c, String outcome) {
        return java.util.stream.IntStream.range(0, c.promises()).mapToObj(i -> i + " " + outcome).toList();
    }

    private record Built(List<VatResolver<Object>> resolvers, List<String> reactions) {}

    /** Makes the promises (each with one whenSettled reaction) and runs the steps, turn by turn. */
    private Built build(Case c) {
        List<VatResolver<Object>> resolvers = new ArrayList<>();
        List<String> reactions = new CopyOnWriteArrayList<>();
        try {
            vat.run(() -> {
                for (int i = 0; i < c.promises(); i++) {
                    int index = i;
                    VatResolver<Object> r = LoopPromise.kit();
                    r.promise().whenSettled((v, e) ->
                            reactions.add(index + (e == null ? " fulfilled " + v : " rejected " + e.getMessage())));
                    resolvers.add(r);
                }
            });
            List<List<Step>> turns = new ArrayList<>();
            for (Step s : c.steps()) {
                if (turns.isEmpty() || s.startsNewTurn()) {
                    turns.add(new ArrayList<>());
                }
                turns.getLast().add(s);
            }
            for (List<Step> turn : turns) {
                vat.run(() -> {
                    for (Step s : turn) {
                        resolvers.get(s.from()).resolve(s.to() < 0 ? "value" : resolvers.get(s.to()).promise());
                    }
                });
            }
            vat.run(() -> {}); // a turn boundary after everything, so the reactions have all run
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return new Built(resolvers, reactions);
    }
}
