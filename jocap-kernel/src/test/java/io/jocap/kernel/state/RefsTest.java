package io.jocap.kernel.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RefsTest {
    @Test
    void krefsAreClassifiedAndNumbered() {
        assertThat(Kref.isObject("ko12")).isTrue();
        assertThat(Kref.isPromise("ko12")).isFalse();
        assertThat(Kref.isPromise("kp3")).isTrue();
        assertThat(Kref.kind("kp3")).isEqualTo(RefKind.PROMISE);
        assertThat(Kref.number("ko12")).isEqualTo(12);
        assertThat(Kref.object(7)).isEqualTo("ko7");
        assertThat(Kref.promise(1)).isEqualTo("kp1");
        assertThat(Kref.number(Kref.object(999_999_999_999_999_999L))).isEqualTo(999_999_999_999_999_999L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "k", "ko", "kp", "ko0", "ko01", "kx1", "Ko1", "ko1 ", "ko-1", "ko1a", "o-1",
            "ko1234567890123456789", "ko١"})
    void malformedKrefsAreRejectedWithTheValueAndTheExpectedForm(String bad) {
        assertThat(Kref.isValid(bad)).isFalse();
        assertThatThrownBy(() -> Kref.require(bad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a kernel reference: \"" + bad + "\"")
                .hasMessageContaining("expected ko<N> or kp<N>");
        assertThatThrownBy(() -> Kref.isObject(bad)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void kindSpecificChecksNameTheKind() {
        assertThat(Kref.requireObject("ko1")).isEqualTo("ko1");
        assertThat(Kref.requirePromise("kp1")).isEqualTo("kp1");
        assertThatThrownBy(() -> Kref.requireObject("kp1")).hasMessageContaining("not a kernel object reference: \"kp1\"");
        assertThatThrownBy(() -> Kref.requirePromise("ko1")).hasMessageContaining("not a kernel promise reference: \"ko1\"");
        assertThatThrownBy(() -> Kref.require(null)).hasMessageContaining("not a kernel reference: null");
        assertThatThrownBy(() -> Kref.object(0)).hasMessageContaining("start at 1");
    }

    @Test
    void endpointIds() {
        assertThat(EndpointId.vat(3)).isEqualTo("v3");
        assertThat(EndpointId.remote(1)).isEqualTo("r1");
        assertThat(EndpointId.isVat("v10")).isTrue();
        assertThat(EndpointId.isRemote("r2")).isTrue();
        assertThat(EndpointId.isKernel("kernel")).isTrue();
        assertThat(EndpointId.require("kernel")).isEqualTo("kernel");
        for (String bad : new String[] {"v", "v0", "v01", "x1", "r", "rq", "kernel1", "", "V1"}) {
            assertThat(EndpointId.isValid(bad)).as(bad).isFalse();
            assertThatThrownBy(() -> EndpointId.require(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not an endpoint id: \"" + bad + "\"");
        }
        assertThatThrownBy(() -> EndpointId.requireVatOrRemote("kernel"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a vat or remote id: \"kernel\"");
    }

    @Test
    void erefsHaveKindAndPolarityAndSuitTheirEndpoint() {
        assertThat(Eref.isValidFor("v1", "o+0")).isTrue();
        assertThat(Eref.isValidFor("v1", "o+d12/3:1")).isTrue();
        assertThat(Eref.isValidFor("v1", "p-4")).isTrue();
        assertThat(Eref.isValidFor("v1", "ro-4")).isFalse();
        assertThat(Eref.isValidFor("r1", "ro-4")).isTrue();
        assertThat(Eref.isValidFor("r1", "rp+7")).isTrue();
        assertThat(Eref.isValidFor("r1", "o-4")).isFalse();
        for (String bad : new String[] {"o", "o+", "o*1", "x+1", "o+1 2", "o+\u00e9", "ko1", ""}) {
            assertThat(Eref.isValidFor("v1", bad)).as(bad).isFalse();
        }
        assertThatThrownBy(() -> Eref.requireFor("v2", "ro-1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a reference of v2: \"ro-1\"");

        assertThat(Eref.kind("o-1")).isEqualTo(RefKind.OBJECT);
        assertThat(Eref.kind("rp+1")).isEqualTo(RefKind.PROMISE);
        assertThat(Eref.isImport("o-1")).isTrue();
        assertThat(Eref.isExport("o+1")).isTrue();
        assertThat(Eref.isImport("rp-2")).isTrue();
        assertThat(Eref.isExport("ro+2")).isTrue();
        assertThat(Eref.imported("v1", RefKind.OBJECT, 4)).isEqualTo("o-4");
        assertThat(Eref.imported("r1", RefKind.PROMISE, 2)).isEqualTo("rp-2");
        assertThatThrownBy(() -> Eref.imported("kernel", RefKind.OBJECT, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
