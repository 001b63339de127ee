package io.jocap.worker;

import static io.jocap.worker.HostCalls.call;
import static io.jocap.worker.HostCalls.failure;
import static io.jocap.worker.HostCalls.assertAuditClean;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.jocap.kernel.cluster.SubclusterRecords;
import io.jocap.kernel.config.ClusterConfigParser;
import io.jocap.kernel.host.Kernel;
import io.jocap.kernel.host.SystemSubcluster;
import io.jocap.kernel.host.VatLaunchException;
import io.jocap.kernel.state.KernelState;
import io.jocap.marshal.RemotableRef;
import io.jocap.store.KernelStore;
import io.jocap.store.StoreOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * System subclusters declared at kernel start (launched once, restored by name, terminated when
 * no longer declared), the kernel facet they alone may be given, and launches cut short by a crash.
 */
class SystemSubclusterTest {
    @TempDir Path dir;
    private Path db;

    /** A system vat that keeps the kernel facet in its baggage and relays operations to it. */
    private static final String ADMIN = """
            import io.jocap.vat.*;
            import java.util.*;
            public final class Admin implements Vat {
                public Far buildRootObject(VatPowers powers, Map<String, Object> parameters, Baggage baggage) {
                    return new Root(baggage);
                }
                public static final class Root implements Far {
                    private final Baggage baggage;
                    Root(Baggage baggage) { this.baggage = baggage; }
                    public String bootstrap(Map<String, Object> vats, Map<String, Object> services) {
                        baggage.init("facet", services.get("kernelFacet"));
                        return "admin ready";
                    }
                    private Object facet() { return baggage.get("facet"); }
                    public VatPromise<Object> status() { return E.send(facet(), "getStatus"); }
                    public VatPromise<Object> subclusters() { return E.send(facet(), "getSubclusters"); }
                    public VatPromise<Object> launch(String name, Map<String, Object> config) {
                        return E.send(facet(), "launchSubcluster", name, config);
                    }
                    public VatPromise<Object> terminate(String name) { return E.send(facet(), "terminateSubcluster", name); }
                    public VatPromise<Object> ping(String vatId) { return E.send(facet(), "pingVat", vatId); }
                    public VatPromise<Object> relay(Object target, String method, List<Object> args) {
                        return E.send(facet(), "queueMessage", target, method, args);
                    }
                    public VatPromise<Object> revoke(Object target) { return E.send(facet(), "revoke", target); }
                }
            }
            """;

    private static final String GREETER = """
            import io.jocap.vat.*;
            import java.util.*;
            public final class Hi implements Vat {
                public Far buildRootObject(VatPowers powers, Map<String, Object> parameters, Baggage baggage) {
                    return new Root();
                }
                public static final class Root implements Far {
                    public String bootstrap(Map<String, Object> vats, Map<String, Object> services) { return "hi ready"; }
                    public String greet(String name) { return "hi " + name; }
                }
            }
            """;

    @BeforeEach
    void write() throws Exception {
        Files.writeString(dir.resolve("Admin.java"), ADMIN);
        Files.writeString(dir.resolve("Hi.java"), GREETER);
        db = dir.resolve("kernel.db");
    }

    private Kernel open() {
        return Kernel.open(db, StoreOptions.defaults(), new InProcessVatWorkers(line -> {}));
    }

    private SystemSubcluster admin() {
        return new SystemSubcluster("admin", ClusterConfigParser.parse("""
                {"bootstrap": "admin", "services": ["kernelFacet"], "vats": {"admin": {"source": "Admin.java"}}}
                """, dir), dir);
    }

