package io.jocap.vat.runtime.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.jocap.marshal.PassStyle;
import io.jocap.marshal.Remotable;
import io.jocap.vat.Far;
import org.junit.jupiter.api.Test;

/** {@link Far}'s default iface, as the marshaller sees it. */
class FarIfaceTest {
    static final class Purse implements Far {}

    @Test
    void theIfaceIsAllegedAndTheSimpleName() {
        assertThat(new Purse().iface()).isEqualTo("Alleged: Purse");
        assertThat(PassStyle.of(new Purse())).isEqualTo(PassStyle.REMOTABLE);
    }

    @Test
    void anAnonymousClassIsAllegedFar() {
        Far anonymous = new Far() {};
        assertThat(anonymous.iface()).isEqualTo("Alleged: Far");
        assertThat(Remotable.isValidIface(anonymous.iface())).isTrue();
    }
}
