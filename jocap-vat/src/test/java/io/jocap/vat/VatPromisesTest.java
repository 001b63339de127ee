package io.jocap.vat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jocap.vat.loop.LoopFixture;
import io.jocap.vat.loop.LoopPromise;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class VatPromisesTest {
    private final LoopFixture vat = new LoopFixture("v");
    private final List<String> log = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        vat.closeExpectingNoUncaught();
    }

    @Test
    void everyMethodNeedsAVatTurn() {
        String message = "promises can only be made on a vat's event loop"
                + " (inside a vat method, reaction, timer or I/O completion)";
        assertThatThrownBy(VatPromises::kit).isInstanceOf(VatException.class).hasMessage(message);
        assertThatThrownBy(() -> VatPromises.resolved(1)).isInstanceOf(VatException.class).hasMessage(message);
        assertThatThrownBy(() -> VatPromises.rejected(new RuntimeException())).isInstanceOf(VatException.class);
        assertThatThrownBy(() -> VatPromises.all(List.of())).isInstanceOf(VatException.class);
    }

    @Test
    void kitMakesAPendingPromiseOfTheCurrentVat() throws Exception {
        VatResolver<String> r = vat.turn(VatPromises::kit);
        assertThat(r.promise().isSettled()).isFalse();
        assertThat(((LoopPromise<String>) r.promise()).loop()).isSameAs(vat.loop);
    }

    @Test
    void resolvedIsFulfilledOrFollowsAPromise() throws Exception {
        AtomicReference<VatResolver<String>> leader = new AtomicReference<>();
        List<VatPromise<String>> ps = vat.turn(() -> {
            leader.set(VatPromises.kit());
            return List.of(VatPromises.resolved("plain"), VatPromises.resolved(null),
                    VatPromises.resolved(leader.get().promise()));
        });
        assertThat(ps.get(0).value()).isEqualTo("plain");
        assertThat(ps.get(1).isFulfilled()).isTrue();
        assertThat(ps.get(1).value()).isNull();
        assertThat(ps.get(2).isSettled()).isFalse();

        vat.run(() -> leader.get().resolve("led"));
        assertThat(ps.get(2).value()).isEqualTo("led");
    }

    @Test
    void rejectedIsRejectedWithTheReason() throws Exception {
        RuntimeException boom = new RuntimeException("boom");
        VatPromise<String> p = vat.turn(() -> {
            VatPromise<String> rejected = VatPromises.rejected(boom);
            rejected.onRejected(e -> log.add("rejected " + e.getMessage()));
            return rejected;
        });
        assertThat(p.reason()).isSameAs(boom);
        assertThat(log).containsExactly("rejected boom");
        assertThatThrownBy(() -> vat.run(() -> VatPromises.rejected(null))).isInstanceOf(NullPointerException.class);
    }

    @Test
    void allOfNothingIsAnEmptyList() throws Exception {
        VatPromise<List<Object>> p = vat.turn(() -> VatPromises.all(List.of()));
        assertThat(p.value()).isEmpty();
    }

    @Test
    void allKeepsTheOrderOfThePromisesNotOfTheirSettling() throws Exception {
        List<VatResolver<Integer>> rs = new ArrayList<>();
        VatPromise<List<Integer>> all = vat.turn(() -> {
            for (int i = 0; i < 4; i++) {
                rs.add(VatPromises.kit());
            }
            return VatPromises.all(rs.stream().map(VatResolver::promise).toList());
        });
        vat.run(() -> {
            rs.get(2).resolve(2);
            rs.get(0).resolve(null);
        });
        assertThat(all.isSettled()).isFalse();
        vat.run(() -> {
            rs.get(3).resolve(VatPromises.resolved(3));
            rs.get(1).resolve(1);
        });
        assertThat(all.value()).isEqualTo(Arrays.asList(null, 1, 2, 3));
        assertThatThrownBy(() -> all.value().add(4)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void allIsRejectedWithTheFirstRejection() throws Exception {
        RuntimeException first = new RuntimeException("first");
        RuntimeException second = new RuntimeException("second");
        List<VatResolver<String>> rs = new ArrayList<>();
        VatPromise<List<String>> all = vat.turn(() -> {
            for (int i = 0; i < 3; i++) {
                rs.add(VatPromises.kit());
            }
            VatPromise<List<String>> p = VatPromises.all(rs.stream().map(VatResolver::promise).toList());
            p.onRejected(e -> log.add("all rejected " + e.getMessage()));
            return p;
        });
        vat.run(() -> {
            rs.get(0).resolve("fine");
            rs.get(2).reject(first);
        });
        vat.run(() -> {
            rs.get(1).reject(second);
            rs.get(2).resolve("too late");
        });
        assertThat(all.reason()).isSameAs(first);
        assertThat(log).containsExactly("all rejected first");
    }

    @Test
    void allRefusesNullPromises() throws Exception {
        List<VatPromise<String>> withNull = Arrays.asList((VatPromise<String>) null);
        assertThatThrownBy(() -> vat.run(() -> VatPromises.all(withNull))).isInstanceOf(NullPointerException.class);
    }
}
