package io.jocap.marshal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class JsNumberFormatTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "1e21                    | 1e+21",
        "-1e21                   | -1e+21",
        "1e20                    | 100000000000000000000",
        "123456789012345680000   | 123456789012345680000",
        "1e-7                    | 1e-7",
        "1.5e-7                  | 1.5e-7",
        "1e-6                    | 0.000001",
        "5e-324                  | 5e-324",
        "1e-323                  | 1e-323",
        "3.5e-323                | 3.5e-323",
        "2.2250738585072014e-308 | 2.2250738585072014e-308",
        "1.7976931348623157e308  | 1.7976931348623157e+308",
        "0.1                     | 0.1",
        "0.30000000000000004     | 0.30000000000000004",
        "100                     | 100",
        "-1.5e-10                | -1.5e-10",
        "1.5                     | 1.5",
        "-1                      | -1",
        "0                       | 0",
        "-0.0                    | 0",
        "9007199254740994        | 9007199254740994",
        "18446744073709552000    | 18446744073709552000",
        "1e100                   | 1e+100",
        "12345.6789              | 12345.6789",
        "1e23                    | 1e+23",
        "0.001                   | 0.001",
        "1e7                     | 10000000",
    })
    void formatsLikeJavaScriptNumberToString(double value, String expected) {
        assertThat(JsNumberFormat.toJsString(value)).isEqualTo(expected);
    }

    @Test
    void nonFiniteValuesUseTheirJavaScriptNames() {
        assertThat(JsNumberFormat.toJsString(Double.NaN)).isEqualTo("NaN");
        assertThat(JsNumberFormat.toJsString(Double.POSITIVE_INFINITY)).isEqualTo("Infinity");
        assertThat(JsNumberFormat.toJsString(Double.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
    }

    @Test
    void encoderWritesNumbersAndConstants() {
        Smallcaps codec = Smallcaps.standard();
        List<Object> numbers = List.of(1e21, -0.0, Double.NaN, Double.NEGATIVE_INFINITY, 5e-324, 7, 7L, (short) 3,
                (byte) -2, 0.1f);
        assertThat(codec.encode(numbers).body())
                .isEqualTo("#[1e+21,0,\"#NaN\",\"#-Infinity\",5e-324,7,7,3,-2,0.10000000149011612]");
    }
}
