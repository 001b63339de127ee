package io.jocap.testkit;

import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Runs a property over many random cases and, when one fails, says how to run exactly that case
 * again.
 *
 * <p>Each run draws a fresh base seed unless the system property {@code jocap.seed} fixes it; every
 * try derives its own generator from the base seed and the try number, so a failure report names
 * the base seed and try, and {@code -Djocap.seed=<seed>} replays the same cases. Under
 * {@code -Psoak} (system property {@code jocap.soak=true}) every property runs
 * {@link #SOAK_FACTOR} times as many tries.
 *
 * <p>There is no shrinking; instead the {@code size} handed to generators ramps up from 1, so
 * the first failing case found is usually a small one.
 */
public final class PropertyCheck {
    /** The largest {@code size} handed to generators. */
    public static final int MAX_SIZE = 64;
    /** How many times more tries a soak run makes. */
    public static final int SOAK_FACTOR = 20;

    private PropertyCheck() {}

    /** Checks {@code property} on {@code tries} cases from {@code gen}. */
    public static <T> void forAll(String name, int tries, Gen<T> gen, Consumer<? super T> property) {
        Objects.requireNonNull(name);
        Objects.requireNonNull(gen);
        Objects.requireNonNull(property);
        if (tries <= 0) {
            throw new IllegalArgumentException("tries must be positive: " + tries);
        }
        long baseSeed = baseSeed();
        int total = Boolean.getBoolean("jocap.soak") ? tries * SOAK_FACTOR : tries;
        for (int i = 0; i < total; i++) {
            SplittableRandom random = new SplittableRandom(baseSeed ^ (0x9E3779B97F4A7C15L * (i + 1)));
            int size = 1 + (int) ((long) i * (MAX_SIZE - 1) / Math.max(1, total - 1));
            T value = gen.next(random, size);
            try {
                property.accept(value);
            } catch (Throwable failure) {
                throw new AssertionError("property '" + name + "' failed on try " + (i + 1) + " of " + total
                        + " (size " + size + "); replay with -Djocap.seed=" + baseSeed + "\n  case: "
                        + abbreviate(String.valueOf(value)) + "\n  failure: " + failure, failure);
            }
        }
    }

    private static long baseSeed() {
        String fixed = System.getProperty("jocap.seed");
        if (fixed != null && !fixed.isBlank()) {
            try {
                return Long.parseLong(fixed.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("jocap.seed must be a whole number, got: " + fixed, e);
            }
        }
        return new SplittableRandom().nextLong();
    }

    private static String abbreviate(String s) {
        return s.length() <= 2000 ? s : s.substring(0, 2000) + "… (" + s.length() + " chars)";
    }
}
