package io.jocap.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.jocap.marshal.RemotableRef;
import io.jocap.vat.Baggage;
import io.jocap.vat.E;
import io.jocap.vat.Far;
import io.jocap.vat.Presence;
import io.jocap.vat.Vat;
import io.jocap.vat.VatPowers;
import io.jocap.vat.VatPromise;
import io.jocap.vat.powers.Endowments;
import io.jocap.vat.powers.HttpResult;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Real I/O between cranks: HTTP responses arrive on the HTTP client's threads while the kernel is
 * idle, become external turns of the fetching vat through the kernel's inbox, and their
 * resolutions must reach the vat waiting on them (the scenario that hung MetaMask's kernel).
 */
class HttpChainTest {
    private HttpServer server;
    private String base;
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void startServer() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/step", exchange -> {
            requests.incrementAndGet();
            int n = Integer.parseInt(exchange.getRequestURI().getQuery().substring("n=".length()));
            byte[] body = Integer.toString(n + 1).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    /** Fetches URLs with its HTTP endowment. */
    public static final class Fetcher implements Vat {
        @Override
        public Far buildRootObject(VatPowers powers, Map<String, Object> parameters, Baggage baggage) {
            return new FetcherRoot(powers);
        }
    }

    public static final class FetcherRoot implements Far {
        private final VatPowers powers;

        FetcherRoot(VatPowers powers) {
            this.powers = powers;
        }

        public VatPromise<Object> fetch(String url) {
            return powers.http().get(url).then(HttpResult::body);
        }

        public String tryHttp() {
            try {
                powers.http();
                return "granted?";
            } catch (RuntimeException e) {
                return e.getMessage();
            }
        }
    }

    /** Drives the chain: five sends, alternating between two fetchers, each waiting on the last's I/O. */
    public static final class Chain implements Vat {
        @Override
        public Far buildRootObject(VatPowers powers, Map<String, Object> parameters, Baggage baggage) {
            return new ChainRoot();
        }
    }

    public static final class ChainRoot implements Far {
        public VatPromise<Object> run(Presence b, Presence c, String base) {
            VatPromise<Object> step = E.send(b, "fetch", base + "/step?n=0");
            for (int i = 1; i < 5; i++) {
                Presence next = i % 2 == 1 ? c : b;
                step = step.then(n -> E.send(next, "fetch", base + "/step?n=" + n));
            }
            return step;
        }
    }

    @ParameterizedTest
    @EnumSource(InProcessWorker.TurnThread.class)
    void aChainOfFiveSendsAcrossThreeVatsWithRealIoBetweenThemCompletes(InProcessWorker.TurnThread turns) throws Exception {
        try (Cluster cluster = new Cluster(turns)) {
            Endowments http = Endowments.parse("fetcher", List.of("http"), List.of("127.0.0.1"));
            String a = cluster.launch("chain", Chain::new);
            String b = cluster.launch("bob", Fetcher::new, http, Map.of());
            String c = cluster.launch("carol", Fetcher::new, http, Map.of());
            assertThat(cluster.call(a, "run", new RemotableRef(b), new RemotableRef(c), base)).isEqualTo("5");
            assertThat(requests.get()).isEqualTo(5);
            cluster.assertAuditClean();
        }
    }

    @Test
    void hostsOutsideTheAllowListAndUngrantedHttpAreRefused() throws Exception {
        try (Cluster cluster = new Cluster()) {
            String allowed = cluster.launch("allowed", Fetcher::new,
                    Endowments.parse("allowed", List.of("http"), List.of("127.0.0.1")), Map.of());
            String plain = cluster.launch("plain", Fetcher::new);
            assertThat(cluster.call(allowed, "fetch", base + "/step?n=41")).isEqualTo("42");
            String localhost = base.replace("127.0.0.1", "localhost");
            assertThat(cluster.failure(allowed, "fetch", localhost + "/step?n=1")).hasMessageContaining("Invalid host: localhost");
            assertThat(cluster.failure(allowed, "fetch", "file:///etc/passwd")).hasMessageContaining("Invalid host:");
            assertThat((String) cluster.call(plain, "tryHttp")).contains("was not granted the endowment \"http\"");
            assertThat(requests.get()).isEqualTo(1);
        }
    }
}
