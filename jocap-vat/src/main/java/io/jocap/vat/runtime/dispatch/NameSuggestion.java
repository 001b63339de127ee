package io.jocap.vat.runtime.dispatch;

import java.util.Collection;
import java.util.Optional;

/**
 * The "did you mean" for a misspelt method name: the closest name within {@value #MAX_DISTANCE}
 * edits (insertions, deletions, substitutions, or swaps of neighbouring characters).
 */
final class NameSuggestion {
    /** Further than this, a suggestion is more likely a distraction than a help. */
    static final int MAX_DISTANCE = 2;

    private NameSuggestion() {}

    /**
     * The name in {@code names} closest to {@code wanted}, if one is at most {@value
     * #MAX_DISTANCE} edits away and fewer edits than its own length (so {@code "a"} does not
     * suggest {@code "b"}). Ties go to the first name in {@code names}' order.
     */
    static Optional<String> closest(String wanted, Collection<String> names) {
        String best = null;
        int bestDistance = MAX_DISTANCE + 1;
        for (String name : names) {
            // Cheap bound first: the caller chooses the wanted name, and it may be huge.
            if (Math.abs(name.length() - wanted.length()) >= bestDistance) {
                continue;
            }
            int d = distance(wanted, name);
            if (d < bestDistance && d < name.length()) {
                best = name;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The optimal-string-alignment distance: Levenshtein plus swaps of adjacent characters. */
    static int distance(String a, String b) {
        int[] before = new int[b.length() + 1]; // row i - 2
        int[] previous = new int[b.length() + 1]; // row i - 1
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int d = Math.min(Math.min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d = Math.min(d, before[j - 2] + 1);
                }
                current[j] = d;
            }
            int[] recycled = before;
            before = previous;
            previous = current;
            current = recycled;
        }
        return previous[b.length()];
    }
}