    private static String adminRoot(Kernel kernel) throws Exception {
        String vatId = kernel.subcluster("admin").orElseThrow().vats().get("admin");
        return kernel.query(s -> s.clist(vatId).krefFor("o+0")).get(30, SECONDS);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aSystemSubclusterManagesTheKernelThroughTheKernelFacet() throws Exception {
        try (Kernel kernel = open()) {
            SystemSubcluster.Declared declared = kernel.declareSystemSubclusters(List.of(admin())).get(60, SECONDS);
            assertThat(declared.launched()).containsExactly(Map.entry("admin", "admin ready"));
            assertThat(declared.restored()).isEmpty();
            assertThat(kernel.subcluster("admin").orElseThrow().system()).isTrue();
            String admin = adminRoot(kernel);

            Map<String, Object> status = (Map<String, Object>) call(kernel, admin, "status");
            assertThat((List<Object>) status.get("services")).contains("kernelFacet");
            assertThat((List<Object>) status.get("subclusters")).containsExactly("admin");

            Map<String, Object> config = Map.of("bootstrap", "hi", "vats",
                    Map.of("hi", Map.of("source", dir.resolve("Hi.java").toString())));
            Map<String, Object> launched = (Map<String, Object>) call(kernel, admin, "launch", "friends", config);
            assertThat(launched).containsEntry("name", "friends").containsEntry("bootstrapResult", "hi ready");
            Object hi = ((Map<String, Object>) launched.get("vats")).get("hi");
            assertThat(hi).isInstanceOf(RemotableRef.class);
            assertThat(call(kernel, admin, "relay", hi, "greet", List.of("bob"))).isEqualTo("hi bob");

            String hiVat = kernel.subcluster("friends").orElseThrow().vats().get("hi");
            assertThat(call(kernel, admin, "ping", hiVat)).isEqualTo("pong");
            assertThat(failure(kernel, admin, "ping", "v99")).hasMessageContaining("vat v99 is not running");
            assertThat(failure(kernel, admin, "launch", "broken", Map.of("vats", Map.of())))
                    .hasMessageContaining("vats: must name at least one vat");
            assertThat(failure(kernel, admin, "relay", "nonsense", "greet", List.of()))
                    .hasMessageContaining("not a kernel reference");

            assertThat((List<Object>) call(kernel, admin, "subclusters")).extracting(sc -> ((Map<String, Object>) sc).get("name"))
                    .containsExactly("admin", "friends");
            assertThat(call(kernel, admin, "revoke", hi)).isEqualTo(true);
            assertThat(failure(kernel, ((RemotableRef) hi).slot(), "greet", "x")).hasMessageContaining("OBJECT_REVOKED");
            assertThat(call(kernel, admin, "terminate", "friends")).isEqualTo(true);
            assertThat(kernel.subcluster("friends")).isEmpty();
            assertAuditClean(kernel);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aDeclaredSystemSubclusterIsRestoredByNameAndTerminatedOnceNoLongerDeclared() throws Exception {
        try (Kernel kernel = open()) {
            kernel.declareSystemSubclusters(List.of(admin())).get(60, SECONDS);
        }
        try (Kernel kernel = open()) {
            SystemSubcluster.Declared declared = kernel.declareSystemSubclusters(List.of(admin())).get(60, SECONDS);
            assertThat(declared.restored()).containsExactly("admin");
            assertThat(declared.launched()).isEmpty();
            // Not relaunched: the facet kept in its baggage from the first run still works.
            Map<String, Object> status = (Map<String, Object>) call(kernel, adminRoot(kernel), "status");
            assertThat((List<Object>) status.get("vats")).containsExactly("v1");
        }
        try (Kernel kernel = open()) {
            SystemSubcluster.Declared declared = kernel.declareSystemSubclusters(List.of()).get(60, SECONDS);
            assertThat(declared.terminated()).containsExactly("admin");
            assertThat(kernel.subclusters()).isEmpty();
            assertThat(kernel.status().vats()).isEmpty();
            assertAuditClean(kernel);
        }
    }

    @Test
    void systemOnlyServicesAreRefusedToOrdinarySubclusters() throws Exception {
        try (Kernel kernel = open()) {
            try {
                kernel.launchSubcluster("sneaky", admin().config(), dir).get(60, SECONDS);
                throw new AssertionError("an ordinary subcluster was given the kernel facet");
            } catch (ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(VatLaunchException.class)
                        .hasMessageContaining("kernelFacet is only for system subclusters");
            }
            assertThat(kernel.status().vats()).isEmpty();
            // And a name taken by an ordinary subcluster cannot be declared a system one.
            kernel.launchSubcluster("admin", ClusterConfigParser.parse("""
                    {"vats": {"hi": {"source": "Hi.java"}}}
                    """, dir), dir).get(60, SECONDS);
            try {
                kernel.declareSystemSubclusters(List.of(admin())).get(60, SECONDS);
                throw new AssertionError("declared over an ordinary subcluster");
            } catch (ExecutionException e) {
                assertThat(e.getCause()).hasMessageContaining("was launched as an ordinary subcluster");
            }
        }
    }

    @Test
    void aLaunchCutShortByACrashIsRemovedWhenTheKernelReopens() throws Exception {
        try (Kernel kernel = open()) {
            kernel.launchSubcluster("friends", ClusterConfigParser.parse("""
                    {"vats": {"hi": {"source": "Hi.java"}}}
                    """, dir), dir).get(60, SECONDS);
        }
        // What a crash between a vat's start and its subcluster's record leaves: the vat's record
        // under a subcluster id with no record, and the vat's state.
        String hiRoot;
        try (KernelStore store = KernelStore.open(db, StoreOptions.strict())) {
            KernelState state = KernelState.of(store);
            hiRoot = state.clist("v1").krefFor("o+0");
            store.inCrank(() -> {
                new SubclusterRecords(state.kv()).putVat(new SubclusterRecords.VatRecord("v2", "s9", "half",
                        dir.toString(), "{\"source\":\"Hi.java\"}"));
                state.clist("v2").addImport(hiRoot);
                store.vatstore("v2").set("baggage", "left over");
            });
        }
        try (Kernel kernel = open()) {
            assertThat(kernel.status().vats()).containsExactly("v1");
            assertThat(kernel.query(s -> new SubclusterRecords(s.kv()).vats()).get(30, SECONDS))
                    .extracting(SubclusterRecords.VatRecord::vatId).containsExactly("v1");
            assertThat(call(kernel, hiRoot, "greet", "carol")).isEqualTo("hi carol");
            assertThat(kernel.query(s -> s.clist("v2").isEmpty() && s.terminatedVats().isEmpty()).get(30, SECONDS)).isTrue();
            assertAuditClean(kernel);
        }
    }
}
