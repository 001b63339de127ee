package io.jocap.kernel.translate;

import io.jocap.kernel.state.CList;
import io.jocap.kernel.state.KernelMessage;
import io.jocap.kernel.state.KernelPromises;
import io.jocap.kernel.state.KernelState;
import io.jocap.kernel.state.Kref;
import io.jocap.kernel.state.PromiseState;
import io.jocap.marshal.CapData;
import io.jocap.protocol.Delivery;
import io.jocap.protocol.Message;
import io.jocap.protocol.Resolution;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns run-queue work addressed to one vat into the {@link Delivery} the vat receives, updating
 * the kernel state that goes with handing it over (deciders, imports, retired promises).
 *
 * <p><b>Contract.</b>
 * <ul>
 *   <li>{@link #deliver}: a message for an object the vat owns becomes {@link Delivery.Deliver}.
 *       The vat becomes the decider of the result promise first (the receiver settles it from
 *       now on); the target maps to the vat's export; slots and the result are imported if the
 *       vat does not know them. The run queue is not touched: the caller polled the item already.
 *   <li>{@link #notify}: a settled promise the vat subscribed to becomes {@link Delivery.Notify},
 *       with one resolution for it and one for every settled promise reachable from its value;
 *       the vat's c-list entries for all of them are then removed (the vat forgets resolved
 *       promises once told, as SwingSet's liveslots does, which is what lets resolved promises be
 *       collected). Empty when the vat has no entry for the promise (it forgot it already, or
 *       resolved it itself): there is nothing to tell.
 * </ul>
 * Failures are kernel bugs ({@link IllegalStateException}): a target the vat does not own or has
 * no entry for, a result promise that already settled, a notification of an unresolved promise.
 * Writes happen inside the caller's crank; counts follow the c-list entries automatically.
 */
public final class DeliveryTranslator {
    private final KernelPromises promises;
    private final CList clist;
    private final KernelToVat toVat;

    /** The translator for deliveries to {@code vatId}. */
    public DeliveryTranslator(KernelState state, String vatId) {
        Objects.requireNonNull(state, "state");
        this.promises = state.promises();
        this.toVat = new KernelToVat(state, vatId);
        this.clist = state.clist(vatId);
    }

    /** The vat this translates for. */
    public String vatId() {
        return toVat.vatId();
    }

    /**
     * The delivery of {@code message} to {@code targetKo}, an object the vat owns.
     *
     * @throws IllegalStateException if the vat does not own {@code targetKo} or has no entry for
     *     it, or the result promise is already settled
     */
    public Delivery.Deliver deliver(String targetKo, KernelMessage message) {
        Kref.requireObject(targetKo);
        Objects.requireNonNull(message, "message");
        String target = toVat.exportedVref(targetKo);
        if (message.result() != null) {
            // Decider first: from this delivery on, the receiver is the one who may settle it.
            promises.setDecider(message.result(), toVat.vatId());
        }
        CapData methargs = toVat.capData(message.methargs());
        String result = message.result() == null ? null : toVat.vref(message.result());
        return new Delivery.Deliver(target, new Message(methargs, result));
    }

    /**
     * The notification that {@code kp} settled, or empty if the vat has no c-list entry for it.
     *
     * @throws IllegalStateException if {@code kp} is unknown or unresolved
     */
    public Optional<Delivery.Notify> notify(String kp) {
        Kref.requirePromise(kp);
        if (promises.state(kp) == PromiseState.UNRESOLVED) {
            throw new IllegalStateException("cannot notify " + toVat.vatId() + " of " + kp + ": it is unresolved");
        }
        if (!clist.contains(kp)) {
            return Optional.empty();
        }
        List<String> settled = SettledPromises.reachableFrom(promises, kp);
        List<Resolution> resolutions = new ArrayList<>(settled.size());
        for (String each : settled) {
            // Translating a value may import promises that come later in the list (and objects):
            // they get their vrefs here, and the settled ones are retired below with the rest.
            String vref = toVat.vref(each);
            CapData data = toVat.capData(promises.value(each));
            resolutions.add(new Resolution(vref, promises.state(each) == PromiseState.REJECTED, data));
        }
        for (String each : settled) {
            clist.remove(each);
        }
        return Optional.of(new Delivery.Notify(resolutions));
    }
}
