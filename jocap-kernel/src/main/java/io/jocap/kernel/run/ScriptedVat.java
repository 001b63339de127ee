package io.jocap.kernel.run;

import io.jocap.protocol.Delivery;
import io.jocap.protocol.DeliveryResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A vat driven by a script, for tests and demos: it records every delivery it receives, in order,
 * and answers each by running its {@link Script}, which makes whatever syscalls it likes.
 */
public final class ScriptedVat implements VatEndpoint {
    /** How a {@link ScriptedVat} answers a delivery. */
    @FunctionalInterface
    public interface Script {
        /** Handles {@code delivery}, making syscalls on {@code syscalls}, and answers. */
        DeliveryResult handle(Delivery delivery, SyscallPort syscalls);
    }

    private final Script script;
    private final List<Delivery> deliveries = new ArrayList<>();

    /** A vat answering every delivery with {@code script}. */
    public ScriptedVat(Script script) {
        this.script = Objects.requireNonNull(script, "script");
    }

    /** A vat that makes no syscalls and answers every delivery {@link DeliveryResult#OK}. */
    public static ScriptedVat quiet() {
        return new ScriptedVat((delivery, syscalls) -> DeliveryResult.OK);
    }

    @Override
    public DeliveryResult deliver(Delivery delivery, SyscallPort syscalls) {
        deliveries.add(delivery);
        return script.handle(delivery, syscalls);
    }

    /** Every delivery received so far, oldest first (including those whose crank rolled back). */
    public List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    /** The most recent delivery. */
    public Delivery lastDelivery() {
        if (deliveries.isEmpty()) {
            throw new IllegalStateException("no delivery yet");
        }
        return deliveries.getLast();
    }
}
