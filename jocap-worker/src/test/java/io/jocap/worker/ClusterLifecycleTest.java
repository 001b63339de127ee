package io.jocap.worker;

import static io.jocap.worker.HostCalls.assertAuditClean;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.jocap.kernel.cluster.SubclusterRecords;
import io.jocap.kernel.config.ClusterConfigParser;
import io.jocap.kernel.errors.KernelException;
import io.jocap.kernel.host.Kernel;
import io.jocap.kernel.state.KernelMessage;
import io.jocap.kernel.state.KernelState;
import io.jocap.kernel.state.RunQueueItem;
import io.jocap.marshal.Smallcaps;
import io.jocap.store.KernelStore;
import io.jocap.store.StoreOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A three-vat cluster whose vats keep each other in baggage: vat restarts one by one, a kernel
 * restart, a message left in the run queue across a restart, and termination.
 */
class ClusterLifecycleTest {
    @TempDir Path dir;
    private Path db;

    private static final String FRIEND = """
            import io.jocap.vat.*;
            import java.util.*;
            public final class Friend implements Vat {
                public Far buildRootObject(VatPowers powers, Map<String, Object> parameters, Baggage baggage) {
                    if (!baggage.has("notes")) {
                        baggage.init("notes", List.of());
                    }
                    return new Root((String) parameters.get("name"), baggage);
                }
                public static final class Root implements Far {
                    private final String name;
                    private final Baggage baggage;
                    private VatResolver<Object> never;
                    Root(String name, Baggage baggage) { this.name = name; this.baggage = baggage; }
                    public VatPromise<Object> bootstrap(Map<String, Object> vats, Map<String, Object> services) {
                        List<VatPromise<Object>> met = new ArrayList<>();
                        for (Object vat : vats.values()) {
                            List<Object> others = new ArrayList<>(vats.values());
                            others.remove(vat);
                            met.add(E.send(vat, "meet", others));
                        }
                        return VatPromises.all(met).then(x -> "met");
                    }
                    public void meet(List<Object> friends) {
                        if (baggage.has("friends")) baggage.set("friends", friends); else baggage.init("friends", friends);
                    }
                    public VatPromise<Object> greetAll() {
                        List<VatPromise<Object>> answers = new ArrayList<>();
                        for (Object friend : (List<?>) baggage.get("friends")) {
                            answers.add(E.send(friend, "hello", name));
                        }
                        return VatPromises.all(answers).then(x -> x);
                    }
                    public String hello(String from) { return name + " greets " + from; }
                    public void note(String text) {
                        List<Object> notes = new ArrayList<>((List<?>) baggage.get("notes"));
                        notes.add(text);
                        baggage.set("notes", notes);
                    }
                    public Object notes() { return baggage.get("notes"); }
                    public VatPromise<Object> never() { never = VatPromises.kit(); return never.promise(); }
                }
            }
            """;

    @BeforeEach
    void writeCluster() throws Exception {
        Files.writeString(dir.resolve("Friend.java"), FRIEND);
        Files.writeString(dir.resolve("friends.json"), """
                {"bootstrap": "alice", "vats": {
                  "alice": {"source": "Friend.java", "parameters": {"name": "alice"}},
                  "bob":   {"source": "Friend.java", "parameters": {"name": "bob"}},
                  "carol": {"source": "Friend.java", "parameters": {"name": "carol"}}}}
                """);
        db = dir.resolve("kernel.db");
    }

    private Kernel open() {
        return Kernel.open(db, StoreOptions.defaults(), new InProcessVatWorkers(line -> {}));
    }

    private static Map<String, String> roots(Kernel kernel) throws Exception {
        SubclusterRecords.Subcluster sc = kernel.subcluster("friends").orElseThrow();
        return kernel.query(s -> {
            Map<String, String> out = new java.util.LinkedHashMap<>();
            sc.vats().forEach((name, id) -> out.put(name, s.clist(id).krefFor("o+0")));
            return out;
        }).get(30, SECONDS);
    }

