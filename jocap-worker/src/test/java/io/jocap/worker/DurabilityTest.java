package io.jocap.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jocap.kernel.errors.KernelException;
import io.jocap.kernel.host.VatLaunchException;
import io.jocap.marshal.RemotableRef;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** Baggage and durable objects across vat restarts, on a real kernel with in-process workers. */
class DurabilityTest {

    @Test
    void baggageAndDurableObjectsSurviveAVatRestart() throws Exception {
        try (Cluster cluster = new Cluster()) {
            String keeper = cluster.launch("keeper", DurableVats.Keeper::new);
            String echo = cluster.launch("echo", TestVats.Echo::new);
            assertThat(cluster.call(keeper, "increment")).isEqualTo(1.0);
            assertThat(cluster.call(keeper, "increment")).isEqualTo(2.0);
            cluster.call(keeper, "remember", new RemotableRef(echo));
            RemotableRef durable = (RemotableRef) cluster.call(keeper, "newCounter");
            RemotableRef ephemeral = (RemotableRef) cluster.call(keeper, "ephemeral");
            assertThat(cluster.call(durable.slot(), "increment")).isEqualTo(101.0);

            assertThat(cluster.restart("v1", DurableVats.Keeper::new, Map.of())).isEqualTo(keeper);

            assertThat(cluster.call(keeper, "increment")).as("the durable counter kept its count").isEqualTo(3.0);
            assertThat(cluster.call(keeper, "callFriend", "hi")).as("the presence kept in baggage").isEqualTo("hi");
            assertThat(cluster.call(durable.slot(), "increment")).as("a durable object other vats hold").isEqualTo(102.0);
            assertThat(cluster.failure(ephemeral.slot(), "increment"))
                    .isInstanceOf(KernelException.class).hasMessageContaining("OBJECT_DELETED");
            assertThat(cluster.call(keeper, "keys")).isEqualTo(List.of("counter", "friend"));
            assertThat(cluster.call(keeper, "increment")).as("the vat was not harmed").isEqualTo(4.0);
            cluster.assertAuditClean();
        }
    }

    @Test
    void aRestartThatForgetsADurableKindFailsNamingIt() throws Exception {
        try (Cluster cluster = new Cluster()) {
            String keeper = cluster.launch("keeper", DurableVats.Keeper::new);
            cluster.call(keeper, "increment");
            assertThatThrownBy(() -> cluster.restart("v1", DurableVats.Forgetful::new, Map.of()))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(VatLaunchException.class)
                    .hasMessageContaining("did not redefine the durable kind \"Counter\"");
            cluster.assertAuditClean();
        }
    }

    @Test
    void ephemeralObjectsCannotBeStoredInBaggage() throws Exception {
        try (Cluster cluster = new Cluster()) {
            String keeper = cluster.launch("keeper", DurableVats.Keeper::new);
            assertThat((String) cluster.call(keeper, "storeEphemeral"))
                    .contains("cannot store \"bad\" in baggage").contains("ephemeral");
        }
    }
}
