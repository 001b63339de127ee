package io.jocap.kernel.state;

import java.util.List;
import java.util.Objects;

/**
 * What a {@link RefAudit} found: one sentence per problem, empty when the state is consistent.
 *
 * @param problems the problems, in a stable order (structural problems as met while scanning, then
 *     count mismatches by kind and number)
 */
public record AuditReport(List<String> problems) {
    public AuditReport {
        problems = List.copyOf(Objects.requireNonNull(problems, "problems"));
    }

    /** Whether nothing was found. */
    public boolean isClean() {
        return problems.isEmpty();
    }

    @Override
    public String toString() {
        if (problems.isEmpty()) {
            return "reference audit: clean";
        }
        return "reference audit: " + problems.size() + " problem" + (problems.size() == 1 ? "" : "s")
                + "\n  " + String.join("\n  ", problems);
    }
}
