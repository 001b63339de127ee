package io.jocap.kernel.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import org.junit.jupiter.api.Test;

/** The records refuse what a config could not say, so every one of them can be written and read back. */
class ConfigRecordsTest {
    static final Path BASE = Path.of("/configs/demo").toAbsolutePath();
    static final VatCode CODE = VatCode.source(BASE, "V.java", null);

    static VatConfig vat(String name) {
        return new VatConfig(name, CODE);
    }

    static VatConfig withParameters(Map<String, Object> parameters) {
        return new VatConfig("v", CODE, parameters, List.of(), List.of(), WorkerKind.IN_PROCESS);
    }

    @Test
    void codeFactoriesResolveAgainstTheBaseDirectory() {
        assertThat(VatCode.jar(BASE, "../lib/a.jar", "a.A"))
                .isEqualTo(new VatCode.Jar("../lib/a.jar", BASE.getParent().resolve("lib/a.jar"), "a.A"));
        assertThat(VatCode.directory(BASE, "out", "A").path()).isEqualTo(BASE.resolve("out"));
        assertThat(VatCode.source(BASE, "V.java", null).configField()).isEqualTo("source");
        assertThat(VatCode.jar(BASE, "a.jar", "A").configField()).isEqualTo("jar");
        assertThat(VatCode.directory(BASE, "d", "A").configField()).isEqualTo("directory");
    }

