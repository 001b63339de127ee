package io.jocap.vat.powers;

import java.security.SecureRandom;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * A vat's {@link RandomGenerator}: a {@link SplittableRandom} of its own, seeded from
 * {@link SecureRandom} when the vat's powers are made (fast, not cryptographically strong, and not
 * shared with other vats, so no vat can observe another's draws). Not thread-safe, which is fine:
 * only the vat's loop uses it.
 *
 * <p>Every value derives from {@link #nextLong()} (the interface's default methods build the other
 * kinds on it), so the stopped check there covers them all.
 */
final class GuardedRandom implements RandomGenerator {
    private final PowerGate gate;
    private final SplittableRandom source = new SplittableRandom(new SecureRandom().nextLong());

    GuardedRandom(PowerGate gate) {
        this.gate = gate;
    }

    @Override
    public long nextLong() {
        gate.checkOpen();
        return source.nextLong();
    }
}
