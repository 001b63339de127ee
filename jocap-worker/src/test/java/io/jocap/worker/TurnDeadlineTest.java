package io.jocap.worker;

import static io.jocap.worker.HostCalls.failure;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.jocap.kernel.host.InboxItem;
import io.jocap.kernel.host.Kernel;
import io.jocap.kernel.host.VatLaunchException;
import io.jocap.marshal.RemotableRef;
import io.jocap.vat.Baggage;
import io.jocap.vat.E;
import io.jocap.vat.Far;
import io.jocap.vat.Vat;
import io.jocap.vat.VatPowers;
import io.jocap.vat.VatPromise;
import io.jocap.vat.VatPromises;
import io.jocap.vat.powers.Endowments;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A turn that never ends, in code no step budget meters (a class from the class path): past the
 * deadline the kernel rolls the turn back, terminates the vat and goes on, whichever thread runs
 * the turn. On the vat's own thread, the kernel thread stops waiting; on the kernel's thread, the
 * kernel's watchdog gives up on that thread and a new one takes the kernel over. Either way the
 * thread left to the vat's code changes nothing once it comes back.
 */
@Timeout(120)
class TurnDeadlineTest {
    private static final Duration DEADLINE = Duration.ofMillis(400);

    /** Lets every spinning turn of the test end (the threads must not outlive it). */
    private static volatile CountDownLatch release = new CountDownLatch(1);
    /** The threads that ran spinning turns. */
    private static final List<Thread> SPINNERS = Collections.synchronizedList(new ArrayList<>());

    /** A vat whose methods spin until the test releases them. */
    public static final class Stuck implements Vat {
        @Override
        public Far buildRootObject(VatPowers powers, Map<String, Object> parameters, Baggage baggage) {
            if (Boolean.TRUE.equals(parameters.get("stuckAtStart"))) {
                spin();
            }
            return new StuckRoot();
        }
    }

    public static final class StuckRoot implements Far {
        public String ok() {
            return "still here";
        }

        public String spin() {
            TurnDeadlineTest.spin();
            return "released";
        }

        /** Spins, then sends to {@code tally}: a syscall made after the kernel gave up on the turn. */
        public String spinThenSend(Object tally) {
            TurnDeadlineTest.spin();
            E.send(tally, "note", "late");
            return "released";
        }

        public VatPromise<Object> never() {
            return VatPromises.<Object>kit().promise();
        }
    }

    /** A vat that notes what it is told. */
    public static final class Tally implements Vat {
        @Override
        public Far buildRootObject(VatPowers powers, Map<String, Object> parameters, Baggage baggage) {
            return new TallyRoot();
        }
    }

    public static final class TallyRoot implements Far {
        private final List<String> notes = new ArrayList<>();

        public void note(String note) {
            notes.add(note);
        }

        public List<String> notes() {
            return List.copyOf(notes);
        }
    }

    private static void spin() {
        SPINNERS.add(Thread.currentThread());
        CountDownLatch latch = release;
        while (latch.getCount() > 0) {
            Thread.onSpinWait();
        }
    }

    private final Kernel kernel = Kernel.openTemporary();
    private final List<InProcessWorker> workers = new ArrayList<>();
    private final List<String> logs = Collections.synchronizedList(new ArrayList<>());
    private int nextVat = 1;

    @AfterEach
    void releaseAndClose() throws Exception {
        release.countDown();
        kernel.close();
        workers.forEach(InProcessWorker::close);
        try {
            joinSpinners(); // a thread left to a vat's code ends once that code returns
        } finally {
            SPINNERS.clear();
            release = new CountDownLatch(1);
        }
    }

    @ParameterizedTest
    @EnumSource(InProcessWorker.TurnThread.class)
    void aTurnPastItsDeadlineTerminatesItsVatAndTheKernelGoesOn(InProcessWorker.TurnThread turns) throws Exception {
        String stuck = launch("stuck", Stuck::new, turns, Map.of());
        String tally = launch("tally", Tally::new, turns, Map.of());
        CompletableFuture<Object> decided = kernel.queueMessage(stuck, "never", List.of());
        assertThat(call(stuck, "ok")).isEqualTo("still here");

        CompletableFuture<Object> spinning = kernel.queueMessage(stuck, "spin", List.of());
        assertThat(failure(decided)).hasMessageContaining("[KERNEL:VAT_FATAL:INTERNAL_ERROR]");
        assertThat(failure(spinning)).hasMessageContaining("[KERNEL:OBJECT_DELETED]");
        assertThat(logs).anySatisfy(line -> assertThat(line).startsWith("[stuck] WORKER").contains("did not finish its turn within"));
        assertThat(workers.getFirst().isStopped()).as("the kernel told the stuck vat's worker").isTrue();

        call(tally, "note", "after");
        assertThat(call(tally, "notes")).isEqualTo(List.of("after"));
        HostCalls.assertAuditClean(kernel);

        // The thread left to the vat's code comes back: it ends, and the kernel is unaffected.
        release.countDown();
        joinSpinners();
        call(tally, "note", "after the release");
        assertThat(call(tally, "notes")).isEqualTo(List.of("after", "after the release"));
        assertThat(failure(kernel.queueMessage(stuck, "ok", List.of()))).hasMessageContaining("[KERNEL:OBJECT_DELETED]");
        HostCalls.assertAuditClean(kernel);
    }