    @Test
    void codeIsRefusedWhenAConfigCouldNotSayIt() {
        assertThatThrownBy(() -> VatCode.source(BASE, "", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("written: an empty path names nothing");
        assertThatThrownBy(() -> new VatCode.SourceFile("V.java", Path.of("V.java"), null))
                .hasMessage("path: must be absolute (resolved against the config's directory), got \"V.java\"");
        assertThatThrownBy(() -> VatCode.source(BASE, "V.txt", null))
                .hasMessage("path: must name a file ending in \".java\", got " + Quote.of(BASE.resolve("V.txt").toString()));
        assertThatThrownBy(() -> VatCode.jar(BASE, "v.zip", "V"))
                .hasMessage("path: must name a file ending in \".jar\", got " + Quote.of(BASE.resolve("v.zip").toString()));
        assertThatThrownBy(() -> VatCode.jar(BASE, "v.jar", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> VatCode.directory(BASE, "d", "a..B"))
                .hasMessageStartingWith("class: not a valid Java binary class name (\"a..B\")");
        assertThatThrownBy(() -> VatCode.source(BASE, "V.java", "int")).hasMessageStartingWith("class: not a valid");
    }

    @Test
    void theResolvedPathIsNormalized() {
        assertThat(new VatCode.Jar("x.jar", BASE.resolve("a/../x.jar"), "X").path()).isEqualTo(BASE.resolve("x.jar"));
    }

    @Test
    void vatFieldsAreChecked() {
        assertThatThrownBy(() -> vat("9lives"))
                .hasMessage("name: \"9lives\" is not a valid vat name (a letter, then up to 63 letters, digits, '_' or '-')");
        assertThatThrownBy(() -> new VatConfig("v", CODE, Map.of(), List.of("a", "a"), List.of(), WorkerKind.PROCESS))
                .hasMessage("endowments[1]: \"a\" is already listed at [0]");
        assertThatThrownBy(() -> new VatConfig("v", CODE, Map.of(), List.of(), List.of(""), WorkerKind.PROCESS))
                .hasMessage("allowedHosts[0]: must not be empty");
        assertThatThrownBy(() -> new VatConfig("v", CODE, Map.of(), List.of(), List.of(), null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void theHeapLimitIsInRangeAndOnlyForAProcessWorker() {
        assertThat(new VatConfig("v", CODE, Map.of(), List.of(), List.of(), WorkerKind.PROCESS, 64).maxHeapMb())
                .isEqualTo(64);
        assertThat(new VatConfig("v", CODE, Map.of(), List.of(), List.of(), WorkerKind.PROCESS).maxHeapMb()).isNull();
        assertThatThrownBy(() -> new VatConfig("v", CODE, Map.of(), List.of(), List.of(), WorkerKind.PROCESS, 15))
                .hasMessage("maxHeapMb: expected a whole number of MiB from 16 to 65536, got 15");
        assertThatThrownBy(() -> new VatConfig("v", CODE, Map.of(), List.of(), List.of(), WorkerKind.PROCESS, 65_537))
                .hasMessage("maxHeapMb: expected a whole number of MiB from 16 to 65536, got 65537");
        assertThatThrownBy(() -> new VatConfig("v", CODE, Map.of(), List.of(), List.of(), WorkerKind.IN_PROCESS, 64))
                .hasMessage("maxHeapMb: only for \"worker\": \"process\" (a vat in the kernel's JVM shares the kernel's heap)");
    }

    @Test
    void parametersAreCopiedDeeplyAndCannotBeChanged() {
        List<Object> list = new ArrayList<>(List.of("a"));
        Map<String, Object> inner = new HashMap<>(Map.of("list", list));
        Map<String, Object> parameters = new LinkedHashMap<>(Map.of("inner", inner));

        VatConfig vat = withParameters(parameters);
        list.add("b");
        inner.put("x", 1.0);
        parameters.put("y", 2.0);

        assertThat(vat.parameters()).isEqualTo(Map.of("inner", Map.of("list", List.of("a"))));
        assertThatThrownBy(() -> vat.parameters().put("z", 1.0)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void parameterNumbersBecomeDoublesAsJsonWouldReadThem() {
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("int", 3);
        in.put("long", 1L << 53);
        in.put("minusZero", -0.0);
        in.put("nothing", null);

        assertThat(withParameters(in).parameters()).containsExactly(
                Map.entry("int", 3.0), Map.entry("long", 9007199254740992.0), Map.entry("minusZero", 0.0),
                new java.util.AbstractMap.SimpleEntry<>("nothing", null));
    }

    @Test
    void parametersJsonCannotSayAreRefused() {
        assertThatThrownBy(() -> withParameters(Map.of("a", List.of(Double.NaN))))
                .hasMessage("parameters.a[0]: JSON has no number NaN");
        assertThatThrownBy(() -> withParameters(Map.of("big", (1L << 53) + 1)))
                .hasMessage("parameters.big: 9007199254740993 is too large for a JSON number to hold exactly");
        assertThatThrownBy(() -> withParameters(Map.of("file", Path.of("x"))))
                .hasMessageStartingWith("parameters.file: not a JSON value: a ");
        assertThatThrownBy(() -> withParameters(Map.of("m", Map.of(1, "one"))))
                .hasMessage("parameters.m: a JSON object's keys are strings, got a java.lang.Integer");
        List<Object> cycle = new ArrayList<>();
        cycle.add(cycle);
        assertThatThrownBy(() -> withParameters(Map.of("c", cycle)))
                .hasMessageEndingWith(": parameters nest deeper than 125 levels");
    }

    @Test
    void clusterFieldsAreChecked() {
        assertThatThrownBy(() -> new ClusterConfig(null, List.of(), new LinkedHashMap<>()))
                .hasMessage("vats: must name at least one vat");
        SequencedMap<String, VatConfig> misfiled = new LinkedHashMap<>(Map.of("alice", vat("bob")));
        assertThatThrownBy(() -> new ClusterConfig(null, List.of(), misfiled))
                .hasMessage("vats: the vat named \"bob\" is under the key \"alice\"");
        assertThatThrownBy(() -> ClusterConfig.of("alise", List.of(), List.of(vat("alice"), vat("bob"))))
                .hasMessage("bootstrap: names no vat (\"alise\"); the vats are alice, bob");
        assertThatThrownBy(() -> ClusterConfig.of(null, List.of(), List.of(vat("a"), vat("a"))))
                .hasMessage("vats: two vats are named \"a\"");
        assertThatThrownBy(() -> ClusterConfig.of(null, List.of("s", "s"), List.of(vat("a"))))
                .hasMessage("services[1]: \"s\" is already listed at [0]");
    }

    @Test
    void vatsKeepTheirOrderAndCannotBeChanged() {
        SequencedMap<String, VatConfig> vats = new LinkedHashMap<>();
        vats.put("b", vat("b"));
        vats.put("a", vat("a"));
        ClusterConfig config = new ClusterConfig(null, List.of(), vats);
        vats.put("c", vat("c"));

        assertThat(config.vats().sequencedKeySet()).containsExactly("b", "a");
        assertThatThrownBy(() -> config.vats().remove("a")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> config.vats().pollFirstEntry()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void configsWithTheSameVatsInAnotherOrderAreNotEqual() {
        ClusterConfig ab = ClusterConfig.of(null, List.of(), List.of(vat("a"), vat("b")));
        ClusterConfig ba = ClusterConfig.of(null, List.of(), List.of(vat("b"), vat("a")));

        assertThat(ab).isNotEqualTo(ba);
        assertThat(ab).isEqualTo(ClusterConfig.of(null, List.of(), List.of(vat("a"), vat("b"))));
        assertThat(ab).hasSameHashCodeAs(ClusterConfig.of(null, List.of(), List.of(vat("a"), vat("b"))));
        assertThat(ab).isNotEqualTo(ClusterConfig.of("a", List.of(), List.of(vat("a"), vat("b"))));
    }

    @Test
    void workerKindsHaveTheirConfigNames() {
        assertThat(WorkerKind.byConfigName("inProcess")).contains(WorkerKind.IN_PROCESS);
        assertThat(WorkerKind.byConfigName("process")).contains(WorkerKind.PROCESS);
        assertThat(WorkerKind.byConfigName("vatThread")).contains(WorkerKind.VAT_THREAD);
        assertThat(WorkerKind.byConfigName("kernelThread")).as("the default now; no name of its own").isEmpty();
        assertThat(WorkerKind.byConfigName("Process")).isEmpty();
        assertThat(WorkerKind.IN_PROCESS.configName()).isEqualTo("inProcess");
    }
}
