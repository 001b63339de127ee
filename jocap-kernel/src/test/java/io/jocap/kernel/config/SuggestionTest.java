package io.jocap.kernel.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionTest {
    @Test
    void countsInsertionsDeletionsReplacementsAndSwaps() {
        assertThat(Suggestion.edits("jar", "jar")).isZero();
        assertThat(Suggestion.edits("endowment", "endowments")).isEqualTo(1);
        assertThat(Suggestion.edits("sources", "source")).isEqualTo(1);
        assertThat(Suggestion.edits("Class", "class")).isEqualTo(1);
        assertThat(Suggestion.edits("jra", "jar")).isEqualTo(1);
        assertThat(Suggestion.edits("wroker", "worker")).isEqualTo(1);
        assertThat(Suggestion.edits("", "abc")).isEqualTo(3);
        assertThat(Suggestion.edits("kitten", "sitting")).isEqualTo(3);
    }

    @Test
    void suggestsTheClosestWithinTwoEdits() {
        List<String> known = List.of("source", "jar", "directory", "class");

        assertThat(Suggestion.closest("sorce", known)).contains("source");
        assertThat(Suggestion.edits("drctr", "directory")).isEqualTo(4);
        assertThat(Suggestion.closest("drctr", known)).isEmpty();
        assertThat(Suggestion.closest("drectroy", known)).contains("directory"); // an insertion and a swap
        assertThat(Suggestion.closest("dirctory", known)).contains("directory");
        assertThat(Suggestion.didYouMean("clas", known)).isEqualTo("; did you mean \"class\"?");
        assertThat(Suggestion.didYouMean("zzz", known)).isEmpty();
    }

    @Test
    void neverSuggestsANameThatIsMostlyEdits() {
        // "ab" is two edits from "xy", as many as "xy" has characters: nothing in common.
        assertThat(Suggestion.closest("ab", List.of("xy"))).isEmpty();
        assertThat(Suggestion.closest("x", List.of("jar"))).isEmpty();
        assertThat(Suggestion.closest("ja", List.of("jar"))).contains("jar");
    }

    @Test
    void onATieTheFirstKnownNameWins() {
        assertThat(Suggestion.closest("cat", List.of("bat", "cab", "car"))).contains("bat");
        assertThat(Suggestion.closest("cat", List.of("cab", "bat"))).contains("cab");
    }

    @Test
    void aHugeNameIsComparedCheaply() {
        assertThat(Suggestion.closest("x".repeat(1_000_000), List.of("source", "jar"))).isEmpty();
    }
}
