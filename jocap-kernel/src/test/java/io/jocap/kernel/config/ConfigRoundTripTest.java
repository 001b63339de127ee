package io.jocap.kernel.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.jocap.marshal.Json;
import io.jocap.testkit.Gen;
import io.jocap.testkit.PropertyCheck;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** {@code toJson()} writes what the parser reads back equal: how the kernel keeps configs in its store. */
class ConfigRoundTripTest {
    static final Path BASE = Path.of("/configs/demo").toAbsolutePath();

    @Test
    void theExampleIsWrittenCanonically() {
        ClusterConfig config = ClusterConfigParser.parse(ClusterConfigParserTest.EXAMPLE, BASE);

        assertThat(config.toJson()).isEqualTo("{\"bootstrap\":\"alice\",\"services\":[\"kernelFacet\"],\"vats\":{"
                + "\"alice\":{\"source\":\"vats/Alice.java\",\"parameters\":{\"greeting\":\"hi\"}},"
                + "\"bob\":{\"jar\":\"lib/bob.jar\",\"class\":\"com.example.BobVat\",\"endowments\":[\"timers\",\"clock\"]},"
                + "\"carol\":{\"directory\":\"build/classes\",\"class\":\"com.example.CarolVat\",\"endowments\":[\"http\"],"
                + "\"network\":{\"allowedHosts\":[\"api.example.com\"]}}}}");
        assertThat(ClusterConfigParser.parse(config.toJson(), BASE)).isEqualTo(config);
    }

    @Test
    void defaultsAreLeftOutAndNonDefaultsKept() {
        String json = "{\"vats\":{\"v\":{\"worker\":\"process\",\"globals\":[\"clock\"],\"network\":{},\"parameters\":{},"
                + "\"class\":\"V\",\"source\":\"./V.java\"}}}";

        ClusterConfig config = ClusterConfigParser.parse(json, BASE);

        assertThat(config.toJson()).isEqualTo(
                "{\"vats\":{\"v\":{\"source\":\"./V.java\",\"class\":\"V\",\"endowments\":[\"clock\"],\"worker\":\"process\"}}}");
        assertThat(config.vats().get("v").toJson()).isEqualTo(
                "{\"source\":\"./V.java\",\"class\":\"V\",\"endowments\":[\"clock\"],\"worker\":\"process\"}");
    }

    @Test
    void aDifferentBaseDirectoryGivesTheSameWrittenButOtherResolvedPaths() {
        ClusterConfig config = ClusterConfigParser.parse(ClusterConfigParserTest.EXAMPLE, BASE);
        Path elsewhere = Path.of("/elsewhere").toAbsolutePath();

        ClusterConfig moved = ClusterConfigParser.parse(config.toJson(), elsewhere);

        assertThat(moved).isNotEqualTo(config);
        assertThat(moved.vats().get("bob").code().written()).isEqualTo("lib/bob.jar");
        assertThat(moved.vats().get("bob").code().path()).isEqualTo(elsewhere.resolve("lib/bob.jar"));
        assertThat(moved.toJson()).isEqualTo(config.toJson());
    }

    @Test
    void anyConfigReadsBackEqualFromItsJson() {
        PropertyCheck.forAll("parse(toJson(c)) == c", 300, Generators.clusters(BASE), config -> {
            String json = config.toJson();
            ClusterConfig read = ClusterConfigParser.parse(json, BASE);
            assertThat(read).isEqualTo(config);
            assertThat(read.vats().sequencedKeySet()).containsExactlyElementsOf(config.vats().sequencedKeySet());
            assertThat(read.toJson()).isEqualTo(json);
        });
    }

    @Test
    void anyVatReadsBackEqualFromItsJson() {
        PropertyCheck.forAll("parseVat(toJson(v)) == v", 300, Generators.vatNames().flatMap(name -> Generators.vats(name, BASE)),
                vat -> assertThat(ClusterConfigParser.parseVat(vat.toJson(), vat.name(), BASE)).isEqualTo(vat));
    }

    @Test
    void anyChangeToAConfigIsReadOrRefusedWithOneLinePerProblem() {
        // Whatever is changed, the parser either reads the result or explains, never fails otherwise.
        Gen<String> changed = Generators.clusters(BASE).flatMap(config -> (random, size) ->
                Json.write(mutate(Json.parse(config.toJson()), random, size)));
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger accepted = new AtomicInteger();
        PropertyCheck.forAll("mutated configs", 500, changed, json -> {
            ClusterConfig read;
            try {
                read = ClusterConfigParser.parse(json, BASE);
            } catch (ConfigException e) {
                assertThat(e.problems()).isNotEmpty().allSatisfy(line -> assertThat(line)
                        .doesNotContain("\n", "\r")
                        .matches("(?s).+: .+"));
                refused.incrementAndGet();
                return;
            }
            assertThat(ClusterConfigParser.parse(read.toJson(), BASE)).isEqualTo(read);
            accepted.incrementAndGet();
        });
        // Both outcomes happen, or the property would test less than it claims.
        assertThat(refused).hasPositiveValue();
        assertThat(accepted).hasPositiveValue();
    }

