package io.jocap.marshal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every line of the shared conformance vectors, produced by the real {@code @endo/marshal}
 * 1.10.0: exact encodings, decodings, rejections, lenient acceptances and the copySet/copyBag/copyMap
 * sort. Missing files fail the test.
 */
class SmallcapsConformanceTest {
    private static final int VALID = 232;
    private static final int INVALID = 83;
    private static final int LENIENT = 52;

    static Path vectorDirectory() {
        String shared = System.getProperty("jocap.shared.dir");
        Path base = shared != null && !shared.isBlank() ? Path.of(shared) : Path.of("..", "..", "shared");
        return base.resolve("marshal-vectors");
    }

    static List<Map<?, ?>> read(String file) {
        Path path = vectorDirectory().resolve(file);
        assertThat(path).as("conformance vectors (set -Djocap.shared.dir)").isRegularFile();
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + path, e);
        }
        List<Map<?, ?>> vectors = new ArrayList<>();
        for (String line : lines) {
            if (!line.isBlank()) {
                vectors.add((Map<?, ?>) TestJson.parse(line));
            }
        }
        return vectors;
    }

    private static Smallcaps codecFor(Map<?, ?> vector) {
        Map<?, ?> options = (Map<?, ?>) vector.get("options");
        assertThat(options.get("serializeBodyFormat")).isEqualTo("smallcaps");
        Smallcaps.Builder builder = Smallcaps.builder();
        if ("on".equals(options.get("errorTagging"))) {
            builder.errorTagging((String) options.get("marshalName"), ((Double) options.get("errorIdNum")).longValue());
        } else {
            assertThat(options.get("errorTagging")).isEqualTo("off");
        }
        return builder.build();
    }

    @SuppressWarnings("unchecked")
    private static List<String> slotsOf(Map<?, ?> vector, String field) {
        return (List<String>) vector.get(field);
    }

    @Test
    void vectorFilesAreComplete() {
        assertThat(read("smallcaps.jsonl")).hasSize(VALID);
        assertThat(read("smallcaps-invalid.jsonl")).hasSize(INVALID);
        assertThat(read("smallcaps-lenient.jsonl")).hasSize(LENIENT);
    }

    @TestFactory
    Stream<DynamicTest> validVectorsEncodeExactly() {
        return read("smallcaps.jsonl").stream().map(v -> dynamicTest((String) v.get("name"), () -> {
            Object value = new VectorValues().build(v.get("value"));
            CapData encoded = codecFor(v).encode(value);
            assertThat(encoded.body()).isEqualTo(v.get("body"));
            assertThat(encoded.slots()).isEqualTo(v.get("slots"));
        }));
    }

    @TestFactory
    Stream<DynamicTest> validVectorsDecode() {
        return read("smallcaps.jsonl").stream().map(v -> dynamicTest((String) v.get("name"), () -> {
            Object decoded = Smallcaps.standard().decode((String) v.get("body"), slotsOf(v, "slots"));
            Object expected = v.containsKey("decoded") ? v.get("decoded") : v.get("value");
            new VectorValues.Matcher().check(expected, decoded, "value");
        }));
    }

    @TestFactory
    Stream<DynamicTest> rootOnlyErrorsAreRejectedWhenNested() {
        return read("smallcaps.jsonl").stream()
                .filter(v -> Boolean.TRUE.equals(v.get("rootOnly")))
                .map(v -> dynamicTest((String) v.get("name"), () -> {
                    PassableError error = (PassableError) new VectorValues().build(v.get("value"));
                    if (!error.hasStandardName()) {
                        assertThatThrownBy(() -> Smallcaps.standard().encode(List.of(error)))
                                .isInstanceOf(MarshalException.class)
                                .hasMessageContaining("only the root value may be an error");
                    } else {
                        // JS-only non-passability (no own message, extra property): a Java error is passable
                        assertThat(Smallcaps.standard().encode(List.of(error)).body()).startsWith("#[{\"#error\"");
                    }
                }));
    }

    @TestFactory
    Stream<DynamicTest> collectionFactoriesSortLikePatterns() {
        List<Map<?, ?>> constructed = read("smallcaps.jsonl").stream().filter(v -> v.containsKey("construct")).toList();
        assertThat(constructed).hasSizeGreaterThanOrEqualTo(10);
        return constructed.stream().map(v -> dynamicTest((String) v.get("name"), () -> {
            VectorValues values = new VectorValues(); // shared, so refs in input and payload are the same objects
            Map<?, ?> construct = (Map<?, ?>) v.get("construct");
            List<Object> input = new ArrayList<>();
            for (Object item : (List<?>) construct.get("input")) {
                input.add(values.build(item));
            }
            @SuppressWarnings("unchecked")
            List<List<?>> pairs = (List<List<?>>) (List<?>) input;
            Tagged built = switch ((String) construct.get("via")) {
                case "makeCopySet" -> Tagged.copySet(input);
                case "makeCopyBag" -> Tagged.copyBagFromPairs(pairs);
                case "makeCopyMap" -> Tagged.copyMapFromPairs(pairs);
                default -> throw new AssertionError("unknown constructor " + construct.get("via"));
            };
            assertThat(built).isEqualTo(values.build(v.get("value")));
            assertThat(codecFor(v).encode(built).body()).isEqualTo(v.get("body"));
        }));
    }

    @TestFactory
    Stream<DynamicTest> invalidVectorsAreRejected() {
        return read("smallcaps-invalid.jsonl").stream().map(v -> dynamicTest((String) v.get("name"), () -> {
            String envelope = "{\"body\":" + TestJson.write(v.get("body")) + ",\"slots\":" + TestJson.write(v.get("slots"))
                    + "}";
            Smallcaps codec = Smallcaps.standard();
            assertThatThrownBy(() -> codec.decode(CapData.fromJson(envelope))).isInstanceOf(MarshalException.class);
            if (v.get("body") instanceof String body && v.get("slots") instanceof List<?> slots
                    && slots.stream().allMatch(s -> s instanceof String)) {
                @SuppressWarnings("unchecked")
                List<String> slotStrings = (List<String>) slots;
                assertThatThrownBy(() -> codec.decode(body, slotStrings)).isInstanceOf(MarshalException.class);
            } else {
                // the {body, slots} envelope itself is wrong: CapData.fromJson must be what rejects it
                assertThatThrownBy(() -> CapData.fromJson(envelope))
                        .isInstanceOf(MarshalException.class)
                        .hasMessageMatching("(body must be a string|slots must be an array of strings).*");
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> lenientVectorsDecodeAndReencodeCanonically() {
        return read("smallcaps-lenient.jsonl").stream().map(v -> dynamicTest((String) v.get("name"), () -> {
            Object decoded = Smallcaps.standard().decode((String) v.get("body"), slotsOf(v, "slots"));
            new VectorValues.Matcher().check(v.get("decoded"), decoded, "value");
            CapData canonical = codecFor(v).encode(decoded);
            assertThat(canonical.body()).isEqualTo(v.get("canonicalBody"));
            assertThat(canonical.slots()).isEqualTo(v.get("canonicalSlots"));
        }));
    }
}
