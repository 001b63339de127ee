package io.jocap.vat.runtime.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NameSuggestionTest {
    @Test
    void distanceCountsInsertionsDeletionsSubstitutionsAndSwaps() {
        assertThat(NameSuggestion.distance("increment", "increment")).isZero();
        assertThat(NameSuggestion.distance("incremnt", "increment")).isEqualTo(1);
        assertThat(NameSuggestion.distance("incrementt", "increment")).isEqualTo(1);
        assertThat(NameSuggestion.distance("docrement", "decrement")).isEqualTo(1);
        assertThat(NameSuggestion.distance("rade", "read")).isEqualTo(2);
        assertThat(NameSuggestion.distance("raed", "read")).isEqualTo(1);
        assertThat(NameSuggestion.distance("", "abc")).isEqualTo(3);
        assertThat(NameSuggestion.distance("kitten", "sitting")).isEqualTo(3);
    }

    @Test
    void suggestsTheClosestNameWithinTwoEdits() {
        List<String> names = List.of("deposit", "getBalance", "withdraw");
        assertThat(NameSuggestion.closest("withdrew", names)).contains("withdraw");
        assertThat(NameSuggestion.closest("getbalanse", names)).contains("getBalance");
        assertThat(NameSuggestion.closest("balance", names)).isEmpty();
        assertThat(NameSuggestion.closest("x".repeat(100_000), names)).isEmpty();
    }

    @Test
    void prefersTheNearestAndThenTheFirst() {
        assertThat(NameSuggestion.closest("red", List.of("read", "ред", "rex"))).contains("read");
        assertThat(NameSuggestion.closest("cat", List.of("bat", "cab"))).contains("bat");
        assertThat(NameSuggestion.closest("cab", List.of("bat", "cab"))).contains("cab");
    }

    @Test
    void doesNotSuggestNamesAsShortAsTheEdits() {
        assertThat(NameSuggestion.closest("a", List.of("b"))).isEmpty();
        assertThat(NameSuggestion.closest("ab", List.of("cd"))).isEmpty();
        assertThat(NameSuggestion.closest("abc", List.of("abd"))).contains("abd");
    }
}
