package io.jocap.cli.run;

import io.jocap.cli.UserInputException;
import io.jocap.kernel.state.Kref;
import io.jocap.marshal.Json;
import io.jocap.marshal.MarshalException;
import io.jocap.marshal.PassableFormatter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jocap send <kref> <method> [json args…] --db FILE}: sends one message to an object of a
 * kernel at rest (its vats resumed for the purpose) and prints the answer.
 */
@Command(name = "send", mixinStandardHelpOptions = true,
        description = "Send one message to an object of a kernel at rest and print the answer.")
public final class SendCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "KREF", description = "The target, such as ko3 (see 'jocap status').")
    String target;

    @Parameters(index = "1", paramLabel = "METHOD", description = "The method's name.")
    String method;

    @Parameters(index = "2..*", paramLabel = "ARG", description = "Arguments, each one JSON value (a bare word is a string).")
    List<String> args = new ArrayList<>();

    @Option(names = "--db", paramLabel = "FILE", required = true, description = "The kernel's database file.")
    Path db;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "How long to wait for the answer (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (!Kref.isValid(target)) {
            throw new UserInputException("\"" + target + "\" is not a kernel reference (ko<N> for an object, kp<N> for a promise)");
        }
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            values.add(parseArg(i + 1, args.get(i)));
        }
        return ClusterFiles.onKernelAtRest(db, spec.commandLine().getOut(), spec.commandLine().getErr(),
                "no answer within " + timeoutSeconds + " s (see --timeout)",
                kernel -> PassableFormatter.format(
                        kernel.queueMessage(target, method, values).get(timeoutSeconds, TimeUnit.SECONDS)));
    }

    private static Object parseArg(int position, String text) {
        try {
            return Json.parse(text);
        } catch (MarshalException e) {
            if (text.matches("[A-Za-z_][A-Za-z0-9_.-]*") && !text.equals("true") && !text.equals("false") && !text.equals("null")) {
                return text; // a bare word: the string it spells
            }
            throw new UserInputException("argument " + position + " is not a JSON value: " + e.getMessage());
        }
    }
}
