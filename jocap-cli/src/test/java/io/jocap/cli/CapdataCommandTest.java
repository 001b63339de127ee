package io.jocap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CapdataCommandTest {
    private static final String MESSY = String.join("\n",
            "{\"body\":\"# [ 1.0 , { \\\"b\\\" : 2, \\\"a\\\" : \\\"!foo\\\" } ] \",\"slots\":[]}",
            "{\"body\":\"#{\\\"x\\\":\\\"$01.Alleged: thing\\\"}\",\"slots\":[\"ko7\",\"ko8\"]}",
            "{\"body\":\"#[1,2\",\"slots\":[]}",
            "not json at all",
            "",
            "{\"body\":\"#\\\"$5\\\"\",\"slots\":[\"ko1\"]}",
            "{\"body\":\"#[\\\"a\\\\u0000\\\\ud800\\\"]\",\"slots\":[]}") + "\n";

    @Test
    void normalizeWritesOneCanonicalOrErrorLinePerInputLineAndKeepsGoing() {
        CliRun run = CliRun.of(MESSY, "capdata", "normalize");

        assertThat(run.outLines()).hasSize(7);
        assertThat(run.outLines().get(0)).isEqualTo("{\"body\":\"#[1,{\\\"a\\\":\\\"foo\\\",\\\"b\\\":2}]\",\"slots\":[]}");
        // "$01" is index 1 (JS Number() parsing); the unreferenced slot ko7 is dropped.
        assertThat(run.outLines().get(1)).isEqualTo("{\"body\":\"#{\\\"x\\\":\\\"$0.Alleged: thing\\\"}\",\"slots\":[\"ko8\"]}");
        assertThat(run.outLines().get(2)).startsWith("{\"error\":\"");
        assertThat(run.outLines().get(3)).startsWith("{\"error\":\"");
        assertThat(run.outLines().get(4)).startsWith("{\"error\":\"");
        assertThat(run.outLines().get(5)).startsWith("{\"error\":\"").contains("slot");
        // Control characters and lone surrogates come back escaped exactly as JSON.stringify does.
        assertThat(run.outLines().get(6)).isEqualTo("{\"body\":\"#[\\\"a\\\\u0000\\\\ud800\\\"]\",\"slots\":[]}");
        assertThat(run.status()).isEqualTo(1);
    }

    @Test
    void normalizeOfGoodInputExitsZero() {
        CliRun run = CliRun.of("{\"body\":\"#[\\\"$0.Alleged: purse\\\",\\\"+100\\\"]\",\"slots\":[\"ko12\"]}\n",
                "capdata", "normalize");
        assertThat(run.status()).isZero();
        assertThat(run.outLines()).containsExactly(
                "{\"body\":\"#[\\\"$0.Alleged: purse\\\",\\\"+100\\\"]\",\"slots\":[\"ko12\"]}");
    }

    @Test
    void showPrintsReadableValuesWithLineNumbers(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("m.jsonl");
        Files.writeString(file, String.join("\n",
                "{\"body\":\"#[\\\"transfer\\\",[\\\"$0.Alleged: purse\\\",\\\"+100\\\",{\\\"memo\\\":\\\"rent\\\"}]]\",\"slots\":[\"ko12\"]}",
                "{\"body\":\"#[1,2\",\"slots\":[]}",
                "{\"body\":\"#{\\\"#error\\\":\\\"boom\\\",\\\"name\\\":\\\"TypeError\\\"}\",\"slots\":[]}"));

        CliRun run = CliRun.of("", "capdata", "show", file.toString());

        assertThat(run.outLines()).hasSize(3);
        assertThat(run.outLines().get(0)).isEqualTo("1: [\"transfer\", [<ko12 Alleged: purse>, 100n, {memo: \"rent\"}]]");
        assertThat(run.outLines().get(1)).startsWith("2: error: ");
        assertThat(run.outLines().get(2)).isEqualTo("3: TypeError(\"boom\")");
        assertThat(run.status()).isEqualTo(1);
    }

    @Test
    void showOneBodyFromOptions() {
        CliRun run = CliRun.of("", "capdata", "show", "--body", "#[\"&0\",\"#NaN\",\"%@@asyncIterator\"]", "--slots", "kp3");
        assertThat(run.status()).isZero();
        assertThat(run.outLines()).containsExactly("[<promise kp3>, NaN, Symbol(@@asyncIterator)]");
    }

    @Test
    void missingFileIsAClearErrorWithStatus2() {
        CliRun run = CliRun.of("", "capdata", "show", "/no/such/file.jsonl");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("no such file: /no/such/file.jsonl").doesNotContain("Exception");
    }

    @Test
    void unknownCommandAndOptionsAreExplained() {
        CliRun run = CliRun.of("", "capdata", "frobnicate");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("frobnicate");

        CliRun slotsAlone = CliRun.of("", "capdata", "show", "--slots", "ko1");
        assertThat(slotsAlone.status()).isEqualTo(2);
        assertThat(slotsAlone.err()).contains("--slots goes with --body");
    }
}
