package io.jocap.cli.capdata;

import io.jocap.cli.UserInputException;
import io.jocap.cli.JocapCommand;
import io.jocap.marshal.CapData;
import io.jocap.marshal.MarshalException;
import io.jocap.marshal.PassableFormatter;
import io.jocap.marshal.Smallcaps;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jocap capdata show}: prints CapData as readable, JavaScript-like values, e.g.
 * {@code ["transfer", [<ko12 Alleged: purse>, 100n, {memo: "rent"}]]}.
 */
@Command(
        name = "show",
        mixinStandardHelpOptions = true,
        description = {
            "Print CapData as readable values: JSON lines {\"body\":…,\"slots\":[…]} from files or standard",
            "input, or one value given with --body (and --slots). Keeps going after a bad line; exits 1 if",
            "any line was bad."
        })
final class ShowCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "Files of JSON lines; '-' or none reads standard input.")
    List<Path> files = new ArrayList<>();

    @Option(names = "--body", paramLabel = "BODY", description = "A smallcaps body such as '#[1,\"$0.Alleged: x\"]'.")
    String body;

    @Option(names = "--slots", paramLabel = "SLOT", split = ",", description = "The body's slots, comma-separated.")
    List<String> slots = new ArrayList<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Smallcaps codec = Smallcaps.standard();
        PrintWriter out = spec.commandLine().getOut();
        if (body != null) {
            if (!files.isEmpty()) {
                throw new UserInputException("give either --body or files of JSON lines, not both");
            }
            try {
                out.println(PassableFormatter.format(codec.decode(new CapData(body, slots))));
                return 0;
            } catch (MarshalException e) {
                out.println("error: " + e.getMessage());
                return 1;
            } finally {
                out.flush();
            }
        }
        if (!slots.isEmpty()) {
            throw new UserInputException("--slots goes with --body");
        }
        boolean labelSources = files.size() > 1;
        int[] bad = {0};
        CapDataLines.read(files, JocapCommand.stdin(spec), (origin, text) -> {
            String label = (labelSources ? origin.source() + ":" : "") + origin.lineNumber() + ": ";
            if (text.isBlank()) {
                return; // blank lines separate groups in hand-written files; nothing to show
            }
            try {
                out.println(label + PassableFormatter.format(codec.decode(CapData.fromJson(text))));
            } catch (MarshalException e) {
                bad[0]++;
                out.println(label + "error: " + e.getMessage());
            }
        });
        out.flush();
        return bad[0] == 0 ? 0 : 1;
    }
}
