package io.jocap.vat.powers;

import java.time.Instant;

/** {@link VatClock} reading the JVM's clocks. */
final class SystemClock implements VatClock {
    private final PowerGate gate;

    SystemClock(PowerGate gate) {
        this.gate = gate;
    }

    @Override
    public Instant now() {
        gate.checkOpen();
        return Instant.now();
    }

    @Override
    public long monotonicNanos() {
        gate.checkOpen();
        return System.nanoTime();
    }
}