    @ParameterizedTest
    @EnumSource(InProcessWorker.TurnThread.class)
    void theKernelGoesOnAfterSeveralStuckVatsInARow(InProcessWorker.TurnThread turns) throws Exception {
        String tally = launch("tally", Tally::new, turns, Map.of());
        List<CompletableFuture<Object>> spinning = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String stuck = launch("stuck", Stuck::new, turns, Map.of());
            spinning.add(kernel.queueMessage(stuck, "spin", List.of()));
            call(tally, "note", "after " + i); // each waits for the stuck turn before it to be given up on
        }
        for (CompletableFuture<Object> answer : spinning) {
            assertThat(failure(answer)).hasMessageContaining("[KERNEL:OBJECT_DELETED]");
        }
        assertThat(call(tally, "notes")).isEqualTo(List.of("after 0", "after 1", "after 2"));
        assertThat(SPINNERS).hasSize(3);
        release.countDown();
        joinSpinners();
        HostCalls.assertAuditClean(kernel);
    }

    @ParameterizedTest
    @EnumSource(InProcessWorker.TurnThread.class)
    void whatAnAbandonedTurnDoesWhenItComesBackIsNotApplied(InProcessWorker.TurnThread turns) throws Exception {
        String stuck = launch("stuck", Stuck::new, turns, Map.of());
        String tally = launch("tally", Tally::new, turns, Map.of());
        CompletableFuture<Object> spinning = kernel.queueMessage(stuck, "spinThenSend", List.of(ref(tally)));
        assertThat(failure(spinning)).hasMessageContaining("[KERNEL:OBJECT_DELETED]");

        release.countDown();
        joinSpinners(); // the late send was made, and refused
        call(tally, "note", "on time");
        assertThat(call(tally, "notes")).isEqualTo(List.of("on time"));
        HostCalls.assertAuditClean(kernel);
    }

    @ParameterizedTest
    @EnumSource(InProcessWorker.TurnThread.class)
    void aVatWhoseStartNeverEndsFailsItsLaunch(InProcessWorker.TurnThread turns) throws Exception {
        String tally = launch("tally", Tally::new, turns, Map.of());
        String vatId = "v" + nextVat++;
        CompletableFuture<String> launch = kernel.launchVat(vatId, worker(vatId, "stuck", Stuck::new, turns),
                Map.of("stuckAtStart", true));
        assertThat(launch).failsWithin(60, SECONDS).withThrowableThat().havingCause()
                .isInstanceOf(VatLaunchException.class).withMessageContaining("did not finish its turn within");
        call(tally, "note", "after");
        assertThat(call(tally, "notes")).isEqualTo(List.of("after"));
        HostCalls.assertAuditClean(kernel);
    }

    @ParameterizedTest
    @EnumSource(InProcessWorker.TurnThread.class)
    void closingTheKernelDuringANeverEndingTurnReturnsOnceTheDeadlineHasPassed(InProcessWorker.TurnThread turns)
            throws Exception {
        String stuck = launch("stuck", Stuck::new, turns, Map.of());
        CompletableFuture<Object> spinning = kernel.queueMessage(stuck, "spin", List.of());
        while (SPINNERS.isEmpty()) {
            Thread.onSpinWait(); // the turn has started
        }
        CompletableFuture<Void> closed = CompletableFuture.runAsync(kernel::close);
        assertThat(closed).succeedsWithin(60, SECONDS);
        assertThat(spinning).failsWithin(10, SECONDS);
    }

    private void joinSpinners() throws InterruptedException {
        for (Thread spinner : List.copyOf(SPINNERS)) {
            spinner.join(SECONDS.toMillis(30));
            assertThat(spinner.isAlive()).as("%s ended", spinner.getName()).isFalse();
        }
    }

    private String launch(String name, Supplier<? extends Vat> vat, InProcessWorker.TurnThread turns,
            Map<String, ?> parameters) throws Exception {
        String vatId = "v" + nextVat++;
        return kernel.launchVat(vatId, worker(vatId, name, vat, turns), parameters).get(60, SECONDS);
    }

    private InProcessWorker worker(String vatId, String name, Supplier<? extends Vat> vat,
            InProcessWorker.TurnThread turns) {
        InProcessWorker worker = InProcessWorker.start(name, vat, Endowments.loggerOnly(name), logs::add,
                turn -> kernel.inbox().offer(new InboxItem.VatTurn(vatId, turn)), DEADLINE,
                InProcessWorker.DEFAULT_STEP_BUDGET, turns);
        workers.add(worker);
        return worker;
    }

    private Object call(String target, String method, Object... args) throws Exception {
        return kernel.queueMessage(target, method, List.of(args)).get(60, SECONDS);
    }

    private static Object ref(String kref) {
        return new RemotableRef(kref);
    }
}
