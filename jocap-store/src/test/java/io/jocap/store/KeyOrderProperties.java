package io.jocap.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.jocap.testkit.Gen;
import io.jocap.testkit.PropertyCheck;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Key order must be SQLite's: the byte order of UTF-8. */
class KeyOrderProperties {
    /** Mixes ASCII, the top of the BMP and supplementary characters: where UTF-16 order disagrees. */
    static Gen<String> keys() {
        Gen<String> chunk = Gen.anyOf(
                Gen.stringsInRange('a', 'c', 2),
                Gen.stringsInRange('\uE000', '\uFFFF', 1),
                Gen.ints(0x10000, 0x10FFFF).map(Character::toString),
                Gen.stringsInRange('\u0000', '\u0001', 1));
        return Gen.listOf(chunk, 4).map(parts -> String.join("", parts));
    }

    static Gen<List<String>> pairs() {
        Gen<String> keys = keys();
        return (random, size) -> List.of(keys.next(random, size), keys.next(random, size));
    }

    @Test
    void comparesLikeUtf8Bytes() {
        PropertyCheck.forAll("KeyOrder.compare is UTF-8 byte order", 2000, pairs(), pair -> {
            String a = pair.get(0);
            String b = pair.get(1);
            int expected = Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
            assertThat(Integer.signum(KeyOrder.compare(a, b))).isEqualTo(Integer.signum(expected));
        });
    }

    @Test
    void prefixEndBoundsExactlyTheKeysWithThePrefix() {
        PropertyCheck.forAll("prefixEnd bounds the prefix range", 2000, pairs(), pair -> {
            String prefix = pair.get(0);
            String key = pair.get(1);
            String end = KeyOrder.prefixEnd(prefix);
            boolean inRange = KeyOrder.compare(key, prefix) >= 0 && (end == null || KeyOrder.compare(key, end) < 0);
            assertThat(inRange).as("prefix %s end %s key %s", prefix, end, key).isEqualTo(key.startsWith(prefix));
        });
    }
}
