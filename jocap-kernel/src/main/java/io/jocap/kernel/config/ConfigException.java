package io.jocap.kernel.config;

import java.util.List;
import java.util.Objects;

/**
 * A cluster config (or one vat's config) is wrong: not JSON, unreadable, or against the rules of
 * {@code docs/cluster-config.md}.
 *
 * <p>The message has one line per problem, each {@code <path>: <what is wrong>}, where the path
 * leads to the offending value as in {@code vats.alice.network.allowedHosts[2]}, {@code bootstrap}
 * or {@code (top level)}. All problems of one config are reported together, so a user can fix
 * them in one go; those of one vat come together, and the vats in their order. No line contains a
 * line break: values quoted in messages are written as JSON strings.
 */
public class ConfigException extends IllegalArgumentException {
    private final List<String> problems;

    /**
     * Creates an exception for the given problems, each a line {@code <path>: <what is wrong>}.
     *
     * @throws IllegalArgumentException if there are none
     */
    public ConfigException(List<String> problems) {
        super(String.join("\n", checked(problems)));
        this.problems = List.copyOf(problems);
    }

    /** Creates an exception for one problem, a line {@code <path>: <what is wrong>}. */
    public ConfigException(String problem) {
        this(List.of(problem));
    }

    /** The problems, one line each, in the order the message lists them; never empty. */
    public List<String> problems() {
        return problems;
    }

    private static List<String> checked(List<String> problems) {
        Objects.requireNonNull(problems, "problems");
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one problem");
        }
        return problems;
    }
}
