package io.jocap.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PropertyCheckTest {
    @AfterEach
    void clearSeed() {
        System.clearProperty("jocap.seed");
    }

    @Test
    void runsEveryTryWhenThePropertyHolds() {
        List<Integer> seen = new ArrayList<>();
        PropertyCheck.forAll("collects", 50, Gen.ints(0, 9), seen::add);
        int expected = Boolean.getBoolean("jocap.soak") ? 50 * PropertyCheck.SOAK_FACTOR : 50;
        assertThat(seen).hasSize(expected).allMatch(i -> i >= 0 && i <= 9);
    }

    @Test
    void aFailureNamesTheTryAndASeedThatReplaysTheSameCases() {
        Gen<List<Integer>> lists = Gen.listOf(Gen.ints(0, 1000), 30);
        String message = null;
        try {
            PropertyCheck.forAll("no list has a 7", 500, lists, l -> assertThat(l).doesNotContain(7));
        } catch (AssertionError e) {
            message = e.getMessage();
        }
        assertThat(message).contains("property 'no list has a 7' failed on try").contains("-Djocap.seed=");

        String seed = message.replaceAll("(?s).*-Djocap.seed=(-?\\d+).*", "$1");
        System.setProperty("jocap.seed", seed);
        String firstCase = message.replaceAll("(?s).*case: ([^\\n]*).*", "$1");
        assertThatThrownBy(() -> PropertyCheck.forAll("no list has a 7", 500, lists, l -> assertThat(l).doesNotContain(7)))
                .hasMessageContaining("case: " + firstCase);
    }

    @Test
    void sizesStartSmall() {
        List<Integer> lengths = new ArrayList<>();
        PropertyCheck.forAll("lengths", 100, Gen.utf16Strings(1000), s -> lengths.add(s.length()));
        assertThat(lengths.get(0)).isLessThanOrEqualTo(1);
        assertThat(lengths).allMatch(n -> n <= PropertyCheck.MAX_SIZE);
    }

    @Test
    void utf16StringsIncludeLoneSurrogatesAndControlCharacters() {
        StringBuilder all = new StringBuilder();
        PropertyCheck.forAll("strings", 300, Gen.utf16Strings(64), all::append);
        String s = all.toString();
        assertThat(s.chars().anyMatch(c -> c < 0x20)).isTrue();
        boolean lone = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && (i + 1 == s.length() || !Character.isLowSurrogate(s.charAt(i + 1)))) {
                lone = true;
            }
        }
        assertThat(lone).isTrue();
    }

    @Test
    void badSeedIsExplained() {
        System.setProperty("jocap.seed", "abc");
        assertThatThrownBy(() -> PropertyCheck.forAll("x", 1, Gen.ints(0, 1), i -> {}))
                .hasMessageContaining("jocap.seed must be a whole number, got: abc");
    }
}
