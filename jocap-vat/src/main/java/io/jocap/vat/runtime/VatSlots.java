package io.jocap.vat.runtime;

import io.jocap.marshal.MarshalException;
import io.jocap.marshal.SlotConverter;
import io.jocap.protocol.Vref;
import io.jocap.vat.Far;
import io.jocap.vat.VatPromise;

/**
 * Converts between the vat's objects and the vrefs in the slots of the CapData it sends and
 * receives: the marshaller's {@link SlotConverter} for this vat.
 *
 * <p>Encoding: a {@link Far} object becomes its export vref (allocated on first use), a
 * {@link ImportedPresence} its import vref, a {@link VatPromise} the vref of its entry (a send's
 * result, an import) or, for a promise of this vat's own, a new {@code p+N} that this vat then
 * resolves when the promise settles. With {@code durableOnly} (baggage and durable state) only
 * presences and durable objects are accepted.
 *
 * <p>Decoding: {@code o+…} names a local export (a durable one is brought back from the vatstore
 * on first use), {@code o-N} a presence, {@code p±N} a promise.
 */
final class VatSlots implements SlotConverter {
    private final VatRefs refs;
    private final DurableKinds kinds;
    private final PromiseExporter promiseExporter;
    private final boolean durableOnly;

    /** Decides, and later resolves, the local promises this vat passes out. */
    @FunctionalInterface
    interface PromiseExporter {
        String export(VatPromise<Object> promise);
    }

    VatSlots(VatRefs refs, DurableKinds kinds, PromiseExporter promiseExporter, boolean durableOnly) {
        this.refs = refs;
        this.kinds = kinds;
        this.promiseExporter = promiseExporter;
        this.durableOnly = durableOnly;
    }

    @Override
    @SuppressWarnings("unchecked")
    public String toSlot(Object value) {
        if (value instanceof ImportedPresence presence) {
            return presence.vref();
        }
        if (value instanceof Far far) {
            String vref = refs.existingExportVref(far);
            if (durableOnly && (vref == null || !isDurable(vref))) {
                throw new MarshalException(far.iface() + " is an ephemeral object: it would not survive a restart;"
                        + " only data, presences and durable objects (see Baggage.defineKind) can be stored");
            }
            return vref != null ? vref : refs.exportVref(far);
        }
        if (value instanceof VatPromise<?> promise) {
            if (durableOnly) {
                throw new MarshalException("a promise cannot be stored: it would not survive a restart");
            }
            PromiseEntry entry = refs.entryOf(promise);
            return entry != null ? entry.vref : promiseExporter.export((VatPromise<Object>) promise);
        }
        throw new MarshalException("a " + value.getClass().getName() + " cannot be passed: only Far objects,"
                + " presences and promises are passed by reference");
    }

    @Override
    public Object fromSlot(String slot, String iface) {
        if (slot == null || !Vref.isValid(slot)) {
            throw new MarshalException("slot check: not a vat reference: " + slot);
        }
        Vref vref = Vref.parse(slot);
        if (vref.isPromise()) {
            return refs.importedPromise(slot);
        }
        if (!vref.isExport()) {
            return refs.presence(slot, iface);
        }
        Object local = refs.exported(slot);
        if (local == null && isDurable(slot)) {
            local = kinds.materialize(slot);
        }
        if (local == null) {
            throw new MarshalException("no object " + slot + " in this vat (an ephemeral object of an earlier"
                    + " incarnation, or never exported)");
        }
        return local;
    }

    static boolean isDurable(String vref) {
        return vref.startsWith("o+d");
    }
}
