package io.jocap.kernel.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CListTest {
    @Test
    void mapsBothWaysWithAReachableFlag() {
        try (StoreFixture f = new StoreFixture()) {
            f.refs("v1", 1, 2);
            CList clist = f.state.clist("v1");
            f.crank(() -> {
                clist.add("o+0", "ko1", true);
                clist.add("p+3", "kp2", false);
            });
            assertThat(clist.krefFor("o+0")).isEqualTo("ko1");
            assertThat(clist.erefFor("ko1")).isEqualTo("o+0");
            assertThat(clist.krefFor("p+3")).isEqualTo("kp2");
            assertThat(clist.entry("kp2")).isEqualTo(new CListEntry("p+3", "kp2", false));
            assertThat(clist.isReachable("ko1")).isTrue();
            assertThat(clist.contains("ko1")).isTrue();
            assertThat(clist.krefFor("o+1")).isNull();
            assertThat(clist.erefFor("ko9")).isNull();
            assertThat(clist.entry("ko9")).isNull();
            assertThat(f.store.kv().get("v1.c.o+0")).isEqualTo("ko1");
            assertThat(f.store.kv().get("v1.c.ko1")).isEqualTo("R o+0");
            assertThat(f.store.kv().get("v1.c.kp2")).isEqualTo("_ p+3");
        }
    }

    @Test
    void setReachableReturnsThePreviousFlag() {
        try (StoreFixture f = new StoreFixture()) {
            f.refs("v2", 4, 0);
            CList clist = f.state.clist("v1");
            f.crank(() -> clist.add("o-1", "ko4", true));
            f.crank(() -> {
                assertThat(clist.setReachable("ko4", false)).isTrue();
                assertThat(clist.setReachable("ko4", false)).isFalse();
            });
            assertThat(clist.isReachable("ko4")).isFalse();
            assertThat(clist.erefFor("ko4")).isEqualTo("o-1");
            f.crank(() -> assertThat(clist.setReachable("ko4", true)).isFalse());
            assertThat(clist.isReachable("ko4")).isTrue();
            f.aborted(() -> assertThatThrownBy(() -> clist.setReachable("ko5", true))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("c-list of v1 does not map ko5"));
            assertThatThrownBy(() -> clist.isReachable("ko5")).hasMessage("c-list of v1 does not map ko5");
        }
    }

    @Test
    void mappingsStayOneToOneAndKindsMustAgree() {
        try (StoreFixture f = new StoreFixture()) {
            f.refs("v1", 2, 0);
            CList clist = f.state.clist("v1");
            f.crank(() -> clist.add("o+1", "ko1", true));
            f.aborted(() -> {
                assertThatThrownBy(() -> clist.add("o+1", "ko2", true))
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessage("c-list of v1 already maps o+1 to ko1; cannot map it to ko2");
                assertThatThrownBy(() -> clist.add("o+2", "ko1", true))
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessage("c-list of v1 already maps ko1 to o+1; cannot map it to o+2");
                assertThatThrownBy(() -> clist.add("p+2", "ko2", true))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("one is an object and the other a promise");
                assertThatThrownBy(() -> clist.add("ro+2", "ko2", true))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("not a reference of v1: \"ro+2\"");
                assertThatThrownBy(() -> clist.add("o+2", "ko02", true))
                        .isInstanceOf(IllegalArgumentException.class);
                assertThatThrownBy(() -> clist.addImport("ko1")).isInstanceOf(IllegalStateException.class);
            });
            assertThatThrownBy(() -> f.state.clist("kernel")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not a vat or remote id");
        }
    }

    @Test
    void removeDeletesBothDirections() {
        try (StoreFixture f = new StoreFixture()) {
            f.refs("v1", 2, 0);
            CList clist = f.state.clist("v1");
            f.crank(() -> {
                clist.add("o+1", "ko1", true);
                clist.add("o-1", "ko2", false);
            });
            assertThat(f.crank(() -> clist.remove("ko2"))).isEqualTo(new CListEntry("o-1", "ko2", false));
            assertThat(f.crank(() -> clist.remove("ko2"))).isNull();
            assertThat(clist.krefFor("o-1")).isNull();
            assertThat(clist.erefFor("ko2")).isNull();
            assertThat(clist.erefFor("ko1")).isEqualTo("o+1");
        }
    }

    @Test
    void importsAreAllocatedPerEndpointAndKind() {
        try (StoreFixture f = new StoreFixture()) {
            f.refs("v3", 7, 1);
            CList v1 = f.state.clist("v1");
            CList v2 = f.state.clist("v2");
            CList r1 = f.state.clist("r1");
            f.crank(() -> {
                assertThat(v1.addImport("ko5")).isEqualTo("o-1");
                assertThat(v1.addImport("ko6")).isEqualTo("o-2");
                assertThat(v1.addImport("kp1")).isEqualTo("p-1");
                assertThat(v2.addImport("ko5")).isEqualTo("o-1");
                assertThat(r1.addImport("ko5")).isEqualTo("ro-1");
                assertThat(r1.addImport("kp1")).isEqualTo("rp-1");
                assertThat(v1.newImportEref(RefKind.OBJECT)).isEqualTo("o-3");
                assertThat(r1.newImportEref(RefKind.PROMISE)).isEqualTo("rp-2");
            });
            assertThat(v1.entry("ko6")).isEqualTo(new CListEntry("o-2", "ko6", true));
            assertThat(r1.krefFor("rp-1")).isEqualTo("kp1");
            assertThat(f.store.kv().get("v1.i.o")).isEqualTo("4");
            // removal never makes a number available again
            f.crank(() -> v1.remove("ko6"));
            assertThat(f.crank(() -> v1.addImport("ko7"))).isEqualTo("o-4");
        }
    }

    @Test
    void entriesListOnlyThisEndpointAndCanBeRemovedWhileIterating() {
        try (StoreFixture f = new StoreFixture()) {
            f.refs("v1", 12, 3);
            CList v1 = f.state.clist("v1");
            CList v10 = f.state.clist("v10");
            f.crank(() -> {
                v1.add("o+0", "ko1", true);
                v1.addImport("ko12");
                v1.add("p+1", "kp3", true);
                v10.add("o+0", "ko2", true);
            });
            assertThat(v1.entries()).containsExactly(
                    new CListEntry("o+0", "ko1", true),
                    new CListEntry("o-1", "ko12", true),
                    new CListEntry("p+1", "kp3", true));
            assertThat(v1.isEmpty()).isFalse();
            f.aborted(() -> assertThatThrownBy(v1::deleteCounters).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("c-list of v1 still has entries"));
            f.crank(() -> {
                for (CListEntry e : v1.entries()) {
                    v1.remove(e.kref());
                }
                v1.deleteCounters();
            });
            assertThat(v1.isEmpty()).isTrue();
            assertThat(v1.entries()).isEmpty();
            assertThat(v10.entries()).containsExactly(new CListEntry("o+0", "ko2", true));
            assertThat(f.keysExceptCounters()).filteredOn(k -> k.startsWith("v"))
                    .containsExactly("v10.c.ko2", "v10.c.o+0");
        }
    }
}
