package io.jocap.kernel.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Configs that are valid, and what they read as. */
class ClusterConfigParserTest {
    static final Path BASE = Path.of("/configs/demo").toAbsolutePath();

    /** The example of docs/cluster-config.md. */
    static final String EXAMPLE = """
            {
              "bootstrap": "alice",
              "services": ["kernelFacet"],
              "vats": {
                "alice": { "source": "vats/Alice.java", "parameters": { "greeting": "hi" } },
                "bob":   { "jar": "lib/bob.jar", "class": "com.example.BobVat", "endowments": ["timers", "clock"] },
                "carol": { "directory": "build/classes", "class": "com.example.CarolVat",
                           "endowments": ["http"], "network": { "allowedHosts": ["api.example.com"] },
                           "worker": "inProcess" }
              }
            }
            """;

    @Test
    void readsTheDocumentedExample() {
        ClusterConfig config = ClusterConfigParser.parse(EXAMPLE, BASE);

        assertThat(config.bootstrap()).isEqualTo("alice");
        assertThat(config.services()).containsExactly("kernelFacet");
        assertThat(config.vats().sequencedKeySet()).containsExactly("alice", "bob", "carol");

        VatConfig alice = config.vats().get("alice");
        assertThat(alice.name()).isEqualTo("alice");
        assertThat(alice.code()).isEqualTo(new VatCode.SourceFile("vats/Alice.java", BASE.resolve("vats/Alice.java"), null));
        assertThat(alice.parameters()).isEqualTo(Map.of("greeting", "hi"));
        assertThat(alice.endowments()).isEmpty();
        assertThat(alice.allowedHosts()).isEmpty();
        assertThat(alice.worker()).isEqualTo(WorkerKind.IN_PROCESS);

        VatConfig bob = config.vats().get("bob");
        assertThat(bob.code()).isEqualTo(new VatCode.Jar("lib/bob.jar", BASE.resolve("lib/bob.jar"), "com.example.BobVat"));
        assertThat(bob.endowments()).containsExactly("timers", "clock");
        assertThat(bob.parameters()).isEmpty();

        VatConfig carol = config.vats().get("carol");
        assertThat(carol.code()).isEqualTo(
                new VatCode.ClassDirectory("build/classes", BASE.resolve("build/classes"), "com.example.CarolVat"));
        assertThat(carol.endowments()).containsExactly("http");
        assertThat(carol.allowedHosts()).containsExactly("api.example.com");
        assertThat(carol.worker()).isEqualTo(WorkerKind.IN_PROCESS);
    }

    @Test
    void theSmallestConfigHasOneVatAndDefaultsForTheRest() {
        ClusterConfig config = ClusterConfigParser.parse("{\"vats\":{\"v\":{\"source\":\"V.java\"}}}", BASE);

        assertThat(config.bootstrap()).isNull();
        assertThat(config.services()).isEmpty();
        assertThat(config.vats().get("v")).isEqualTo(
                new VatConfig("v", new VatCode.SourceFile("V.java", BASE.resolve("V.java"), null)));
    }

    @Test
    void vatsKeepTheOrderOfTheText() {
        String json = """
                {"vats": {"zed": {"source": "Z.java"}, "alpha": {"source": "A.java"},
                          "mid": {"source": "M.java"}, "Beta": {"source": "B.java"}}}""";

        ClusterConfig config = ClusterConfigParser.parse(json, BASE);

        assertThat(config.vats().sequencedKeySet()).containsExactly("zed", "alpha", "mid", "Beta");
        assertThat(config.vats().sequencedValues()).extracting(VatConfig::name).containsExactly("zed", "alpha", "mid", "Beta");
        assertThat(config.vats().firstEntry().getKey()).isEqualTo("zed");
    }

    @Test
    void relativePathsAreTakenFromTheBaseDirectoryAndNormalized() {
        String json = """
                {"vats": {
                  "a": {"source": "./vats/../vats/A.java"},
                  "b": {"jar": "../shared/lib/b.jar", "class": "B"},
                  "c": {"directory": "/opt/classes/", "class": "C"}
                }}""";

        ClusterConfig config = ClusterConfigParser.parse(json, BASE);

        VatCode a = config.vats().get("a").code();
        assertThat(a.written()).isEqualTo("./vats/../vats/A.java");
        assertThat(a.path()).isEqualTo(BASE.resolve("vats/A.java"));
        VatCode b = config.vats().get("b").code();
        assertThat(b.written()).isEqualTo("../shared/lib/b.jar");
        assertThat(b.path()).isEqualTo(BASE.getParent().resolve("shared/lib/b.jar"));
        VatCode c = config.vats().get("c").code();
        assertThat(c.written()).isEqualTo("/opt/classes/");
        assertThat(c.path()).isEqualTo(Path.of("/opt/classes").toAbsolutePath());
    }

