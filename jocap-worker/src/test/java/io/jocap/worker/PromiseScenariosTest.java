package io.jocap.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.jocap.marshal.RemotableRef;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Liveslots-style promise scenarios between three vats (A drives, B and C answer), on a real
 * kernel with in-process workers. Each scenario is one message from the host to A, whose answer
 * says what A observed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PromiseScenariosTest {
    private Cluster cluster;
    private String a;

    /** The cluster the scenarios run on; subclasses run them with other workers. */
    Cluster newCluster() {
        return new Cluster();
    }

    @BeforeAll
    void launch() throws Exception {
        cluster = newCluster();
        a = cluster.launch("alice", TestVats.Driver::new);
        String b = cluster.launch("bob", TestVats.Echo::new);
        String c = cluster.launch("carol", TestVats.Echo::new);
        cluster.call(a, "init", new RemotableRef(b), new RemotableRef(c));
    }

    @AfterEach
    void auditClean() throws Exception {
        cluster.assertAuditClean();
    }

    @AfterAll
    void close() {
        cluster.close();
    }

    @Test
    void aPromisePassedAsAnArgumentBeforeItResolves() throws Exception {
        assertThat(cluster.call(a, "promiseArgumentBeforeItResolves")).isEqualTo("got early");
    }

    @Test
    void aPromisePassedAsAnArgumentAfterItResolved() throws Exception {
        assertThat(cluster.call(a, "promiseArgumentAfterItResolved")).isEqualTo("got settled");
    }

    @Test
    void aPromiseResolvedOnlyAfterTheReply() throws Exception {
        assertThat(cluster.call(a, "resolvedOnlyAfterTheReply")).isEqualTo("got after ping");
    }

    @Test
    void aChainOfPromisesAcrossVats() throws Exception {
        assertThat(cluster.call(a, "chain")).isEqualTo(4.0);
    }

    @Test
    void pipelinedSendsOnAResult() throws Exception {
        assertThat(cluster.call(a, "pipelined")).isEqualTo(2.0);
    }

    @Test
    void aResultPromisePassedAsAnArgument() throws Exception {
        assertThat(cluster.call(a, "resultPromiseAsArgument")).isEqualTo("got released");
    }

    @Test
    void messagesSentToAPromiseResolvedLater() throws Exception {
        assertThat(cluster.call(a, "messageToAPromiseResolvedLater")).isEqualTo(List.of("local", "remote"));
    }

    @Test
    void objectIdentityRoundTrips() throws Exception {
        assertThat(cluster.call(a, "identity")).isEqualTo(List.of(true, true, true, true));
    }

    @Test
    void anErrorRejectsOnlyThatCall() throws Exception {
        assertThat(cluster.call(a, "errorsRejectOnlyThatCall")).isEqualTo(List.of("rejected: boom", "still working"));
    }

    @Test
    void anUnknownMethodRejectsWithAClearMessage() throws Exception {
        assertThat((String) cluster.call(a, "unknownMethod")).contains("nosuch").contains("EchoRoot");
    }

    @Test
    void aCrosswiseCycleBetweenTwoVatsRejectsInsteadOfHanging() throws Exception {
        assertThat((String) cluster.call(a, "crosswiseCycle")).contains("cycle");
    }

    @Test
    void aLocalCycleRejects() throws Exception {
        assertThat((String) cluster.call(a, "localCycle")).contains("cycle");
    }

    @Test
    void aLocalEventualSendRunsLaterNeverReentrantly() throws Exception {
        assertThat(cluster.call(a, "localSendIsNotReentrant")).isEqualTo("after-send call 1");
    }

    @Test
    void typedSendsThroughAnInterface() throws Exception {
        assertThat(cluster.call(a, "typedSends")).isEqualTo(List.of(42.0, "typed boom"));
        assertThat((String) cluster.call(a, "typedViewOfABadInterface")).contains("Runnable.run returns void");
    }

    @Test
    void theHostSeesAMethodsExceptionAsARejection() throws Exception {
        assertThat(cluster.failure(a, "nosuchmethod")).hasMessageContaining("nosuchmethod");
    }
}
