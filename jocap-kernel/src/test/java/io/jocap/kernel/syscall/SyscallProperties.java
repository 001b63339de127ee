package io.jocap.kernel.syscall;

import static org.assertj.core.api.Assertions.assertThat;

import io.jocap.kernel.route.Route;
import io.jocap.kernel.route.Router;
import io.jocap.kernel.state.KernelMessage;
import io.jocap.kernel.state.KernelPromises;
import io.jocap.kernel.state.RunQueueItem;
import io.jocap.kernel.translate.DeliveryTranslator;
import io.jocap.kernel.translate.KernelHarness;
import io.jocap.marshal.CapData;
import io.jocap.protocol.Message;
import io.jocap.protocol.Resolution;
import io.jocap.protocol.Syscall;
import io.jocap.protocol.SyscallResult;
import io.jocap.testkit.Gen;
import io.jocap.testkit.PropertyCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Two scripted vats make random syscalls, legal and illegal mixed, inside a miniature run loop
 * that delivers what they send (messages through the router and {@link DeliveryTranslator},
 * notifications, splats of undeliverable messages). Each case is a seed; the script reads the
 * current state to pick references the vat knows, new exports, and references it was never given.
 *
 * <p>Checked: the reference audit is clean after every crank, whether the crank commits or is
 * aborted; a refused syscall changes nothing, and after the first refusal in a delivery every
 * later syscall is refused and changes nothing; the first refusal is what the handler reports;
 * no refusal names a kref.
 */
class SyscallProperties {
    private static final List<String> VATS = List.of("v1", "v2");
    private static final Pattern KREF = Pattern.compile("k[op]\\d+");

    record Case(long seed, int size) {}

    @Test
    void randomSyscallsKeepCountsRightAndNothingAppliesAfterTheFirstIllegalOne() {
        Gen<Case> cases = (random, size) -> new Case(random.nextLong(), size);
        Coverage coverage = new Coverage();
        PropertyCheck.forAll("random syscalls from two vats", 60, cases, c -> new Run(c, coverage).run());
        // The script must reach the interesting paths, or the property proves little.
        assertThat(coverage.accepted.keySet()).as("accepted syscalls").containsAll(List.of(
                "Send", "Subscribe", "Resolve", "Exit", "DropImports", "RetireImports", "AbandonExports",
                "VatstoreSet", "VatstoreGet"));
        assertThat(coverage.refused).as("refused syscalls").isGreaterThan(20);
        assertThat(coverage.refusedAfterDoom).as("refused after doom").isGreaterThan(20);
        assertThat(coverage.messagesDelivered).as("messages delivered").isGreaterThan(20);
        assertThat(coverage.notifiesDelivered).as("notifications delivered").isGreaterThan(5);
    }

    /** What the cases exercised, summed over all of them. */
    static final class Coverage {
        final Map<String, Integer> accepted = new TreeMap<>();
        int refused;
        int refusedAfterDoom;
        int messagesDelivered;
        int notifiesDelivered;

        @Override
        public String toString() {
            return "accepted " + accepted + ", refused " + refused + " (" + refusedAfterDoom + " after doom), "
                    + messagesDelivered + " messages and " + notifiesDelivered + " notifications delivered";
        }
    }

    /** One case: a fresh store, two vats that know each other's root, and a number of cranks. */
    private static final class Run {
        final SplittableRandom random;
        final int cranks;
        final KernelHarness h = new KernelHarness();
        final Coverage coverage;

        Run(Case c, Coverage coverage) {
            this.coverage = coverage;
            random = new SplittableRandom(c.seed());
            cranks = 4 + c.size();
        }

        void run() {
            try (h) {
                String root1 = h.export("v1", "o+0");
                String root2 = h.export("v2", "o+0");
                h.give("v1", root2);
                h.give("v2", root1);
                for (int i = 0; i < cranks; i++) {
                    crank();
                    h.state.audit().assertClean();
                }
            }
        }

