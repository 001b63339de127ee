package io.jocap.cli;

import picocli.CommandLine;

/** Entry point of the {@code jocap} command. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line with the process's standard streams and returns the exit status. */
    public static int run(String... args) {
        return JocapCommand.commandLine().execute(args);
    }
}
