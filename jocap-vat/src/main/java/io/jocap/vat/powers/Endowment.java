package io.jocap.vat.powers;

import java.util.Optional;

/** One kind of power a vat may be granted, by the name the cluster config uses for it. */
public enum Endowment {
    /** {@link VatLogger}; every vat has it, naming it in the config is allowed and changes nothing. */
    LOGGER("logger"),
    /** {@link Timers}. */
    TIMERS("timers"),
    /** {@link VatClock}. */
    CLOCK("clock"),
    /** A {@link java.util.random.RandomGenerator}. */
    RANDOM("random"),
    /** {@link HttpEndowment}; needs {@code network.allowedHosts}. */
    HTTP("http");

    private final String configName;

    Endowment(String configName) {
        this.configName = configName;
    }

    /** The name used in a vat's {@code "endowments"} list. */
    public String configName() {
        return configName;
    }

    /** The endowment called {@code name} in the config (exact, case-sensitive), if any. */
    public static Optional<Endowment> byConfigName(String name) {
        for (Endowment e : values()) {
            if (e.configName.equals(name)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