        /** One crank: the next run-queue item (or a vat waking up on its own), and the delivery's syscalls. */
        void crank() {
            h.store.beginCrank();
            SyscallHandler handler = null;
            try {
                String vat = null;
                RunQueueItem item = h.state.runQueue().poll();
                if (item == null) {
                    vat = VATS.get(random.nextInt(2)); // a timer fired: syscalls outside a delivery
                } else {
                    vat = deliver(item);
                }
                if (vat != null) {
                    handler = new SyscallHandler(h.store, h.state, vat);
                    syscalls(handler, 1 + random.nextInt(4));
                }
            } catch (RuntimeException | Error e) {
                h.store.abortCrank();
                throw e;
            }
            boolean doomed = handler != null && handler.illegalSyscall().isPresent();
            // The run loop aborts a doomed delivery; committing one half the time explores the
            // states its atomic syscalls leave as well.
            if (doomed && random.nextBoolean()) {
                h.store.abortCrank();
            } else {
                h.store.commitCrank();
            }
        }

        /** Hands {@code item} to its vat; returns the vat, or null if nothing reached a vat. */
        String deliver(RunQueueItem item) {
            return switch (item) {
                case RunQueueItem.Notify notify -> {
                    if (new DeliveryTranslator(h.state, notify.endpoint()).notify(notify.promise()).isEmpty()) {
                        yield null;
                    }
                    coverage.notifiesDelivered++;
                    yield notify.endpoint();
                }
                case RunQueueItem.Send send -> switch (new Router(h.state).route(send.target())) {
                    case Route.DeliverToEndpoint to -> {
                        new DeliveryTranslator(h.state, to.endpoint()).deliver(to.target(), send.message());
                        coverage.messagesDelivered++;
                        yield to.endpoint();
                    }
                    case Route.QueueOnPromise queue -> {
                        h.state.promises().enqueueMessage(queue.promise(), send.message());
                        yield null;
                    }
                    case Route.Splat splat -> {
                        splat(send.message(), splat.rejection());
                        yield null;
                    }
                    case Route.InvokeService service -> throw new AssertionError("no services here: " + service);
                    case Route.ForwardToRemote forward -> throw new AssertionError("no remotes here: " + forward);
                };
            };
        }

        /** Rejects the result of an undeliverable message, as the run loop will. */
        void splat(KernelMessage message, CapData rejection) {
            KernelPromises promises = h.state.promises();
            if (message.result() == null || promises.state(message.result()).isSettled()) {
                return;
            }
            for (String subscriber : promises.resolve(message.result(), true, rejection)) {
                h.state.runQueue().push(new RunQueueItem.Notify(subscriber, message.result()));
            }
            for (KernelMessage queued : promises.drainMessages(message.result())) {
                h.state.runQueue().push(new RunQueueItem.Send(message.result(), queued));
            }
        }

        void syscalls(SyscallHandler handler, int count) {
            String vat = handler.vatId();
            String firstRefusal = null;
            for (int i = 0; i < count; i++) {
                Syscall syscall = syscall(vat);
                List<Map.Entry<String, String>> before = h.contents(vat);
                long queued = h.state.runQueue().size();
                SyscallResult result = handler.handle(syscall);
                if (result instanceof SyscallResult.Failed(String problem)) {
                    coverage.refused++;
                    if (firstRefusal != null) {
                        coverage.refusedAfterDoom++;
                    }
                    assertThat(h.contents(vat)).as("a refused %s changes nothing", syscall).isEqualTo(before);
                    assertThat(KREF.matcher(problem).find()).as("kref in %s", problem).isFalse();
                    if (firstRefusal == null) {
                        firstRefusal = problem;
                    }
                } else {
                    assertThat(firstRefusal).as("%s accepted after an illegal syscall", syscall).isNull();
                    coverage.accepted.merge(syscall.getClass().getSimpleName(), 1, Integer::sum);
                    if (syscall instanceof Syscall.Send) {
                        assertThat(h.state.runQueue().size()).isEqualTo(queued + 1);
                    }
                }
                assertThat(handler.illegalSyscall()).isEqualTo(Optional.ofNullable(firstRefusal));
            }
        }

        // ---- the script ----

