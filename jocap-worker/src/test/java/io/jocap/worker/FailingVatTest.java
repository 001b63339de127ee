package io.jocap.worker;

import static io.jocap.worker.HostCalls.call;
import static io.jocap.worker.HostCalls.failure;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.jocap.kernel.config.ClusterConfigParser;
import io.jocap.kernel.host.Kernel;
import io.jocap.store.StoreOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A vat that fails in every way vat code can never blocks the others, before or after it is terminated. */
class FailingVatTest {
    @TempDir Path dir;

    private static final String FAULTY = """
            import io.jocap.vat.*;
            import java.util.*;
            public final class Faulty implements Vat {
                public Far buildRootObject(VatPowers powers, Map<String, Object> parameters, Baggage baggage) {
                    return new Root();
                }
                public static final class Root implements Far {
                    public String fail() { throw new IllegalStateException("broken on purpose"); }
                    public long recurse(long n) { return recurse(n + 1) + 1; }
                    public Object unpassable() { return new Object(); }
                    public VatPromise<Object> never() { return VatPromises.<Object>kit().promise(); }
                    public String ok() { return "still here"; }
                }
            }
            """;

    private static final String HEALTHY = """
            import io.jocap.vat.*;
            import java.util.*;
            public final class Healthy implements Vat {
                public Far buildRootObject(VatPowers powers, Map<String, Object> parameters, Baggage baggage) {
                    return new Root((String) parameters.get("name"));
                }
                public static final class Root implements Far {
                    private final String name;
                    Root(String name) { this.name = name; }
                    public String hello(String from) { return name + " greets " + from; }
                    public VatPromise<Object> ask(Object other, String method) { return E.send(other, method); }
                    public VatPromise<Object> chain(Object other, String from) { return E.send(other, "hello", from); }
                }
            }
            """;

    @Test
    void aFailingVatNeverBlocksTheOthers() throws Exception {
        Files.writeString(dir.resolve("Faulty.java"), FAULTY);
        Files.writeString(dir.resolve("Healthy.java"), HEALTHY);
        Files.writeString(dir.resolve("mixed.json"), """
                {"vats": {
                  "faulty": {"source": "Faulty.java"},
                  "bob":    {"source": "Healthy.java", "parameters": {"name": "bob"}},
                  "carol":  {"source": "Healthy.java", "parameters": {"name": "carol"}}}}
                """);
        try (Kernel kernel = Kernel.open(dir.resolve("kernel.db"), StoreOptions.defaults(),
                new InProcessVatWorkers(line -> {}))) {
            kernel.launchSubcluster("mixed", ClusterConfigParser.parse(dir.resolve("mixed.json")), dir).get(60, SECONDS);
            Map<String, String> vats = kernel.subcluster("mixed").orElseThrow().vats();
            Map<String, String> roots = kernel.query(s -> Map.of(
                    "faulty", s.clist(vats.get("faulty")).krefFor("o+0"),
                    "bob", s.clist(vats.get("bob")).krefFor("o+0"),
                    "carol", s.clist(vats.get("carol")).krefFor("o+0"))).get(30, SECONDS);
            io.jocap.marshal.RemotableRef faulty = new io.jocap.marshal.RemotableRef(roots.get("faulty"), "Alleged: faulty");
            io.jocap.marshal.RemotableRef carol = new io.jocap.marshal.RemotableRef(roots.get("carol"), "Alleged: carol");

            // Every failure is that call's own; a promise that never settles holds nobody up.
            CompletableFuture<Object> never = kernel.queueMessage(roots.get("faulty"), "never", List.of());
            assertThat(failure(kernel, roots.get("faulty"), "fail")).hasMessageContaining("broken on purpose");
            assertThat(failure(kernel, roots.get("bob"), "ask", faulty, "fail")).hasMessageContaining("broken on purpose");
            assertThat(failure(kernel, roots.get("faulty"), "recurse", 0)).hasMessageContaining("StackOverflowError");
            assertThat(failure(kernel, roots.get("faulty"), "unpassable")).isNotNull();
            assertThat(call(kernel, roots.get("bob"), "chain", carol, "bob")).isEqualTo("carol greets bob");
            assertThat(call(kernel, roots.get("faulty"), "ok")).isEqualTo("still here");
            assertThat(never).isNotDone();

            // Terminated, it splats; the others carry on, and what it left waiting is rejected.
            assertThat(kernel.terminateVat(vats.get("faulty")).get(30, SECONDS)).isTrue();
            assertThat(failure(kernel, roots.get("bob"), "ask", faulty, "ok")).hasMessageContaining("OBJECT_DELETED");
            assertThat(call(kernel, roots.get("carol"), "hello", "alice")).isEqualTo("carol greets alice");
            try {
                never.get(30, SECONDS);
                throw new AssertionError("the terminated vat's promise was not rejected");
            } catch (ExecutionException e) {
                assertThat(e.getCause()).hasMessageContaining("VAT_TERMINATED");
            }
            kernel.query(s -> {
                s.audit().assertClean();
                return null;
            }).get(30, SECONDS);
        }
    }

}
