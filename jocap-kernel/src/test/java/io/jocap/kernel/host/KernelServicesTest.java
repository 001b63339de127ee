package io.jocap.kernel.host;

import static io.jocap.kernel.host.KernelTest.assertAuditClean;
import static io.jocap.kernel.host.KernelTest.failureOf;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jocap.kernel.errors.KernelErrorCode;
import io.jocap.kernel.errors.KernelException;
import io.jocap.kernel.state.EndpointId;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class KernelServicesTest {

    /** A service object, as a host would write one. */
    public static final class Calc {
        final CompletableFuture<String> later = new CompletableFuture<>();
        final CountDownLatch laterCalled = new CountDownLatch(1);
        volatile String callingThread;

        public String greet(String name) {
            callingThread = Thread.currentThread().getName();
            return "hello " + name;
        }

        public int add(int a, int b) {
            return a + b;
        }

        public String fail() {
            throw new IllegalStateException("out of coffee");
        }

        public CompletableFuture<String> later() {
            laterCalled.countDown();
            return later;
        }
    }

    @Test
    void aServiceCallReturningAValueFulfilsTheResultOffTheKernelThread() throws Exception {
        try (Kernel kernel = Kernel.openTemporary()) {
            Calc calc = new Calc();
            String kref = kernel.registerService("calc", calc, false);
            assertThat(kernel.query(s -> s.objects().owner(kref)).get(10, SECONDS)).isEqualTo(EndpointId.KERNEL);

            assertThat(kernel.queueMessage(kref, "greet", List.of("bob")).get(10, SECONDS)).isEqualTo("hello bob");
            assertThat(calc.callingThread).isNotEqualTo("jocap-kernel");
            assertThat(kernel.queueMessage(kref, "add", List.of(2, 3)).get(10, SECONDS)).isEqualTo(5.0);
            assertThat(kernel.status().services()).containsExactly("calc");
            assertAuditClean(kernel);
        }
    }

    @Test
    void aServiceReturningAFutureSettlesWhenItCompletesWithoutBlockingTheKernel() throws Exception {
        try (Kernel kernel = Kernel.openTemporary()) {
            Calc calc = new Calc();
            String kref = kernel.registerService("calc", calc, false);
            CompletableFuture<Object> answer = kernel.queueMessage(kref, "later", List.of());
            assertThat(calc.laterCalled.await(10, SECONDS)).isTrue();
            // The kernel keeps working while the service's answer is pending.
            assertThat(kernel.queueMessage(kref, "greet", List.of("amy")).get(10, SECONDS)).isEqualTo("hello amy");
            assertThat(answer).isNotDone();
            calc.later.complete("eventually");
            assertThat(answer.get(10, SECONDS)).isEqualTo("eventually");
            assertAuditClean(kernel);
        }
    }

    @Test
    void aThrowingServiceRejectsWithDeliveryFailed() throws Exception {
        try (Kernel kernel = Kernel.openTemporary()) {
            String kref = kernel.registerService("calc", new Calc(), false);
            assertThat(failureOf(kernel.queueMessage(kref, "fail", List.of())))
                    .isInstanceOfSatisfying(KernelException.class, e -> {
                        assertThat(e.code()).isEqualTo(KernelErrorCode.DELIVERY_FAILED);
                        assertThat(e.getMessage()).isEqualTo("[KERNEL:DELIVERY_FAILED] out of coffee");
                    });
            assertAuditClean(kernel);
        }
    }

    @Test
    void unknownMethodsBadArgumentsAndObjectMethodsRejectWithDeliveryFailed() throws Exception {
        try (Kernel kernel = Kernel.openTemporary()) {
            String kref = kernel.registerService("calc", new Calc(), false);
            for (var call : List.of(List.of("nope", List.of()), List.of("greet", List.of(1, 2)),
                    List.of("add", List.of("x", "y")), List.of("wait", List.of()), List.of("hashCode", List.of()))) {
                assertThat(failureOf(kernel.queueMessage(kref, (String) call.get(0), (List<?>) call.get(1))))
                        .as("%s", call)
                        .isInstanceOfSatisfying(KernelException.class,
                                e -> assertThat(e.code()).isEqualTo(KernelErrorCode.DELIVERY_FAILED));
            }
            assertAuditClean(kernel);
        }
    }

    @Test
    void aDuplicateServiceNameIsRefused() {
        try (Kernel kernel = Kernel.openTemporary()) {
            kernel.registerService("calc", new Calc(), true);
            assertThatThrownBy(() -> kernel.registerService("calc", new Calc(), false))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("a kernel service named \"calc\" is registered already");
            assertThat(kernel.status().services()).containsExactly("calc");
        }
    }

    @Test
    void aRevokedServiceObjectSplatsObjectRevoked() throws Exception {
        try (Kernel kernel = Kernel.openTemporary()) {
            String kref = kernel.registerService("calc", new Calc(), false);
            kernel.revoke(kref).get(10, SECONDS);
            assertThat(failureOf(kernel.queueMessage(kref, "greet", List.of("bob"))))
                    .isInstanceOfSatisfying(KernelException.class,
                            e -> assertThat(e.code()).isEqualTo(KernelErrorCode.OBJECT_REVOKED));
        }
    }
}