    private static void assertAllGreet(Kernel kernel, Map<String, String> roots) throws Exception {
        assertThat(kernel.queueMessage(roots.get("alice"), "greetAll", List.of()).get(30, SECONDS))
                .isEqualTo(List.of("bob greets alice", "carol greets alice"));
        assertThat(kernel.queueMessage(roots.get("bob"), "greetAll", List.of()).get(30, SECONDS))
                .isEqualTo(List.of("alice greets bob", "carol greets bob"));
        assertThat(kernel.queueMessage(roots.get("carol"), "greetAll", List.of()).get(30, SECONDS))
                .isEqualTo(List.of("alice greets carol", "bob greets carol"));
    }

    @Test
    void vatsRestartedOneByOneAndAKernelRestartKeepEveryoneTalking() throws Exception {
        Map<String, String> roots;
        try (Kernel kernel = open()) {
            kernel.launchSubcluster("friends", ClusterConfigParser.parse(dir.resolve("friends.json")), dir).get(60, SECONDS);
            assertThat(kernel.bootstrap("friends").get(30, SECONDS)).isEqualTo("met");
            roots = roots(kernel);
            assertAllGreet(kernel, roots);
            for (String vatId : kernel.subcluster("friends").orElseThrow().vats().values()) {
                assertThat(kernel.restartVat(vatId).get(60, SECONDS)).isIn(roots.values());
                assertAllGreet(kernel, roots);
            }
            assertAuditClean(kernel);
        }
        try (Kernel kernel = open()) {
            assertThat(roots(kernel)).isEqualTo(roots);
            assertAllGreet(kernel, roots);
            assertAuditClean(kernel);
        }
    }

    @Test
    void aMessageLeftInTheRunQueueIsDeliveredAfterTheRestart() throws Exception {
        Map<String, String> roots;
        try (Kernel kernel = open()) {
            kernel.launchSubcluster("friends", ClusterConfigParser.parse(dir.resolve("friends.json")), dir).get(60, SECONDS);
            roots = roots(kernel);
        }
        try (KernelStore store = KernelStore.open(db, StoreOptions.strict())) {
            KernelState state = KernelState.of(store);
            store.inCrank(() -> state.runQueue().push(new RunQueueItem.Send(roots.get("bob"),
                    new KernelMessage(Smallcaps.standard().encode(List.of("note", List.of("left in the queue"))), null))));
        }
        try (Kernel kernel = open()) {
            // The run queue is served in order, so this answer comes after the note was delivered.
            assertThat(kernel.queueMessage(roots.get("bob"), "notes", List.of()).get(30, SECONDS))
                    .isEqualTo(List.of("left in the queue"));
            assertAuditClean(kernel);
        }
    }

    @Test
    void terminatingTheSubclusterRejectsWhatItsVatsDecidedAndLeavesNoRecords() throws Exception {
        try (Kernel kernel = open()) {
            kernel.launchSubcluster("friends", ClusterConfigParser.parse(dir.resolve("friends.json")), dir).get(60, SECONDS);
            Map<String, String> roots = roots(kernel);
            CompletableFuture<Object> pending = kernel.queueMessage(roots.get("carol"), "never", List.of());
            kernel.queueMessage(roots.get("carol"), "notes", List.of()).get(30, SECONDS); // "never" was delivered
            assertThat(kernel.terminateSubcluster("friends").get(60, SECONDS)).isTrue();
            assertThat(pending).failsWithin(30, SECONDS).withThrowableThat().havingCause()
                    .isInstanceOf(KernelException.class).withMessageContaining("VAT_TERMINATED");
            assertThat(kernel.queueMessage(roots.get("alice"), "notes", List.of())).failsWithin(30, SECONDS)
                    .withThrowableThat().havingCause().withMessageContaining("OBJECT_DELETED");
            assertThat(kernel.subcluster("friends")).isEmpty();
            assertThat(kernel.status().vats()).isEmpty();
            assertThat(kernel.terminateSubcluster("friends").get(60, SECONDS)).isFalse();
            assertThat(kernel.query(s -> roots.values().stream().mapToLong(r -> s.pins().pinCount(r)).sum())
                    .get(30, SECONDS)).as("the roots' pins were released").isZero();
            assertAuditClean(kernel);
        }
    }
}