        Syscall syscall(String vat) {
            return switch (random.nextInt(12)) {
                case 0, 1, 2 -> new Syscall.Send(target(vat),
                        new Message(data(vat), random.nextInt(3) == 0 ? null : promise(vat)));
                case 3 -> new Syscall.Subscribe(promise(vat));
                case 4, 5 -> resolve(vat);
                case 6 -> new Syscall.Exit(random.nextBoolean(), data(vat));
                case 7 -> new Syscall.DropImports(List.of(importedObject(vat)));
                case 8 -> new Syscall.RetireImports(List.of(importedObject(vat)));
                case 9 -> random.nextBoolean()
                        ? new Syscall.RetireExports(List.of(exportedObject(vat)))
                        : new Syscall.AbandonExports(List.of(exportedObject(vat)));
                case 10 -> new Syscall.VatstoreSet(random.nextInt(20) == 0 ? "k\uD800" : "k" + random.nextInt(4), "x");
                default -> switch (random.nextInt(3)) {
                    case 0 -> new Syscall.VatstoreGetNextKey("");
                    case 1 -> new Syscall.VatstoreGet("k" + random.nextInt(4));
                    default -> new Syscall.VatstoreDelete("k" + random.nextInt(4));
                };
            };
        }

        Syscall resolve(String vat) {
            List<Resolution> resolutions = new ArrayList<>();
            // Mostly promises the vat decides, so that many resolutions are legal.
            List<String> decided = h.state.promises().promisesDecidedBy(vat).stream()
                    .map(kp -> h.state.clist(vat).erefFor(kp))
                    .filter(Objects::nonNull)
                    .toList();
            int n = 1 + random.nextInt(2);
            for (int i = 0; i < n; i++) {
                String vref = !decided.isEmpty() && random.nextInt(4) != 0
                        ? decided.get(random.nextInt(decided.size()))
                        : promise(vat);
                resolutions.add(new Resolution(vref, random.nextInt(4) == 0, data(vat)));
            }
            return new Syscall.Resolve(resolutions);
        }

        CapData data(String vat) {
            int n = random.nextInt(3);
            List<String> slots = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                slots.add(random.nextBoolean() ? object(vat) : promise(vat));
            }
            return n == 1 && random.nextBoolean()
                    ? new CapData(slots.get(0).charAt(0) == 'o' ? "#\"$0.Alleged: x\"" : "#\"&0\"", slots)
                    : KernelHarness.call("m", slots.toArray(String[]::new));
        }

        String target(String vat) {
            return random.nextInt(4) == 0 ? promise(vat) : object(vat);
        }

        String object(String vat) {
            return ref(vat, "o");
        }

        String promise(String vat) {
            return ref(vat, "p");
        }

        /** Known to the vat (mostly), a new export, or (rarely) an import it was never given. */
        String ref(String vat, String kind) {
            int pick = random.nextInt(20);
            if (pick == 0) {
                return kind + "-" + (50 + random.nextInt(5));
            }
            if (pick < 6) {
                return kind + "+" + (1 + random.nextInt(8));
            }
            List<String> known = known(vat, kind);
            return known.isEmpty() ? kind + "+" + (1 + random.nextInt(8)) : known.get(random.nextInt(known.size()));
        }

        String importedObject(String vat) {
            List<String> known = known(vat, "o-");
            return known.isEmpty() || random.nextInt(10) == 0 ? "o-" + (50 + random.nextInt(5))
                    : known.get(random.nextInt(known.size()));
        }

        String exportedObject(String vat) {
            List<String> known = known(vat, "o+");
            return known.isEmpty() || random.nextInt(10) == 0 ? "o+" + (1 + random.nextInt(8))
                    : known.get(random.nextInt(known.size()));
        }

        /** The vat's vrefs starting with {@code start}, read from its c-list. */
        List<String> known(String vat, String start) {
            String prefix = vat + ".c." + start;
            List<String> vrefs = new ArrayList<>();
            for (Map.Entry<String, String> e : h.store.kv().prefix(prefix)) {
                vrefs.add(e.getKey().substring(vat.length() + 3));
            }
            return vrefs;
        }
    }
}
