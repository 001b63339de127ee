package io.jocap.worker;

import io.jocap.vat.Baggage;
import io.jocap.vat.E;
import io.jocap.vat.Far;
import io.jocap.vat.Presence;
import io.jocap.vat.Vat;
import io.jocap.vat.VatPowers;
import io.jocap.vat.VatPromise;
import io.jocap.vat.VatPromises;
import io.jocap.vat.VatResolver;
import java.util.List;
import java.util.Map;

/** Small vats for the worker tests. */
final class TestVats {
    private TestVats() {}

    /** A counter object, ephemeral. */
    public static final class Counter implements Far {
        private long count;

        public long increment() {
            return ++count;
        }
    }

    /** B and C: answer, fail, hold and compare what they are given. */
    public static final class Echo implements Vat {
        @Override
        public Far buildRootObject(VatPowers powers, Map<String, Object> parameters, Baggage baggage) {
            return new EchoRoot();
        }
    }

    public static final class EchoRoot implements Far {
        private Object held;
        private VatResolver<Object> slow;

        public Object echo(Object x) {
            return x;
        }

        public record Point(long x, long y) {}

        public enum Colour { RED, GREEN }

        public Point point() {
            return new Point(1, 2);
        }

        public VatPromise<Point> pointLater() {
            return VatPromises.resolved(new Point(3, 4));
        }

        public VatPromise<Colour> colourLater() {
            return VatPromises.resolved("x").then(x -> Colour.GREEN);
        }

        public VatPromise<Object> unpassableLater() {
            return VatPromises.resolved("x").then(x -> new Object());
        }

        public long add(long a, long b) {
            return a + b;
        }

        public String fail(String message) {
            throw new IllegalStateException(message);
        }

        public boolean same(Object a, Object b) {
            return a == b;
        }

        public void hold(Object x) {
            held = x;
        }

        public boolean isHeld(Object x) {
            return held == x;
        }

        public Counter makeCounter() {
            return new Counter();
        }

        /** Waits for {@code p} and says what it got. */
        public VatPromise<Object> await(VatPromise<Object> p) {
            return p.then(v -> "got " + v);
        }

        /** A promise settled only when {@link #release} is called. */
        public VatPromise<Object> slow() {
            slow = VatPromises.kit();
            return slow.promise();
        }

        public void release(Object value) {
            slow.resolve(value);
        }

        /** Ends the vat with a failure exit. */
        public void quit() {
            throw new IllegalStateException("not this way");
        }

        /** Returns the promise it was given (for crosswise cycles). */
        public VatPromise<Object> cross(VatPromise<Object> p) {
            return p;
        }

        /** Sends {@code echo(value)} to {@code target} and returns the answer. */
        public VatPromise<Object> relay(Object target, Object value) {
            return E.send(target, "echo", value);
        }
    }

    /** The typed view of an {@link EchoRoot} for {@code E.as}. */
    public interface EchoRemote {
        VatPromise<Object> add(long a, long b);

        VatPromise<Object> fail(String message);
    }

    /** A: drives scenarios against B and C, given to it with {@code init}. */
    public static final class Driver implements Vat {
        @Override
        public Far buildRootObject(VatPowers powers, Map<String, Object> parameters, Baggage baggage) {
            return new DriverRoot();
        }
    }

    public static final class DriverRoot implements Far {
        private Presence b;
        private Presence c;

        public void init(Presence b, Presence c) {
            this.b = b;
            this.c = c;
        }

        public VatPromise<Object> promiseArgumentBeforeItResolves() {
            VatResolver<Object> kit = VatPromises.kit();
            VatPromise<Object> answer = E.send(b, "await", kit.promise());
            kit.resolve("early");
            return answer;
        }

        public VatPromise<Object> promiseArgumentAfterItResolved() {
            return E.send(b, "await", VatPromises.resolved("settled"));
        }