    /**
     * {@code tree} with one change somewhere: a value replaced by random JSON, a member removed,
     * or a member added under a random or nearly right name.
     */
    private static Object mutate(Object tree, RandomGenerator random, int size) {
        if (random.nextInt(4) == 0 || !(tree instanceof Map<?, ?> || tree instanceof List<?> l && !l.isEmpty())) {
            return Generators.json(3).next(random, size);
        }
        if (tree instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list);
            int i = random.nextInt(copy.size());
            copy.set(i, mutate(copy.get(i), random, size));
            return copy;
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        ((Map<?, ?>) tree).forEach((k, v) -> copy.put((String) k, v));
        List<String> keys = new ArrayList<>(copy.keySet());
        switch (keys.isEmpty() ? 2 : random.nextInt(4)) {
            case 0 -> copy.remove(keys.get(random.nextInt(keys.size())));
            case 1 -> {
                String key = keys.get(random.nextInt(keys.size()));
                copy.put(key, mutate(copy.get(key), random, size));
            }
            case 2 -> copy.put(Gen.oneOf("vats", "source", "class", "globals", "endowments", "worker", "network",
                    "maxHeapMb", "bootstrap", "allowedHosts", "sources", "x").next(random, size), Generators.json(2).next(random, size));
            default -> {
                String key = keys.get(random.nextInt(keys.size()));
                copy.put(key, mutate(copy.get(key), random, size));
                copy.put(key, mutate(copy.get(key), random, size));
            }
        }
        return copy;
    }

    /** Generators of valid configs. */
    static final class Generators {
        private static final String LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
        private static final String NAME_CHARS = LETTERS + "0123456789_-";

        private Generators() {}

        static Gen<String> vatNames() {
            return (random, size) -> LETTERS.charAt(random.nextInt(LETTERS.length()))
                    + Gen.stringsOf(NAME_CHARS, 63).next(random, size);
        }

        /** Identifiers starting with a capital, which no keyword does. */
        static Gen<String> identifiers() {
            return (random, size) -> LETTERS.substring(26).charAt(random.nextInt(26))
                    + Gen.stringsOf(NAME_CHARS.replace("-", "$") + "éß", 12).next(random, size);
        }

        static Gen<String> classNames() {
            return (random, size) -> {
                List<String> parts = new ArrayList<>(Gen.listOf(identifiers(), 4).next(random, size));
                parts.add(identifiers().next(random, size));
                return String.join(".", parts);
            };
        }

        /** Relative and absolute paths, with dots, spaces and non-ASCII names, ending in {@code suffix}. */
        static Gen<String> paths(String suffix) {
            Gen<String> segment = Gen.oneOf("vats", "..", ".", "lib dir", "ü", "a-b");
            return (random, size) -> (random.nextInt(4) == 0 ? "/" : "")
                    + String.join("/", Gen.listOf(segment, 4).next(random, size))
                    + (random.nextBoolean() ? "/" : "")
                    + identifiers().next(random, size) + suffix;
        }

        static Gen<VatCode> codes(Path base) {
            Gen<String> optionalClass = classNames().orNull(0.5);
            return Gen.anyOf(
                    (random, size) -> VatCode.source(base, paths(".java").next(random, size), optionalClass.next(random, size)),
                    (random, size) -> VatCode.jar(base, paths(".jar").next(random, size), classNames().next(random, size)),
                    (random, size) -> VatCode.directory(base, paths("").next(random, size), classNames().next(random, size)));
        }

        /** Distinct non-empty names of any characters, lone surrogates included. */
        static Gen<List<String>> names() {
            return (random, size) -> {
                LinkedHashSet<String> names = new LinkedHashSet<>();
                for (String s : Gen.listOf(Gen.utf16Strings(12), 5).next(random, size)) {
                    if (!s.isEmpty()) {
                        names.add(s);
                    }
                }
                return List.copyOf(names);
            };
        }

        static Gen<Double> numbers() {
            return Gen.anyOf(
                    Gen.ints(-1000, 1000).map(Integer::doubleValue),
                    Gen.oneOf(-0.0, 0.0, Double.MIN_VALUE, -Double.MAX_VALUE, 1e21, 1e-7, 0.1, 9007199254740993.0),
                    (random, size) -> {
                        double d;
                        do {
                            d = Double.longBitsToDouble(random.nextLong());
                        } while (!Double.isFinite(d));
                        return d;
                    });
        }

        /** Any JSON value nesting at most {@code depth} levels. */
        static Gen<Object> json(int depth) {
            Gen<Object> scalars = Gen.anyOf(Gen.utf16Strings(16), numbers(), Gen.oneOf(true, false), Gen.constant(null));
            if (depth == 0) {
                return scalars;
            }
            return Gen.frequency(
                    Gen.weight(3, scalars),
                    Gen.weight(1, Gen.listOf(json(depth - 1), 4)),
                    Gen.weight(1, Gen.mapsOf(Gen.utf16Strings(8), json(depth - 1), 4)));
        }

        static Gen<VatConfig> vats(String name, Path base) {
            return (random, size) -> {
                WorkerKind worker = Gen.oneOf(WorkerKind.values()).next(random, size);
                Integer maxHeapMb = worker == WorkerKind.PROCESS && random.nextBoolean()
                        ? random.nextInt(VatConfig.MIN_HEAP_MB, VatConfig.MAX_HEAP_MB + 1) : null;
                return new VatConfig(
                        name,
                        codes(base).next(random, size),
                        Gen.mapsOf(Gen.utf16Strings(8), json(3), 4).next(random, size),
                        names().next(random, size),
                        names().next(random, size),
                        worker,
                        maxHeapMb);
            };
        }

        static Gen<ClusterConfig> clusters(Path base) {
            return (random, size) -> {
                LinkedHashSet<String> vatNames = new LinkedHashSet<>(Gen.listOf(vatNames(), 6).next(random, size));
                vatNames.add(vatNames().next(random, size));
                List<VatConfig> vats = new ArrayList<>();
                for (String name : vatNames) {
                    vats.add(vats(name, base).next(random, size));
                }
                String bootstrap = random.nextBoolean() ? null : vats.get(random.nextInt(vats.size())).name();
                return ClusterConfig.of(bootstrap, names().next(random, size), vats);
            };
        }
    }
}
