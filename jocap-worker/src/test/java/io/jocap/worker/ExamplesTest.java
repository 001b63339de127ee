package io.jocap.worker;

import static io.jocap.worker.HostCalls.call;
import static io.jocap.worker.HostCalls.assertAuditClean;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.jocap.kernel.cluster.SubclusterRecords;
import io.jocap.kernel.config.ClusterConfig;
import io.jocap.kernel.config.ClusterConfigParser;
import io.jocap.kernel.config.VatCode;
import io.jocap.kernel.config.VatConfig;
import io.jocap.kernel.errors.VatRejectionException;
import io.jocap.kernel.host.Kernel;
import io.jocap.marshal.RemotableRef;
import io.jocap.store.StoreOptions;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The examples under {@code examples/}, run from the repository's files through a real kernel on a
 * real SQLite file. The demo cluster's run counter across kernel restarts is covered by
 * {@link SubclusterTest#aClusterKeepsItsStateAcrossKernelRestarts} (and {@code jocap run} on it by
 * the CLI's {@code ClusterCommandsTest}), so it is not repeated here.
 */
class ExamplesTest {
    private static final Path EXAMPLES = Path.of(System.getProperty("jocap.project.dir", "..")).resolve("examples")
            .toAbsolutePath().normalize();

    @TempDir Path dir;

    private final List<String> logs = Collections.synchronizedList(new ArrayList<>());

    private Kernel open(Path db) {
        return Kernel.open(db, StoreOptions.defaults(), new InProcessVatWorkers(logs::add));
    }

    private static SubclusterRecords.Subcluster launch(Kernel kernel, String name, Path config) throws Exception {
        return kernel.launchSubcluster(name, ClusterConfigParser.parse(config), config.getParent()).get(60, SECONDS);
    }

    /** Every vat's root kref by vat name. */
    private static Map<String, String> roots(Kernel kernel, String name) throws Exception {
        SubclusterRecords.Subcluster sc = kernel.subcluster(name).orElseThrow();
        return kernel.query(s -> {
            Map<String, String> out = new LinkedHashMap<>();
            sc.vats().forEach((vat, id) -> out.put(vat, s.clist(id).krefFor("o+0")));
            return out;
        }).get(30, SECONDS);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> record(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    /** The counter example's bootstrap answer as {runs, visits}, after checking its shape. */
    private static List<Long> runsAndVisits(Object answer) {
        Map<String, Object> record = record(answer);
        assertThat(record).containsOnlyKeys("counter", "value", "visits").containsEntry("counter", "runs");
        return List.of(((Number) record.get("value")).longValue(), ((Number) record.get("visits")).longValue());
    }

    @Test
    void theDurableCounterGoesOnCountingAcrossKernelAndVatRestarts() throws Exception {
        Path config = EXAMPLES.resolve("counter/counter.json");
        Path db = dir.resolve("counter.db");
        Map<String, String> roots;
        try (Kernel kernel = open(db)) {
            launch(kernel, "counter", config);
            roots = roots(kernel, "counter");
            assertThat(roots).containsOnlyKeys("counter", "client");
            assertThat(runsAndVisits(kernel.bootstrap("counter").get(60, SECONDS))).containsExactly(1L, 1L);
            assertThat(logs).anySatisfy(line -> assertThat(line).contains("counter").contains("run 1"));
        }
        try (Kernel kernel = open(db)) {
            // The cluster was resumed on open: same roots, state from the file.
            assertThat(roots(kernel, "counter")).isEqualTo(roots);
            assertThat(runsAndVisits(kernel.bootstrap("counter").get(60, SECONDS))).containsExactly(2L, 2L);
            // The client's presence, kept in its baggage, still reaches the durable counter.
            assertThat(call(kernel, roots.get("client"), "visit")).isEqualTo(3.0);

            // A counter handed to the host is the same durable object, with the same count.
            Object runs = call(kernel, roots.get("counter"), "makeCounter", "runs");
            assertThat(runs).isInstanceOf(RemotableRef.class);
            String runsKref = ((RemotableRef) runs).slot();
            assertThat(call(kernel, runsKref, "value")).isEqualTo(2.0);
            assertThat(call(kernel, runsKref, "name")).isEqualTo("runs");

            // Restarting the counter vat alone: a new incarnation, the same durable state, and the
            // client's reference (to a durable object of that vat) still works.
            String counterVat = kernel.subcluster("counter").orElseThrow().vats().get("counter");
            assertThat(kernel.restartVat(counterVat).get(60, SECONDS)).isEqualTo(roots.get("counter"));
            assertThat(runsAndVisits(kernel.bootstrap("counter").get(60, SECONDS))).containsExactly(3L, 4L);
            assertThat(call(kernel, roots.get("client"), "visit")).isEqualTo(5.0);

            // Restarting the client alone: its baggage still holds the reference.
            String clientVat = kernel.subcluster("counter").orElseThrow().vats().get("client");
            assertThat(kernel.restartVat(clientVat).get(60, SECONDS)).isEqualTo(roots.get("client"));
            assertThat(call(kernel, roots.get("client"), "visit")).isEqualTo(6.0);
            assertThat(call(kernel, roots.get("counter"), "makeCounter", "visits"))
                    .isInstanceOf(RemotableRef.class);
            assertThat(kernel.deadLetters()).isEmpty();
            assertAuditClean(kernel);
        }
    }

    @Test
    void theFetcherReachesAllowedHostsOnlyAndKeepsWorkingAfterARefusal() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] body = ("you asked for " + exchange.getRequestURI().getPath()).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(exchange.getRequestURI().getPath().equals("/missing") ? 404 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try (Kernel kernel = open(dir.resolve("http.db"))) {
            int port = server.getAddress().getPort();
            launch(kernel, "http", EXAMPLES.resolve("http/http.json"));
            String fetcher = roots(kernel, "http").get("fetcher");

            Map<String, Object> page = record(call(kernel, fetcher, "fetch", "http://127.0.0.1:" + port + "/hello"));
            assertThat(page).isEqualTo(Map.of("status", 200.0, "length", 20.0, "body", "you asked for /hello"));
            assertThat(requests.get()).isEqualTo(1);

            // localhost is this machine too, but only the exact host 127.0.0.1 is allowed.
            try {
                Object answer = call(kernel, fetcher, "fetch", "http://localhost:" + port + "/hello");
                throw new AssertionError("fetched a host that is not allowed: " + answer);
            } catch (java.util.concurrent.ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(VatRejectionException.class)
                        .hasMessageContaining("Invalid host: localhost");
            }
            assertThat(requests.get()).as("no request was made").isEqualTo(1);

            // The vat goes on: any status is an answer.
            assertThat(record(call(kernel, fetcher, "fetch", "http://127.0.0.1:" + port + "/missing")))
                    .containsEntry("status", 404.0).containsEntry("body", "you asked for /missing");
            assertThat(requests.get()).isEqualTo(2);
            assertAuditClean(kernel);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void theFetcherBootstrapFetchesTheConfiguredUrlAndShowsARefusal() throws Exception {
        // http.json as written, with its "url" parameter pointed at a server on a free port.
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hello.txt", exchange -> {
            byte[] body = Files.readAllBytes(EXAMPLES.resolve("http/hello.txt"));
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try (Kernel kernel = open(dir.resolve("http.db"))) {
            String json = Files.readString(EXAMPLES.resolve("http/http.json"));
            assertThat(json).contains("\"http://127.0.0.1:8080/hello.txt\"");
            ClusterConfig config = ClusterConfigParser.parse(
                    json.replace(":8080/", ":" + server.getAddress().getPort() + "/"), EXAMPLES.resolve("http"));
            kernel.launchSubcluster("http", config, EXAMPLES.resolve("http")).get(60, SECONDS);
            Map<String, Object> answer = record(kernel.bootstrap("http").get(60, SECONDS));
            String hello = Files.readString(EXAMPLES.resolve("http/hello.txt"));
            assertThat(answer).containsOnlyKeys("fetched", "refused")
                    .containsEntry("fetched", Map.of("status", 200.0, "length", (double) hello.length(), "body", hello))
                    .containsEntry("refused", "Invalid host: example.com");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void everyExampleConfigIsAValidClusterConfigWhoseSourcesExist() throws Exception {
        List<Path> configs;
        try (Stream<Path> files = Files.walk(EXAMPLES)) {
            configs = files.filter(p -> p.toString().endsWith(".json"))
                    .filter(p -> !p.startsWith(EXAMPLES.resolve("capdata")))
                    .sorted().toList();
        }
        assertThat(configs.stream().map(p -> EXAMPLES.relativize(p).toString()))
                .contains("demo/demo.json", "counter/counter.json", "http/http.json");
        for (Path file : configs) {
            ClusterConfig config = ClusterConfigParser.parse(file);
            assertThat(config.bootstrap()).as("%s names a bootstrap vat for jocap run", file).isNotNull();
            for (VatConfig vat : config.vats().values()) {
                if (vat.code() instanceof VatCode.SourceFile source) {
                    assertThat(source.path()).as("%s: vat %s", file, vat.name()).isRegularFile();
                }
            }
        }
    }

    @Test
    void theExamplesReadmeListsEveryExample() throws Exception {
        String readme = Files.readString(EXAMPLES.resolve("README.md"));
        assertThat(readme).contains("./jocap run examples/demo/demo.json", "./jocap run examples/counter/counter.json",
                "./jocap run examples/http/http.json", "examples/vats/Greeter.java");
    }
}
