package io.jocap.kernel.config;

import java.util.ArrayList;
import java.util.List;

/** The problems found so far in one config, in the order found (which is the text's order). */
final class Problems {
    private final List<String> lines = new ArrayList<>();

    void add(ConfigPath at, String what) {
        lines.add(at + ": " + what);
    }

    /** How many problems so far; a reader compares counts to learn whether its part was clean. */
    int count() {
        return lines.size();
    }

    /** @throws ConfigException listing every problem, if there is one */
    void throwIfAny() {
        if (!lines.isEmpty()) {
            throw new ConfigException(lines);
        }
    }
}