    @Test
    void aRelativeBaseDirectoryIsTakenFromTheCurrentDirectory() {
        ClusterConfig config = ClusterConfigParser.parse("{\"vats\":{\"v\":{\"source\":\"V.java\"}}}", Path.of("conf"));

        assertThat(config.vats().get("v").code().path()).isEqualTo(Path.of("conf/V.java").toAbsolutePath());
    }

    @Test
    void globalsIsASynonymOfEndowments() {
        String withGlobals = "{\"vats\":{\"v\":{\"source\":\"V.java\",\"globals\":[\"timers\",\"random\"]}}}";
        String withEndowments = "{\"vats\":{\"v\":{\"source\":\"V.java\",\"endowments\":[\"timers\",\"random\"]}}}";

        ClusterConfig config = ClusterConfigParser.parse(withGlobals, BASE);

        assertThat(config.vats().get("v").endowments()).containsExactly("timers", "random");
        assertThat(config).isEqualTo(ClusterConfigParser.parse(withEndowments, BASE));
        assertThat(config.toJson()).contains("\"endowments\"").doesNotContain("globals");
    }

    @Test
    void endowmentAndHostNamesAreNotJudgedHere() {
        // The vat runtime knows which endowments exist and what a host entry looks like.
        String json = "{\"vats\":{\"v\":{\"source\":\"V.java\",\"endowments\":[\"teleport\"],"
                + "\"network\":{\"allowedHosts\":[\"not a host!\"]}}}}";

        VatConfig vat = ClusterConfigParser.parse(json, BASE).vats().get("v");

        assertThat(vat.endowments()).containsExactly("teleport");
        assertThat(vat.allowedHosts()).containsExactly("not a host!");
    }

    @Test
    void anEmptyNetworkObjectAllowsNoHost() {
        VatConfig vat = ClusterConfigParser.parse("{\"vats\":{\"v\":{\"source\":\"V.java\",\"network\":{}}}}", BASE)
                .vats().get("v");

        assertThat(vat.allowedHosts()).isEmpty();
    }

