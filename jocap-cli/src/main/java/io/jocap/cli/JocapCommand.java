package io.jocap.cli;

import io.jocap.cli.capdata.CapdataCommand;
import io.jocap.cli.run.GcCommand;
import io.jocap.cli.run.RunCommand;
import io.jocap.cli.run.SendCommand;
import io.jocap.cli.run.StatusCommand;
import java.io.InputStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level {@code jocap} command; each concern is a subcommand. */
@Command(
        name = "jocap",
        mixinStandardHelpOptions = true,
        versionProvider = JocapCommand.Version.class,
        description = "An object-capability kernel for the JVM.",
        subcommands = {RunCommand.class, SendCommand.class, StatusCommand.class, GcCommand.class, CapdataCommand.class,
            CommandLine.HelpCommand.class})
public final class JocapCommand implements Runnable {
    private final InputStream stdin;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private JocapCommand(InputStream stdin) {
        this.stdin = stdin;
    }

    /** The standard input subcommands read from (replaceable in tests). */
    public static InputStream stdin(CommandLine.Model.CommandSpec anySubcommand) {
        return ((JocapCommand) anySubcommand.root().userObject()).stdin;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing a command: see the list below.");
    }

    /**
     * A command line wired for users: errors in their input print one clear line (no stack trace)
     * and exit with status 2; a failure inside jocap prints its message and exits with status 3.
     */
    public static CommandLine commandLine() {
        return commandLine(System.in);
    }

    /** As {@link #commandLine()}, reading standard input from {@code stdin}. */
    public static CommandLine commandLine(InputStream stdin) {
        CommandLine cl = new CommandLine(new JocapCommand(stdin));
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("jocap: " + describe(ex));
            return ex instanceof UserInputException ? 2 : 3;
        });
        return cl;
    }

    private static String describe(Throwable ex) {
        String message = ex.getMessage();
        return message == null || message.isBlank() ? ex.getClass().getSimpleName() : message;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = JocapCommand.class.getPackage().getImplementationVersion();
            return new String[] {"jocap " + (v == null ? "(development build)" : v) + " on Java " + Runtime.version()};
        }
    }
}
