package io.jocap.kernel.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The guard's moves, and what a watchdog may and may not abandon. */
class TurnGuardTest {
    private final TurnGuard guard = new TurnGuard();

    @Test
    void onlyATurnInAVatsCodeThatHasNotMovedSinceItWasObservedCanBeAbandoned() {
        assertThat(guard.abandon(guard.observe())).as("in the kernel's code").isFalse();
        guard.enterVat("v1", Duration.ofSeconds(5));
        long inVat = guard.observe();
        assertThat(TurnGuard.inVat(inVat)).isTrue();
        assertThat(guard.vat()).isEqualTo("v1");
        assertThat(guard.deadline()).isEqualTo(Duration.ofSeconds(5));

        guard.enterSyscall();
        long inSyscall = guard.observe();
        assertThat(TurnGuard.inVat(inSyscall)).isFalse();
        assertThat(guard.abandon(inSyscall)).as("in a syscall").isFalse();
        assertThat(guard.abandon(inVat)).as("moved since").isFalse();
        guard.exitSyscall();
        assertThat(guard.observe()).as("back in the vat's code, but one syscall later").isNotEqualTo(inVat);
        assertThat(guard.abandon(inVat)).as("a stale observation").isFalse();
        guard.exitVat();

        guard.enterVat("v2", Duration.ofMillis(1));
        long again = guard.observe();
        assertThat(guard.abandon(again)).isTrue();
        assertThat(guard.abandon(again)).as("once").isFalse();
    }

    @Test
    void anAbandonedThreadCanNeitherMakeASyscallNorGoOnAfterTheVatsCode() {
        guard.enterVat("v1", Duration.ofMillis(1));
        assertThat(guard.abandon(guard.observe())).isTrue();
        assertThatThrownBy(guard::enterSyscall).isInstanceOf(TurnAbandoned.class).hasMessageContaining("vat v1");
        assertThatThrownBy(guard::exitVat).isInstanceOf(TurnAbandoned.class);
        assertThatThrownBy(() -> guard.enterVat("v2", Duration.ofSeconds(1))).isInstanceOf(TurnAbandoned.class);
        assertThat(TurnGuard.inVat(guard.observe())).as("abandoned for good").isFalse();
    }

    @Test
    void movesOutOfOrderAreKernelBugs() {
        assertThatThrownBy(guard::exitVat).isInstanceOf(IllegalStateException.class)
                .hasMessage("turn guard moved from the kernel's code, expected a vat's code");
        assertThatThrownBy(guard::enterSyscall).isInstanceOf(IllegalStateException.class);
        guard.enterVat("v1", Duration.ofSeconds(1));
        assertThatThrownBy(() -> guard.enterVat("v1", Duration.ofSeconds(1))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void rethrowIfAbandonedLetsOnlyTurnAbandonedThrough() {
        TurnGuard.rethrowIfAbandoned(new IllegalStateException("a kernel bug")); // returns
        TurnAbandoned abandoned = new TurnAbandoned("v1");
        assertThatThrownBy(() -> TurnGuard.rethrowIfAbandoned(abandoned)).isSameAs(abandoned);
    }
}
