package io.jocap.bench.scenario;

import io.jocap.vat.Baggage;
import io.jocap.vat.E;
import io.jocap.vat.Far;
import io.jocap.vat.Presence;
import io.jocap.vat.Vat;
import io.jocap.vat.VatPowers;
import io.jocap.vat.VatPromise;
import io.jocap.vat.VatPromises;
import io.jocap.vat.VatResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The two vats of the scenarios: a driver and an echo. */
final class BenchVats {
    private BenchVats() {}

    public static final class Echo implements Vat {
        @Override
        public Far buildRootObject(VatPowers powers, Map<String, Object> parameters, Baggage baggage) {
            return new EchoRoot();
        }
    }

    public static final class EchoRoot implements Far {
        public Object echo(Object value) {
            return value;
        }
    }

    /** Makes short-lived objects for the churn scenario. */
    public static final class Maker implements Vat {
        @Override
        public Far buildRootObject(VatPowers powers, Map<String, Object> parameters, Baggage baggage) {
            return new MakerRoot();
        }
    }

    public static final class MakerRoot implements Far {
        public Thing make(long id) {
            return new Thing(id);
        }
    }

    public static final class Thing implements Far {
        private final long id;

        Thing(long id) {
            this.id = id;
        }

        public long touch() {
            return id;
        }
    }

    public static final class Driver implements Vat {
        @Override
        public Far buildRootObject(VatPowers powers, Map<String, Object> parameters, Baggage baggage) {
            return new DriverRoot(powers);
        }
    }

    public static final class DriverRoot implements Far {
        private final VatPowers powers;

        DriverRoot(VatPowers powers) {
            this.powers = powers;
        }

        /** Sends {@code n} messages to {@code echo} at once, then waits for all the answers. */
        public VatPromise<Object> fanout(Presence echo, long n) {
            List<VatPromise<Object>> answers = new ArrayList<>((int) n);
            for (long i = 0; i < n; i++) {
                answers.add(E.send(echo, "echo", i));
            }
            return VatPromises.all(answers).then(List::size);
        }

        /**
         * Churns {@code n} short-lived objects made by {@code maker}, {@code batch} at a time: each
         * is made (a result promise), sent a message on that promise (pipelined; another result
         * promise), and let go of once the batch is answered. Answers how many were made.
         */
        public VatPromise<Object> churn(Presence maker, long n, long batch) {
            VatResolver<Object> done = VatPromises.kit();
            churnRound(maker, 0, n, batch, done);
            return done.promise();
        }

        private void churnRound(Presence maker, long made, long n, long batch, VatResolver<Object> done) {
            if (made >= n) {
                done.resolve(made);
                return;
            }
            long size = Math.min(batch, n - made);
            List<VatPromise<Object>> touched = new ArrayList<>((int) size);
            for (long i = 0; i < size; i++) {
                VatPromise<Object> thing = E.send(maker, "make", made + i);
                touched.add(E.send(thing, "touch"));
            }
            VatPromises.all(touched).onFulfilled(x -> churnRound(maker, made + size, n, batch, done));
        }

        /** {@code n} round trips to {@code echo}, each sent when the last was answered; their durations in ns. */
        public VatPromise<Object> pingpong(Presence echo, long n) {
            VatResolver<Object> done = VatPromises.kit();
            List<Double> rtts = new ArrayList<>((int) n);
            next(echo, n, rtts, done);
            return done.promise();
        }

        private void next(Presence echo, long left, List<Double> rtts, VatResolver<Object> done) {
            if (left == 0) {
                done.resolve(rtts);
                return;
            }
            long start = powers.clock().monotonicNanos();
            E.send(echo, "echo", left).onFulfilled(v -> {
                rtts.add((double) (powers.clock().monotonicNanos() - start));
                next(echo, left - 1, rtts, done);
            });
        }
    }
}
