package io.jocap.vat.powers;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.jocap.vat.VatException;
import io.jocap.vat.VatPromise;
import io.jocap.vat.loop.LoopFixture;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP endowment against a real server on 127.0.0.1, the only allowed host. */
class HttpEndowmentTest {
    private final LoopFixture alice = new LoopFixture("alice");
    private final ExecutorService serverThreads = Executors.newCachedThreadPool();
    private final AtomicInteger redirectTargetHits = new AtomicInteger();
    /** Held by /slow until the test is over. */
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch slowRequestArrived = new CountDownLatch(1);
    private HttpServer server;
    private int port;
    private VatPowerSet powers;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(serverThreads);
        server.createContext("/hello", exchange -> {
            exchange.getResponseHeaders().add("X-Test", "yes");
            respond(exchange, 200, "hello, vat ✓");
        });
        server.createContext("/echo", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            respond(exchange, 201, exchange.getRequestMethod() + "|"
                    + exchange.getRequestHeaders().getFirst("X-Custom") + "|" + body);
        });
        server.createContext("/redirect", exchange -> {
            exchange.getResponseHeaders().add("Location", "http://localhost:" + port + "/target");
            respond(exchange, 302, "");
        });
        server.createContext("/target", exchange -> {
            redirectTargetHits.incrementAndGet();
            respond(exchange, 200, "followed");
        });
        server.createContext("/slow", exchange -> {
            slowRequestArrived.countDown();
            try {
                release.await(10, SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            respond(exchange, 200, "late");
        });
        server.start();
        port = server.getAddress().getPort();
        powers = powersAllowing(List.of("127.0.0.1"), VatPowerSet.DEFAULT_HTTP_TIMEOUT);
    }

    @AfterEach
    void stopServer() throws InterruptedException {
        release.countDown();
        powers.close();
        server.stop(0);
        serverThreads.shutdownNow();
        alice.closeExpectingNoUncaught();
    }

    private VatPowerSet powersAllowing(List<String> hosts, Duration timeout) {
        return new VatPowerSet(Endowments.parse("alice", List.of("http"), hosts), alice.loop, line -> {}, timeout);
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** Makes the call in a turn of alice's and gives the promise's outcome to the test thread. */
    private CompletableFuture<HttpResult> call(VatPowerSet vat, Function<HttpEndowment, VatPromise<HttpResult>> request)
            throws Exception {
        CompletableFuture<HttpResult> outcome = new CompletableFuture<>();
        alice.run(() -> request.apply(vat.http()).whenSettled((result, reason) -> {
            if (reason != null) {
                outcome.completeExceptionally(reason);
            } else {
                outcome.complete(result);
            }
        }));
        return outcome;
    }

    private HttpResult fulfilled(Function<HttpEndowment, VatPromise<HttpResult>> request) throws Exception {
        return call(powers, request).get(10, SECONDS);
    }

    private Throwable rejected(VatPowerSet vat, Function<HttpEndowment, VatPromise<HttpResult>> request)
            throws Exception {
        CompletableFuture<HttpResult> outcome = call(vat, request);
        ExecutionException failure = assertThrows(
                ExecutionException.class, () -> outcome.get(10, SECONDS));
        assertThat(failure.getCause()).isInstanceOf(VatException.class);
        return failure.getCause();
    }

    private Throwable rejected(String url) throws Exception {
        return rejected(powers, http -> http.get(url));
    }

    @Test
    void getReturnsStatusHeadersAndBody() throws Exception {
        HttpResult result = fulfilled(http -> http.get(url("/hello")));
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.body()).isEqualTo("hello, vat ✓");
        assertThat(result.header("x-test")).contains("yes");
        assertThat(result.headers().get("X-TEST")).containsExactly("yes");
        assertThatThrownBy(() -> result.headers().put("x", List.of()))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void postSendsMethodHeadersAndBody() throws Exception {
        HttpResult result = fulfilled(http -> http.request("POST", url("/echo"), Map.of("X-Custom", "42"), "büdy"));
        assertThat(result.status()).isEqualTo(201);
        assertThat(result.body()).isEqualTo("POST|42|büdy");
    }

    @Test
    void hostsAreMatchedIgnoringCase() throws Exception {
        VatPowerSet upper = powersAllowing(List.of("LocalHost"), VatPowerSet.DEFAULT_HTTP_TIMEOUT);
        try {
            HttpResult result = call(upper, http -> http.get("http://LOCALHOST:" + port + "/hello")).get(10, SECONDS);
            assertThat(result.status()).isEqualTo(200);
        } finally {
            upper.close();
        }
    }

    @Test
    void aHostNotInTheListIsRejected() throws Exception {
        assertThat(rejected("http://localhost:" + port + "/hello")).hasMessage("Invalid host: localhost");
        assertThat(rejected("https://127.0.0.1.nip.io/")).hasMessage("Invalid host: 127.0.0.1.nip.io");
        assertThat(rejected("http://evil.org/?q=127.0.0.1")).hasMessage("Invalid host: evil.org");
    }

    @Test
    void userInfoCannotSmuggleInAnotherHost() throws Exception {
        assertThat(rejected("http://127.0.0.1@evil.org/")).hasMessage("Invalid host: evil.org");
        assertThat(rejected("http://127.0.0.1:" + port + "@evil.org/")).hasMessage("Invalid host: evil.org");
        String credentials = "http://user:pw@127.0.0.1:" + port + "/hello";
        assertThat(rejected(credentials)).hasMessage("Invalid host: " + credentials);
    }

    @Test
    void otherSchemesAndMalformedUrlsAreRejected() throws Exception {
        for (String url : new String[] {
                "ftp://127.0.0.1/file", "file:///etc/passwd", "jar:file:/x.jar!/a", "127.0.0.1/hello",
                "not a url", "http://127.0.0.1:" + port + "/a b", "http:///hello", "http://exa_mple.com/", ""}) {
            assertThat(rejected(url)).as(url).hasMessage("Invalid host: " + url);
        }
        assertThat(rejected(powers, http -> http.get(null))).hasMessage("Invalid host: null");
    }

    @Test
    void anEntryWithAPortAllowsOnlyThatPort() throws Exception {
        int otherPort = port == 65535 ? port - 1 : port + 1;
        VatPowerSet pinned = powersAllowing(List.of("127.0.0.1:" + otherPort), VatPowerSet.DEFAULT_HTTP_TIMEOUT);
        try {
            assertThat(rejected(pinned, http -> http.get(url("/hello")))).hasMessage("Invalid host: 127.0.0.1:" + port);
            assertThat(rejected(pinned, http -> http.get("http://127.0.0.1/hello")))
                    .hasMessage("Invalid host: 127.0.0.1:80");
        } finally {
            pinned.close();
        }
    }

    @Test
    void aRedirectIsReturnedNotFollowed() throws Exception {
        HttpResult result = fulfilled(http -> http.get(url("/redirect")));
        assertThat(result.status()).isEqualTo(302);
        assertThat(result.header("Location")).contains("http://localhost:" + port + "/target");
        assertThat(redirectTargetHits).hasValue(0);
    }

    @Test
    void badRequestsAreRejectedNotThrown() throws Exception {
        assertThat(rejected(powers, http -> http.request("GET", url("/hello"), Map.of("Host", "evil.org"), null)))
                .hasMessageStartingWith("Invalid request to " + url("/hello") + ": restricted header name");
        assertThat(rejected(powers, http -> http.request("BAD METHOD", url("/hello"), null, null)))
                .hasMessageStartingWith("Invalid request to " + url("/hello") + ": ");
        assertThat(rejected(powers, http -> http.request(null, url("/hello"), null, null)))
                .hasMessage("Invalid request to " + url("/hello") + ": the method is null");
    }

    @Test
    void aConnectionFailureRejectsThePromise() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closedPort + "/";
        Throwable reason = rejected(url);
        assertThat(reason).hasMessageStartingWith("HTTP GET " + url + " failed: ");
        assertThat(reason.getCause()).isInstanceOf(IOException.class);
    }

    @Test
    void aRequestThatTakesTooLongIsRejected() throws Exception {
        VatPowerSet impatient = powersAllowing(List.of("127.0.0.1"), Duration.ofMillis(500));
        try {
            Throwable reason = rejected(impatient, http -> http.get(url("/slow")));
            // Normally the response times out; on a loaded machine even the connection may.
            assertThat(reason.getMessage()).matches(Pattern.quote("HTTP GET " + url("/slow") + " failed: ")
                    + "(no response|could not connect) within 500 ms");
            assertThat(reason.getCause()).isInstanceOf(HttpTimeoutException.class);
        } finally {
            impatient.close();
        }
    }

    @Test
    void closeCancelsRequestsInFlightAndLeavesTheirPromisesPending() throws Exception {
        CompletableFuture<HttpResult> outcome = call(powers, http -> http.get(url("/slow")));
        assertThat(slowRequestArrived.await(10, SECONDS)).isTrue();
        assertThat(powers.inFlightRequestCount()).isEqualTo(1);
        powers.close();
        assertThat(powers.inFlightRequestCount()).isZero();
        release.countDown();
        alice.run(() -> {});
        assertThat(outcome).isNotDone();
        assertThatThrownBy(powers::http).isInstanceOf(VatException.class).hasMessage("vat alice is stopped");
    }

    @Test
    void requestsCanOnlyBeMadeFromTheVatsOwnTurns() {
        HttpEndowment http = powers.http();
        assertThatThrownBy(() -> http.get(url("/hello")))
                .isInstanceOf(VatException.class)
                .hasMessageStartingWith("vat alice: http.request must be called from the vat's own code");
    }
}