        public VatPromise<Object> resolvedOnlyAfterTheReply() {
            VatResolver<Object> kit = VatPromises.kit();
            VatPromise<Object> answer = E.send(b, "await", kit.promise());
            E.send(c, "echo", "ping").onFulfilled(v -> kit.resolve("after " + v));
            return answer;
        }

        public VatPromise<Object> chain() {
            return E.send(b, "add", 1, 1).then(v -> E.send(c, "add", v, 1)).then(v -> E.send(b, "add", v, 1));
        }

        public VatPromise<Object> pipelined() {
            VatPromise<Object> counter = E.send(b, "makeCounter");
            E.send(counter, "increment");
            return E.send(counter, "increment");
        }

        public VatPromise<Object> resultPromiseAsArgument() {
            VatPromise<Object> slow = E.send(b, "slow");
            VatPromise<Object> awaited = E.send(c, "await", slow);
            E.send(b, "release", "released");
            return awaited;
        }

        public VatPromise<Object> messageToAPromiseResolvedLater() {
            VatResolver<Object> kit = VatPromises.kit();
            VatPromise<Object> local = E.send(kit.promise(), "echo", "local");
            // C sends to our promise through the kernel (it is exported as p+N); we resolve it to B.
            VatPromise<Object> remote = E.send(c, "relay", kit.promise(), "remote");
            kit.resolve(b);
            return VatPromises.all(List.of(local, remote)).then(list -> list);
        }

        public VatPromise<Object> identity() {
            Counter mine = new Counter();
            VatPromise<Object> back = E.send(b, "echo", mine).then(x -> x == mine);
            VatPromise<Object> sameTwice = E.send(b, "same", c, c);
            E.send(b, "hold", c);
            VatPromise<Object> heldLater = E.send(b, "isHeld", c);
            VatPromise<Object> presenceBack = E.send(b, "echo", c).then(x -> x == c);
            return VatPromises.all(List.of(back, sameTwice, heldLater, presenceBack)).then(list -> list);
        }

        public VatPromise<Object> errorsRejectOnlyThatCall() {
            VatPromise<Object> failed = E.send(b, "fail", "boom").then(v -> "no error?", e -> "rejected: " + e.getMessage());
            VatPromise<Object> after = E.send(b, "echo", "still working");
            return VatPromises.all(List.of(failed, after)).then(list -> list);
        }

        public VatPromise<Object> unknownMethod() {
            return E.send(b, "nosuch").then(v -> "no error?", e -> e.getMessage());
        }

        public VatPromise<Object> crosswiseCycle() {
            VatResolver<Object> kit = VatPromises.kit();
            VatPromise<Object> returned = E.send(b, "cross", kit.promise());
            kit.resolve(returned);
            return kit.promise().then(v -> "no error?", e -> e.getMessage());
        }

        public VatPromise<Object> localCycle() {
            VatResolver<Object> one = VatPromises.kit();
            VatResolver<Object> two = VatPromises.kit();
            one.resolve(two.promise());
            two.resolve(one.promise());
            return one.promise().then(v -> "no error?", e -> e.getMessage());
        }

        public VatPromise<Object> typedSends() {
            EchoRemote typed = E.as(b, EchoRemote.class);
            VatPromise<Object> sum = typed.add(20, 22);
            VatPromise<Object> failed = typed.fail("typed boom").then(v -> "no error?", e -> e.getMessage());
            return VatPromises.all(List.of(sum, failed)).then(list -> list);
        }

        public String typedViewOfABadInterface() {
            try {
                E.as(b, Runnable.class);
                return "accepted?";
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
        }

        public VatPromise<Object> localSendIsNotReentrant() {
            StringBuilder order = new StringBuilder();
            Counter local = new Counter();
            VatPromise<Object> sent = E.send(local, "increment").then(v -> order.append("call ").append(v));
            order.append("after-send ");
            return sent.then(v -> order.toString());
        }
    }
}
