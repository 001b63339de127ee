package io.jocap.testkit;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * A generator of random test cases. {@code size} grows over the tries of a property check (from 1
 * to {@link PropertyCheck#MAX_SIZE}), so the first cases are small and a failure is usually found
 * on a small input first; generators of collections and strings should scale with it.
 *
 * @param <T> the type of the generated cases
 */
@FunctionalInterface
public interface Gen<T> {
    /** Characters that are special in JSON or smallcaps, or that JSON.stringify leaves raw. */
    String TRICKY = "\"\\/!#$%&'()*+,-.\u007f\u2028\u2029\ufeff";

    T next(RandomGenerator random, int size);

    /** This generator's values, then {@code f} applied; {@code f} may use the same random source. */
    default <R> Gen<R> flatMap(Function<? super T, ? extends Gen<? extends R>> f) {
        Objects.requireNonNull(f);
        return (random, size) -> f.apply(next(random, size)).next(random, size);
    }

    default <R> Gen<R> map(Function<? super T, ? extends R> f) {
        Objects.requireNonNull(f);
        return (random, size) -> f.apply(next(random, size));
    }

    /** Integers in {@code [min, max]}, inclusive. */
    static Gen<Integer> ints(int min, int max) {
        if (min > max) {
            throw new IllegalArgumentException("min " + min + " > max " + max);
        }
        return (random, size) -> (int) random.nextLong(min, (long) max + 1);
    }

    /** One of the given values, uniformly. */
    @SafeVarargs
    static <T> Gen<T> oneOf(T... values) {
        List<T> copy = List.of(values);
        return (random, size) -> copy.get(random.nextInt(copy.size()));
    }

    /** One of the given generators, uniformly. */
    @SafeVarargs
    static <T> Gen<T> anyOf(Gen<? extends T>... gens) {
        List<Gen<? extends T>> copy = List.of(gens);
        return (random, size) -> copy.get(random.nextInt(copy.size())).next(random, size);
    }

    /** Always {@code value}. */
    static <T> Gen<T> constant(T value) {
        return (random, size) -> value;
    }

    /** Any long, uniformly over all 2^64 values. */
    static Gen<Long> longs() {
        return (random, size) -> random.nextLong();
    }

    /** Big integers uniformly in {@code [min, max]}, inclusive. */
    static Gen<BigInteger> bigIntegers(BigInteger min, BigInteger max) {
        BigInteger span = max.subtract(min).add(BigInteger.ONE);
        if (span.signum() <= 0) {
            throw new IllegalArgumentException("min " + min + " > max " + max);
        }
        return (random, size) -> {
            BigInteger r;
            do {
                byte[] bytes = new byte[span.bitLength() / 8 + 1];
                random.nextBytes(bytes);
                r = new BigInteger(1, bytes).mod(span.shiftLeft(1)); // near-uniform, then reject
            } while (r.compareTo(span) >= 0);
            return min.add(r);
        };
    }

    /** {@code null} with probability {@code p}, otherwise a value of this generator. */
    default Gen<T> orNull(double p) {
        return (random, size) -> random.nextDouble() < p ? null : next(random, size);
    }

    /** A generator with a relative weight, for {@link #frequency}. */
    record Weighted<T>(int weight, Gen<? extends T> gen) {
        public Weighted {
            if (weight <= 0) {
                throw new IllegalArgumentException("weight must be positive: " + weight);
            }
            Objects.requireNonNull(gen);
        }
    }

    static <T> Weighted<T> weight(int weight, Gen<? extends T> gen) {
        return new Weighted<>(weight, gen);
    }

    /** One of the generators, chosen with probability proportional to its weight. */
    @SafeVarargs
    static <T> Gen<T> frequency(Weighted<? extends T>... choices) {
        List<Weighted<? extends T>> copy = List.of(choices);
        int total = copy.stream().mapToInt(Weighted::weight).sum();
        return (random, size) -> {
            int pick = random.nextInt(total);
            for (Weighted<? extends T> w : copy) {
                pick -= w.weight();
                if (pick < 0) {
                    return w.gen().next(random, size);
                }
            }
            throw new AssertionError("unreachable");
        };
    }

    /** Strings of 0 to {@code min(size, maxLength)} characters taken from {@code alphabet}. */
    static Gen<String> stringsOf(String alphabet, int maxLength) {
        if (alphabet.isEmpty()) {
            throw new IllegalArgumentException("empty alphabet");
        }
        return (random, size) -> {
            int n = random.nextInt(Math.min(size, maxLength) + 1);
            StringBuilder sb = new StringBuilder(n);
            for (int i = 0; i < n; i++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            return sb.toString();
        };
    }

    /** Strings of 0 to {@code min(size, maxLength)} UTF-16 code units in {@code [from, to]}. */
    static Gen<String> stringsInRange(char from, char to, int maxLength) {
        return (random, size) -> {
            int n = random.nextInt(Math.min(size, maxLength) + 1);
            char[] chars = new char[n];
            for (int i = 0; i < n; i++) {
                chars[i] = (char) random.nextInt(from, to + 1);
            }
            return new String(chars);
        };
    }

    /** Insertion-ordered maps of 0 to {@code min(size, maxEntries)} entries (duplicate keys collapse). */
    static <K, V> Gen<Map<K, V>> mapsOf(Gen<? extends K> keys, Gen<? extends V> values, int maxEntries) {
        return (random, size) -> {
            int n = random.nextInt(Math.min(size, maxEntries) + 1);
            Map<K, V> out = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                out.put(keys.next(random, size), values.next(random, size));
            }
            return out;
        };
    }

    /** Lists of 0 to {@code min(size, maxLength)} elements. */
    static <T> Gen<List<T>> listOf(Gen<? extends T> element, int maxLength) {
        return (random, size) -> {
            int n = random.nextInt(Math.min(size, maxLength) + 1);
            List<T> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(element.next(random, size));
            }
            return out;
        };
    }

    /**
     * Strings of 0 to {@code min(size, maxLength)} UTF-16 code units, mixing ASCII, the characters
     * that need escaping in JSON, non-ASCII letters, well-formed surrogate pairs and lone surrogates.
     */
    static Gen<String> utf16Strings(int maxLength) {
        return (random, size) -> {
            int n = random.nextInt(Math.min(size, maxLength) + 1);
            StringBuilder sb = new StringBuilder(n);
            while (sb.length() < n) {
                switch (random.nextInt(8)) {
                    case 0, 1, 2 -> sb.append((char) random.nextInt(0x20, 0x7F));
                    case 3 -> sb.append((char) random.nextInt(0, 0x20));
                    case 4 -> sb.append(TRICKY.charAt(random.nextInt(TRICKY.length())));
                    case 5 -> sb.append((char) random.nextInt(0xA0, 0xD800));
                    case 6 -> sb.appendCodePoint(random.nextInt(0x10000, 0x110000));
                    default -> sb.append((char) random.nextInt(0xD800, 0xE000)); // a lone surrogate
                }
            }
            return sb.length() > n ? sb.substring(0, n) : sb.toString();
        };
    }
}
