package io.jocap.cli.capdata;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code jocap capdata}: tools for CapData ({@code {"body","slots"}}) lines. */
@Command(
        name = "capdata",
        mixinStandardHelpOptions = true,
        description = "Work with CapData values ({\"body\":…,\"slots\":[…]}) in the smallcaps encoding.",
        subcommands = {NormalizeCommand.class, ShowCommand.class})
public final class CapdataCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing a capdata command: normalize or show.");
    }
}
