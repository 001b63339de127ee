package io.jocap.kernel.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IdCountersTest {
    @Test
    void eachCounterStartsAtOneAndCountsOnIndependently() {
        try (StoreFixture f = new StoreFixture()) {
            IdCounters ids = f.state.ids();
            f.crank(() -> {
                assertThat(ids.nextVatId()).isEqualTo("v1");
                assertThat(ids.nextVatId()).isEqualTo("v2");
                assertThat(ids.nextRemoteId()).isEqualTo("r1");
                assertThat(ids.nextSubclusterId()).isEqualTo("s1");
                assertThat(ids.nextObjectId()).isEqualTo("ko1");
                assertThat(ids.nextPromiseId()).isEqualTo("kp1");
                assertThat(ids.nextVatId()).isEqualTo("v3");
                assertThat(ids.nextSubclusterId()).isEqualTo("s2");
            });
            assertThat(f.store.kv().get("id.v")).isEqualTo("4");
        }
    }

    @Test
    void takingAnIdOutsideACrankFails() {
        try (StoreFixture f = new StoreFixture()) {
            assertThatThrownBy(() -> f.state.ids().nextVatId()).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void aCorruptCounterIsReportedWithItsKey() {
        try (StoreFixture f = new StoreFixture()) {
            f.crank(() -> f.store.kv().set("id.r", "x"));
            f.aborted(() -> assertThatThrownBy(() -> f.state.ids().nextRemoteId())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("corrupt counter id.r"));
        }
    }
}
