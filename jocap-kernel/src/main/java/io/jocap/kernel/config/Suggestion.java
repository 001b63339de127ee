package io.jocap.kernel.config;

import java.util.List;
import java.util.Optional;

/**
 * The "did you mean" for a misspelt field name or value: the closest known name within {@value
 * #MAX_EDITS} edits, where an edit inserts, deletes or replaces a character, or swaps two
 * neighbouring ones (the commonest typo).
 */
final class Suggestion {
    /** Further than this, a suggestion more often distracts than helps. */
    static final int MAX_EDITS = 2;

    private Suggestion() {}

    /**
     * The name in {@code known} closest to {@code given}, if it is at most {@value #MAX_EDITS} edits
     * away and fewer edits than its own length (so {@code "x"} does not suggest {@code "jar"}); on a
     * tie, the first in {@code known}.
     */
    static Optional<String> closest(String given, List<String> known) {
        String best = null;
        int bestEdits = MAX_EDITS + 1;
        for (String name : known) {
            // Each edit changes the length by at most one; this also spares us huge given names.
            if (Math.abs(name.length() - given.length()) >= bestEdits) {
                continue;
            }
            int edits = edits(given, name);
            if (edits < bestEdits && edits < name.length()) {
                best = name;
                bestEdits = edits;
            }
        }
        return Optional.ofNullable(best);
    }

    /** {@code "; did you mean \"name\"?"} for the closest name, or the empty string. */
    static String didYouMean(String given, List<String> known) {
        return closest(given, known).map(name -> "; did you mean " + Quote.of(name) + "?").orElse("");
    }

    /** Edits between {@code a} and {@code b} (optimal string alignment distance). */
    static int edits(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int replace = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int best = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + replace);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    best = Math.min(best, d[i - 2][j - 2] + 1);
                }
                d[i][j] = best;
            }
        }
        return d[a.length()][b.length()];
    }
}
