package io.jocap.kernel.run;

import io.jocap.kernel.errors.KernelErrorCode;
import io.jocap.kernel.state.GcActions;
import io.jocap.kernel.state.RunQueueItem;
import java.util.List;
import io.jocap.marshal.CapData;
import java.util.Objects;

/** What one {@link CrankRunner#runCrank()} did. */
public sealed interface CrankOutcome {
    /** The one {@link Idle}. */
    Idle IDLE = new Idle();

    /** There was no work: nothing was written. */
    record Idle() implements CrankOutcome {}

    /** The one {@link Collected}. */
    Collected COLLECTED = new Collected();

    /**
     * The only work was refs marked maybe-free by an input applied between cranks (a host answer's
     * pin released, say): the crank collected them (see {@code GarbageCollector}).
     */
    record Collected() implements CrankOutcome {}

    /** {@code item} was delivered to {@code vat}, and the crank committed. */
    record Delivered(String vat, RunQueueItem item) implements CrankOutcome {
        public Delivered {
            Objects.requireNonNull(vat, "vat");
            Objects.requireNonNull(item, "item");
        }
    }

    /**
     * A batch of GC actions for {@code vat} was taken: the actions still valid ({@code krefs})
     * were applied and delivered to the vat in one delivery; an empty list means all were stale
     * and nothing was delivered.
     */
    record GcDelivered(String vat, GcActions.Kind kind, List<String> krefs) implements CrankOutcome {
        public GcDelivered {
            Objects.requireNonNull(vat, "vat");
            Objects.requireNonNull(kind, "kind");
            krefs = List.copyOf(krefs);
        }
    }

    /** {@code vat} ran an {@link ExternalTurn} (work outside any delivery), and the crank committed. */
    record TurnRun(String vat) implements CrankOutcome {
        public TurnRun {
            Objects.requireNonNull(vat, "vat");
        }
    }

    /** {@code vat} was due a reap: {@code bringOutYourDead} was delivered, unless the vat is gone. */
    record Reaped(String vat, boolean delivered) implements CrankOutcome {
        public Reaped {
            Objects.requireNonNull(vat, "vat");
        }
    }

    /**
     * Part of the cleanup of the terminated vat {@code vat}: {@code entriesRemoved} c-list
     * entries were removed; {@code finished} once none is left and the vat is gone for good.
     */
    record CleanedUp(String vat, int entriesRemoved, boolean finished) implements CrankOutcome {
        public CleanedUp {
            Objects.requireNonNull(vat, "vat");
        }
    }

    /** The message was appended to the queue of the unresolved promise {@code promise}. */
    record Queued(RunQueueItem.Send item, String promise) implements CrankOutcome {
        public Queued {
            Objects.requireNonNull(item, "item");
            Objects.requireNonNull(promise, "promise");
        }
    }

    /** The message could not be delivered; its result promise, if any, was rejected with {@code rejection}. */
    record Splatted(RunQueueItem.Send item, CapData rejection) implements CrankOutcome {
        public Splatted {
            Objects.requireNonNull(item, "item");
            Objects.requireNonNull(rejection, "rejection");
        }
    }

    /** The notification had no one to tell (the subscriber is gone, or forgot the promise already). */
    record Dropped(RunQueueItem.Notify item) implements CrankOutcome {
        public Dropped {
            Objects.requireNonNull(item, "item");
        }
    }

    /**
     * {@code vat} was terminated, and the promises it decided rejected with {@code code}. For a
     * vat fault the delivery's crank was rolled back first, so the item that caused it is still
     * at the head of the run queue; for a normal exit the delivery committed with the termination.
     *
     * @param reason why, for the kernel's logs (it may name kernel ids; it never reaches vats)
     */
    record VatTerminated(String vat, KernelErrorCode code, String reason) implements CrankOutcome {
        public VatTerminated {
            Objects.requireNonNull(vat, "vat");
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Handling an item failed unexpectedly; it was rolled back and moved to the dead letters. */
    record DeadLettered(DeadLetter letter) implements CrankOutcome {
        public DeadLettered {
            Objects.requireNonNull(letter, "letter");
        }
    }
}
