package io.jocap.kernel.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KernelObjectsTest {
    @Test
    void createAllocatesSequentialKrefsWithOwnerAndZeroCounts() {
        try (StoreFixture f = new StoreFixture()) {
            KernelObjects objects = f.state.objects();
            f.crank(() -> {
                assertThat(objects.create("kernel")).isEqualTo("ko1");
                assertThat(objects.create("v1")).isEqualTo("ko2");
                assertThat(objects.create("r3")).isEqualTo("ko3");
            });
            assertThat(objects.owner("ko1")).isEqualTo("kernel");
            assertThat(objects.owner("ko2")).isEqualTo("v1");
            assertThat(objects.owner("ko3")).isEqualTo("r3");
            assertThat(objects.counts("ko2")).isEqualTo(RefCounts.ZERO);
            assertThat(objects.isRevoked("ko2")).isFalse();
            assertThat(objects.exists("ko3")).isTrue();
            assertThat(objects.exists("ko4")).isFalse();
        }
    }

    @Test
    void ownerCanChangeAndBeClearedLeavingAnOrphan() {
        try (StoreFixture f = new StoreFixture()) {
            KernelObjects objects = f.state.objects();
            String ko = f.crank(() -> objects.create("v1"));
            f.crank(() -> objects.setOwner(ko, "v2"));
            assertThat(objects.owner(ko)).isEqualTo("v2");
            f.crank(() -> objects.clearOwner(ko));
            assertThat(objects.owner(ko)).isNull();
            assertThat(objects.exists(ko)).isTrue();
        }
    }

    @Test
    void unknownObjectsAndBadArgumentsAreRejected() {
        try (StoreFixture f = new StoreFixture()) {
            KernelObjects objects = f.state.objects();
            assertThatThrownBy(() -> objects.owner("ko9"))
                    .isInstanceOf(IllegalStateException.class).hasMessage("unknown kernel object ko9");
            assertThatThrownBy(() -> objects.counts("ko9")).hasMessage("unknown kernel object ko9");
            assertThatThrownBy(() -> objects.isRevoked("ko9")).hasMessage("unknown kernel object ko9");
            assertThatThrownBy(() -> objects.owner("kp1"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a kernel object reference");
            f.aborted(() -> {
                assertThatThrownBy(() -> objects.create("v0"))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an endpoint id");
                assertThatThrownBy(() -> objects.create(null)).isInstanceOf(IllegalArgumentException.class);
                assertThatThrownBy(() -> objects.delete("ko9")).hasMessage("unknown kernel object ko9");
                assertThatThrownBy(() -> objects.setOwner("ko9", "v1")).hasMessage("unknown kernel object ko9");
            });
        }
    }

    @Test
    void countsAdjustWithinTheInvariant() {
        try (StoreFixture f = new StoreFixture()) {
            KernelObjects objects = f.state.objects();
            String ko = f.crank(() -> objects.create("v1"));
            f.crank(() -> {
                assertThat(objects.adjustCounts(ko, 0, 2)).isEqualTo(new RefCounts(0, 2));
                assertThat(objects.adjustCounts(ko, 2, 0)).isEqualTo(new RefCounts(2, 2));
                assertThat(objects.adjustCounts(ko, -1, 0)).isEqualTo(new RefCounts(1, 2));
                objects.setCounts(ko, new RefCounts(3, 5));
            });
            assertThat(objects.counts(ko)).isEqualTo(new RefCounts(3, 5));
            assertThat(f.store.kv().get(ko + ".c")).isEqualTo("3,5");
        }
    }

    @Test
    void invariantViolationsThrowNamingTheObjectAndCountsAndWriteNothing() {
        try (StoreFixture f = new StoreFixture()) {
            KernelObjects objects = f.state.objects();
            String ko = f.crank(() -> objects.create("v1"));
            f.crank(() -> objects.setCounts(ko, new RefCounts(1, 1)));
            f.crank(() -> {
                assertThatThrownBy(() -> objects.adjustCounts(ko, 1, 0))
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessage("kernel object ko1 would have reachable 2, recognizable 1 (had reachable 1,"
                                + " recognizable 1, change +1 reachable, +0 recognizable): counts must satisfy"
                                + " 0 <= reachable <= recognizable (a kernel bug)");
                assertThatThrownBy(() -> objects.adjustCounts(ko, -2, 0))
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("reachable -1, recognizable 1");
                assertThatThrownBy(() -> objects.adjustCounts(ko, 0, -1))
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("reachable 1, recognizable 0");
                assertThatThrownBy(() -> objects.setCounts(ko, new RefCounts(-1, -1)))
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("kernel object ko1 would have reachable -1, recognizable -1");
            });
            assertThat(objects.counts(ko)).isEqualTo(new RefCounts(1, 1));
        }
    }

    @Test
    void corruptCountsAreReported() {
        try (StoreFixture f = new StoreFixture()) {
            KernelObjects objects = f.state.objects();
            String ko = f.crank(() -> objects.create("v1"));
            f.crank(() -> f.store.kv().set(ko + ".c", "3"));
            assertThatThrownBy(() -> objects.counts(ko))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("corrupt counts of kernel object ko1: \"3\"");
            f.crank(() -> f.store.kv().set(ko + ".c", "4,3"));
            assertThatThrownBy(() -> objects.counts(ko))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("kernel object ko1 has reachable 4, recognizable 3");
        }
    }

    @Test
    void revokeIsPermanentAndIdempotent() {
        try (StoreFixture f = new StoreFixture()) {
            KernelObjects objects = f.state.objects();
            String ko = f.crank(() -> objects.create("v1"));
            assertThat(f.crank(() -> objects.revoke(ko))).isTrue();
            assertThat(f.crank(() -> objects.revoke(ko))).isFalse();
            assertThat(objects.isRevoked(ko)).isTrue();
        }
    }

    @Test
    void deleteRemovesEveryKey() {
        try (StoreFixture f = new StoreFixture()) {
            KernelObjects objects = f.state.objects();
            String ko = f.crank(() -> objects.create("v1"));
            f.crank(() -> {
                objects.revoke(ko);
                objects.adjustCounts(ko, 1, 1);
            });
            f.crank(() -> objects.delete(ko));
            assertThat(objects.exists(ko)).isFalse();
            assertThat(f.store.kv().prefix("ko")).isEmpty();
            // ids are never reused
            assertThat(f.crank(() -> objects.create("v1"))).isEqualTo("ko2");
        }
    }
}
