package io.jocap.kernel.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jocap.kernel.errors.KernelErrorCode;
import io.jocap.kernel.errors.KernelErrors;
import io.jocap.kernel.route.Route.DeliverToEndpoint;
import io.jocap.kernel.route.Route.ForwardToRemote;
import io.jocap.kernel.route.Route.InvokeService;
import io.jocap.kernel.route.Route.QueueOnPromise;
import io.jocap.kernel.route.Route.Splat;
import io.jocap.marshal.CapData;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RouteTest {
    @Test
    void partsAreChecked() {
        assertThatThrownBy(() -> new DeliverToEndpoint("kernel", "ko1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DeliverToEndpoint("v1", "kp1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InvokeService("kp1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new QueueOnPromise("ko1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ForwardToRemote("v1", "kp1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"v1\"");
        assertThatThrownBy(() -> new ForwardToRemote("r1", "ko1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Splat(null, Optional.empty())).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Splat(new CapData("#1", List.of()), null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void splatFactoriesTellKernelErrorsFromRejections() {
        Splat kernel = Splat.kernelError(KernelErrorCode.OBJECT_DELETED);
        assertThat(kernel.code()).contains(KernelErrorCode.OBJECT_DELETED);
        assertThat(kernel.rejection()).isEqualTo(KernelErrors.toCapData(KernelErrorCode.OBJECT_DELETED));
        Splat detailed = Splat.kernelError(KernelErrorCode.DELIVERY_FAILED, "queue full");
        assertThat(detailed.rejection()).isEqualTo(KernelErrors.toCapData(KernelErrorCode.DELIVERY_FAILED, "queue full"));
        CapData value = new CapData("#\"no\"", List.of());
        assertThat(Splat.rejectedWith(value)).isEqualTo(new Splat(value, Optional.empty()));
    }

    @Test
    void routesAreExhaustivelySwitchable() {
        List<Route> routes = List.of(new DeliverToEndpoint("v1", "ko1"), new InvokeService("ko2"),
                new QueueOnPromise("kp1"), new ForwardToRemote("r1", "kp2"),
                Splat.kernelError(KernelErrorCode.OBJECT_REVOKED));
        List<String> kinds = routes.stream().map(r -> switch (r) {
            case DeliverToEndpoint d -> "deliver " + d.endpoint();
            case InvokeService s -> "service";
            case QueueOnPromise q -> "queue";
            case ForwardToRemote fwd -> "forward " + fwd.endpoint();
            case Splat s -> "splat";
        }).toList();
        assertThat(kinds).containsExactly("deliver v1", "service", "queue", "forward r1", "splat");
    }
}