    @Test
    void parametersKeepAnyJsonAsAnUnmodifiableTree() {
        String json = """
                {"vats": {"v": {"source": "V.java", "parameters": {
                  "name": "Zoë 🚀", "count": 3, "ratio": -1.5e-3, "on": true, "nothing": null,
                  "nested": {"list": [1, "two", [3], {"four": 4}], "empty": {}}
                }}}}""";

        Map<String, Object> parameters = ClusterConfigParser.parse(json, BASE).vats().get("v").parameters();

        assertThat(parameters).containsExactly(
                entry("name", "Zoë 🚀"),
                entry("count", 3.0),
                entry("ratio", -1.5e-3),
                entry("on", true),
                entry("nothing", null),
                entry("nested", Map.of("list", List.of(1.0, "two", List.of(3.0), Map.of("four", 4.0)), "empty", Map.of())));
        assertThatThrownBy(() -> parameters.put("x", 1.0)).isInstanceOf(UnsupportedOperationException.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> nested = (Map<String, Object>) parameters.get("nested");
        assertThatThrownBy(() -> nested.clear()).isInstanceOf(UnsupportedOperationException.class);
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) nested.get("list");
        assertThatThrownBy(() -> list.add("five")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void minusZeroInParametersReadsAsZero() {
        // JSON writes both zeros as 0, so keeping -0 would break reading a written config back.
        Object zero = ClusterConfigParser.parse("{\"vats\":{\"v\":{\"source\":\"V.java\",\"parameters\":{\"z\":-0}}}}", BASE)
                .vats().get("v").parameters().get("z");

        assertThat(zero).isEqualTo(0.0);
    }

    @Test
    void workerMayRunAVatInItsOwnProcess() {
        String json = "{\"vats\":{\"v\":{\"jar\":\"v.jar\",\"class\":\"a.V\",\"worker\":\"process\"}}}";

        assertThat(ClusterConfigParser.parse(json, BASE).vats().get("v").worker()).isEqualTo(WorkerKind.PROCESS);
        assertThat(ClusterConfigParser.parse(json, BASE).vats().get("v").maxHeapMb()).isNull();
    }

    @Test
    void workerMayRunAVatsTurnsOnAThreadOfItsOwn() {
        String json = "{\"vats\":{\"v\":{\"jar\":\"v.jar\",\"class\":\"a.V\",\"worker\":\"vatThread\"}}}";

        VatConfig vat = ClusterConfigParser.parse(json, BASE).vats().get("v");

        assertThat(vat.worker()).isEqualTo(WorkerKind.VAT_THREAD);
        assertThat(vat.toJson()).isEqualTo("{\"jar\":\"v.jar\",\"class\":\"a.V\",\"worker\":\"vatThread\"}");
        assertThat(ClusterConfigParser.parseVat(vat.toJson(), "v", BASE)).isEqualTo(vat);
        assertThat(problemsOf(json.replace("}}}", ",\"maxHeapMb\":64}}}")))
                .contains("vats.v.maxHeapMb: only for \"worker\": \"process\"");
    }

    private static String problemsOf(String json) {
        try {
            ClusterConfigParser.parse(json, BASE);
            return "";
        } catch (RuntimeException e) {
            return e.getMessage();
        }
    }

    @Test
    void aVatInItsOwnProcessMayHaveAHeapLimit() {
        String json = "{\"vats\":{\"v\":{\"jar\":\"v.jar\",\"class\":\"a.V\",\"worker\":\"process\",\"maxHeapMb\":64}}}";

        VatConfig vat = ClusterConfigParser.parse(json, BASE).vats().get("v");

        assertThat(vat.maxHeapMb()).isEqualTo(64);
        assertThat(vat.toJson()).isEqualTo("{\"jar\":\"v.jar\",\"class\":\"a.V\",\"worker\":\"process\",\"maxHeapMb\":64}");
        assertThat(ClusterConfigParser.parseVat(vat.toJson(), "v", BASE)).isEqualTo(vat);
        assertThat(ClusterConfigParser.parse(json.replace("64", "16"), BASE).vats().get("v").maxHeapMb()).isEqualTo(16);
        assertThat(ClusterConfigParser.parse(json.replace("64", "65536.0"), BASE).vats().get("v").maxHeapMb())
                .isEqualTo(65536);
    }

    @Test
    void acceptsBinaryNamesOfNestedClassesAndClassesInTheUnnamedPackage() {
        for (String className : List.of("com.example.Outer$Inner", "Vat", "a.b.c.D", "ünï.Cödé", "a.$b.C_1")) {
            String json = "{\"vats\":{\"v\":{\"jar\":\"v.jar\",\"class\":\"" + className + "\"}}}";

            assertThat(ClusterConfigParser.parse(json, BASE).vats().get("v").code().className()).isEqualTo(className);
        }
    }

    @Test
    void acceptsVatNamesOfOneToSixtyFourCharacters() {
        String longest = "V" + "a1_-".repeat(15) + "xyz";
        assertThat(longest).hasSize(64);
        String json = "{\"vats\":{\"x\":{\"source\":\"X.java\"},\"" + longest + "\":{\"source\":\"L.java\"}},\"bootstrap\":\"x\"}";

        assertThat(ClusterConfigParser.parse(json, BASE).vats()).containsKeys("x", longest);
    }

    @Test
    void aSourceFileMayNameItsClass() {
        String json = "{\"vats\":{\"v\":{\"source\":\"V.java\",\"class\":\"V$Root\"}}}";

        assertThat(ClusterConfigParser.parse(json, BASE).vats().get("v").code().className()).isEqualTo("V$Root");
    }

    @Test
    void readsAFileTakingPathsFromItsDirectory(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("cluster.json"), EXAMPLE);

        ClusterConfig config = ClusterConfigParser.parse(file);

        assertThat(config.vats().get("alice").code().path()).isEqualTo(dir.toAbsolutePath().resolve("vats/Alice.java"));
        assertThat(config).isEqualTo(ClusterConfigParser.parse(EXAMPLE, dir));
    }

    @Test
    void aFileMayStartWithAByteOrderMark(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("cluster.json"), "\uFEFF" + EXAMPLE, StandardCharsets.UTF_8);

        assertThat(ClusterConfigParser.parse(file)).isEqualTo(ClusterConfigParser.parse(EXAMPLE, dir));
    }

    @Test
    void aFileThatCannotBeReadIsNamedWithTheReason(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("missing.json");
        assertThatThrownBy(() -> ClusterConfigParser.parse(missing))
                .isInstanceOf(ConfigException.class)
                .hasMessage(missing + ": cannot read the cluster config: no such file");

        Path latin1 = Files.write(dir.resolve("latin1.json"), new byte[] {'{', '"', (byte) 0xE9, '"', '}'});
        assertThatThrownBy(() -> ClusterConfigParser.parse(latin1))
                .isInstanceOf(ConfigException.class)
                .hasMessage(latin1 + ": cannot read the cluster config: not UTF-8 text");

        assertThatThrownBy(() -> ClusterConfigParser.parse(dir))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(dir + ": cannot read the cluster config: ");
    }

    @Test
    void problemsInAFileAreReportedLikeThoseInText(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("cluster.json"), "{\"vats\":{}}");

        assertThatThrownBy(() -> ClusterConfigParser.parse(file))
                .isInstanceOf(ConfigException.class)
                .hasMessage("vats: must name at least one vat");
    }

    @Test
    void readsOneVatAlone() {
        String json = "{\"jar\":\"lib/bob.jar\",\"class\":\"com.example.BobVat\",\"globals\":[\"clock\"]}";

        VatConfig bob = ClusterConfigParser.parseVat(json, "bob", BASE);

        assertThat(bob.name()).isEqualTo("bob");
        assertThat(bob.code()).isEqualTo(new VatCode.Jar("lib/bob.jar", BASE.resolve("lib/bob.jar"), "com.example.BobVat"));
        assertThat(bob.endowments()).containsExactly("clock");
    }
}
