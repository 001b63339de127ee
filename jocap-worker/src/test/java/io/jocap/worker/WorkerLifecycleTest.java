package io.jocap.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.jocap.kernel.errors.KernelException;
import io.jocap.kernel.host.InboxItem;
import io.jocap.kernel.host.Kernel;
import io.jocap.protocol.DeliveryResult;
import io.jocap.protocol.Syscall;
import io.jocap.vat.powers.Endowments;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The worker's life with the kernel: faults terminate the vat and stop its worker; others carry on. */
class WorkerLifecycleTest {

    @Test
    void aVatTerminatedByTheKernelHasItsWorkerStoppedAndOthersCarryOn() throws Exception {
        try (Kernel kernel = Kernel.openTemporary()) {
            InProcessWorker doomed = InProcessWorker.start("doomed", TestVats.Echo::new, Endowments.loggerOnly("doomed"),
                    line -> {}, turn -> {}, Duration.ofSeconds(30));
            InProcessWorker other = InProcessWorker.start("other", TestVats.Echo::new, Endowments.loggerOnly("other"),
                    line -> {}, turn -> {}, Duration.ofSeconds(30));
            try {
                String doomedRoot = kernel.launchVat("v1", doomed, Map.of()).get(30, TimeUnit.SECONDS);
                String otherRoot = kernel.launchVat("v2", other, Map.of()).get(30, TimeUnit.SECONDS);
                // An external turn that makes an illegal syscall: the kernel terminates the vat.
                InboxItem.VatTurn bad = new InboxItem.VatTurn("v1", port -> {
                    port.syscall(new Syscall.Subscribe("p-99"));
                    return DeliveryResult.OK;
                });
                kernel.inbox().offer(bad);
                assertThat(bad.done()).failsWithin(30, TimeUnit.SECONDS);
                assertThat(doomed.isStopped()).as("the kernel told the worker").isTrue();
                assertThat(kernel.queueMessage(doomedRoot, "echo", List.of("x")))
                        .failsWithin(30, TimeUnit.SECONDS).withThrowableThat().havingCause()
                        .isInstanceOf(KernelException.class).withMessageContaining("OBJECT_DELETED");
                assertThat(kernel.queueMessage(otherRoot, "echo", List.of("still here")).get(30, TimeUnit.SECONDS))
                        .isEqualTo("still here");
                assertThat(other.isStopped()).isFalse();
            } finally {
                doomed.close();
                other.close();
            }
        }
    }

    @Test
    void valuesArePassedAlikeWhetherReturnedOrSettledLater() throws Exception {
        try (Cluster cluster = new Cluster()) {
            String echo = cluster.launch("echo", TestVats.Echo::new);
            assertThat(cluster.call(echo, "point")).isEqualTo(Map.of("x", 1.0, "y", 2.0));
            assertThat(cluster.call(echo, "pointLater")).isEqualTo(Map.of("x", 3.0, "y", 4.0));
            assertThat(cluster.call(echo, "colourLater")).isEqualTo("GREEN");
            assertThat(cluster.failure(echo, "unpassableLater"))
                    .hasMessageContaining("the result could not be passed").hasMessageContaining("java.lang.Object");
            assertThat(cluster.call(echo, "echo", "still here")).isEqualTo("still here");
        }
    }

    @Test
    void aVatWhoseConstructorThrowsCannotBeStarted() {
        java.util.function.Supplier<io.jocap.vat.Vat> broken = () -> {
            throw new IllegalStateException("no configuration");
        };
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> InProcessWorker.start("broken", broken,
                        Endowments.loggerOnly("broken"), line -> {}, turn -> {}, Duration.ofSeconds(30)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("vat broken could not be made").hasMessageContaining("no configuration");
    }

    @Test
    void aWrongArgumentTypeRejectsTheCallAndTheVatKeepsWorking() throws Exception {
        try (Cluster cluster = new Cluster()) {
            String echo = cluster.launch("echo", TestVats.Echo::new);
            assertThat(cluster.failure(echo, "add", "one", 2))
                    .hasMessageContaining("argument 1").hasMessageContaining("\"one\" (a string)");
            assertThat(cluster.call(echo, "add", 1, 2)).isEqualTo(3.0);
        }
    }
}
