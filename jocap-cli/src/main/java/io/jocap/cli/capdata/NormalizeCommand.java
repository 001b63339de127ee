package io.jocap.cli.capdata;

import io.jocap.cli.JocapCommand;
import io.jocap.marshal.CapData;
import io.jocap.marshal.JsonText;
import io.jocap.marshal.MarshalException;
import io.jocap.marshal.Smallcaps;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code jocap capdata normalize}: one output line per input line, either the canonical
 * {@code {"body":…,"slots":[…]}} (what {@code @endo/marshal} would write for the same value) or
 * {@code {"error":"…"}}. Exit status 1 when any line was bad.
 */
@Command(
        name = "normalize",
        mixinStandardHelpOptions = true,
        description = {
            "Read JSON lines {\"body\":…,\"slots\":[…]} and write, per line, the canonical form of the same",
            "value or {\"error\":\"…\"}. Keeps going after a bad line; exits 1 if any line was bad."
        })
final class NormalizeCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "Files of JSON lines; '-' or none reads standard input.")
    List<Path> files = List.of();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Smallcaps codec = Smallcaps.standard();
        PrintWriter out = spec.commandLine().getOut();
        int[] bad = {0};
        CapDataLines.read(files, JocapCommand.stdin(spec), (origin, text) -> {
            try {
                CapData in = CapData.fromJson(text);
                out.println(codec.encode(codec.decode(in)).toJson());
            } catch (MarshalException e) {
                bad[0]++;
                out.println("{\"error\":" + JsonText.quote(e.getMessage()) + "}");
            }
        });
        out.flush();
        return bad[0] == 0 ? 0 : 1;
    }
}
