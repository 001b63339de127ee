package io.jocap.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jocap.testkit.Gen;
import io.jocap.testkit.PropertyCheck;
import java.math.BigInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class VrefTest {
    @ParameterizedTest
    @ValueSource(strings = {"o+0", "o-0", "p+0", "p-0", "o+1", "o-42", "p+5", "p-17", "o+v1/0", "o+v10/3",
        "o+d10/1", "o+d10/1:0", "o+v2/7:12", "o+d0/0:0", "o+9007199254740991", "o+d6/1"})
    void accepts(String text) {
        assertThat(Vref.isValid(text)).isTrue();
        assertThat(Vref.parse(text).text()).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "o", "p", "o+", "p+", "p-", "x+1", "O+1", "o*1", "o+01", "p-00", "o+v01/1",
        "o+d1/01", "o+d1/1:01", "o-d1/1", "o-v1/1", "p+v1/1", "p+d1/1", "o+v1/", "o+v1", "o+d/1", "o+d1/1:",
        "o+1:0", "o+1/2", "o+ 1", " o+1", "o+1 ", "o+1a", "o+-1", "o++1", "o+9007199254740992",
        "o+99999999999999999999", "ko1", "kp1", "d-1", "d+1", "ro+1", "o+d1/1:2:3", "o+\u0661"})
    void rejects(String text) {
        assertThat(Vref.isValid(text)).isFalse();
        assertThatThrownBy(() -> Vref.parse(text)).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("is not a vat reference: ");
    }

    @Test
    void messagesSayWhatIsWrongWhere() {
        assertThat(problem("")).isEqualTo("\"\" is not a vat reference: it is empty");
        assertThat(problem("x+1")).isEqualTo("\"x+1\" is not a vat reference: expected 'o' (object) or 'p' (promise)"
                + " at position 0 ('x')");
        assertThat(problem("p+")).isEqualTo("\"p+\" is not a vat reference: expected a decimal digit at position 2"
                + " (the end)");
        assertThat(problem("o+v1/")).isEqualTo("\"o+v1/\" is not a vat reference: expected a decimal digit at"
                + " position 5 (the end)");
        assertThat(problem("o+01")).endsWith("a number has a leading zero at position 2 ('0')");
        assertThat(problem("o-d1/1")).endsWith("virtual and durable references ('v', 'd') are exports only ('o+')"
                + " at position 2 ('d')");
        assertThat(problem("o+1:0")).endsWith("unexpected text after the reference at position 3 (':')");
        assertThat(problem("o*1")).endsWith("expected '+' (export) or '-' (import) after the type letter at"
                + " position 1 ('*')");
        assertThat(problem("o+v1")).endsWith("expected '/' between the kind and the instance number at position 4"
                + " (the end)");
        assertThat(problem("o+9007199254740992")).endsWith("a number is larger than 2^53-1 at position 2 ('9')");
        assertThat(problem("o+1\n")).endsWith("at position 3 (U+000A)");
        assertThat(problem("o+\"x")).startsWith("\"o+\\\"x\" is not"); // quoted as JSON
        assertThat(problem("o+" + "1".repeat(5000))).contains("… (5002 chars)").hasSizeLessThan(200);
        assertThatThrownBy(() -> Vref.parse(null)).isInstanceOf(ProtocolException.class)
                .hasMessage("a vat reference is null");
        assertThat(Vref.isValid(null)).isFalse();
    }

    private static String problem(String text) {
        try {
            Vref.parse(text);
        } catch (ProtocolException e) {
            return e.getMessage();
        }
        throw new AssertionError("accepted " + text);
    }

    @Test
    void accessors() {
        Vref durableFacet = Vref.parse("o+d10/1:0");
        assertThat(durableFacet.isObject()).isTrue();
        assertThat(durableFacet.isPromise()).isFalse();
        assertThat(durableFacet.isExport()).isTrue();
        assertThat(durableFacet.isImport()).isFalse();
        assertThat(durableFacet.isDurable()).isTrue();
        assertThat(durableFacet.isVirtual()).isFalse();
        assertThat(durableFacet.hasFacet()).isTrue();

        Vref virtual = Vref.parse("o+v3/4");
        assertThat(virtual.isVirtual()).isTrue();
        assertThat(virtual.isDurable()).isFalse();
        assertThat(virtual.hasFacet()).isFalse();

        Vref imported = Vref.parse("p-3");
        assertThat(imported.isPromise()).isTrue();
        assertThat(imported.isObject()).isFalse();
        assertThat(imported.isImport()).isTrue();
        assertThat(imported.isExport()).isFalse();
        assertThat(imported.isDurable() || imported.isVirtual() || imported.hasFacet()).isFalse();

        assertThat(Vref.parse("o-7").isImport()).isTrue();
        assertThat(Vref.ROOT.text()).isEqualTo("o+0");
        assertThat(Vref.ROOT.isExport() && Vref.ROOT.isObject() && !Vref.ROOT.isDurable()).isTrue();
        assertThat(Vref.parse("o+0")).isEqualTo(Vref.ROOT).hasSameHashCodeAs(Vref.ROOT).hasToString("o+0");
        assertThat(Vref.isValidPromise("p+1")).isTrue();
        assertThat(Vref.isValidPromise("o+1")).isFalse();
        assertThat(Vref.isValidPromise("p+01")).isFalse();
        assertThat(Vref.isValidPromise(null)).isFalse();
    }

    /** The grammar as a regular expression, plus the 2^53-1 bound: an independent oracle for the scanner. */
    private static final Pattern GRAMMAR = Pattern.compile(
            "(?:p[+-]|o-)(0|[1-9][0-9]*)|o\\+(?:(0|[1-9][0-9]*)|[vd](0|[1-9][0-9]*)/(0|[1-9][0-9]*)(?::(0|[1-9][0-9]*))?)");
    private static final BigInteger MAX_SAFE = BigInteger.TWO.pow(53).subtract(BigInteger.ONE);

    private static boolean oracle(String text) {
        Matcher m = GRAMMAR.matcher(text);
        if (!m.matches()) {
            return false;
        }
        for (int g = 1; g <= m.groupCount(); g++) {
            if (m.group(g) != null && new BigInteger(m.group(g)).compareTo(MAX_SAFE) > 0) {
                return false;
            }
        }
        return true;
    }

    @Test
    void scannerAgreesWithTheRegularGrammar() {
        Gen<String> nearMisses = Gen.anyOf(
                Gen.stringsOf("op+-vd/:0123456789", 14),
                // mostly well-formed prefixes with random tails, so valid cases are common too
                (random, size) -> Gen.oneOf("o+", "o-", "p+", "p-", "o+v", "o+d", "o-d").next(random, size)
                        + Gen.stringsOf("0123456789/:", 8).next(random, size),
                (random, size) -> "o+" + Gen.oneOf("v", "d").next(random, size)
                        + Gen.stringsOf("0123456789", 20).next(random, size) + "/"
                        + Gen.stringsOf("0123456789", 3).next(random, size));
        PropertyCheck.forAll("isValid agrees with the regex", 5000, nearMisses, text -> {
            boolean expected = oracle(text);
            assertThat(Vref.isValid(text)).as(text).isEqualTo(expected);
            if (expected) {
                assertThat(Vref.parse(text).text()).isEqualTo(text);
            } else {
                assertThatThrownBy(() -> Vref.parse(text)).isInstanceOf(ProtocolException.class);
            }
        });
    }
}
