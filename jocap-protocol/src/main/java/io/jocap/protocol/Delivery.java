package io.jocap.protocol;

import io.jocap.marshal.CapData;
import io.jocap.protocol.Require.Allocator;
import java.util.List;

/**
 * What the kernel asks a vat to do: one delivery per crank. The vat answers each with a {@link
 * DeliveryResult}, making syscalls while it works. Every reference is a vref in the receiving vat's
 * own namespace; constructors check shape only (see the package documentation) and throw {@link
 * ProtocolException} naming the offending field.
 */
public sealed interface Delivery {
    /**
     * Invoke a method: the vat calls {@code methargs}' method on {@code target} and later settles
     * the result promise, if any, with a {@code resolve} syscall (also when the method throws).
     *
     * @param target the receiver: an object the vat exports, or a promise it decides
     */
    record Deliver(String target, Message message) implements Delivery {
        public Deliver {
            Require.vref("message delivery", "target", target);
            Require.present("message delivery", "message", message);
        }
    }

    /**
     * Promises the vat subscribed to (or that it holds) have settled: each resolution, plus any
     * already-settled promises reachable from their values, so the vat can settle its own copies.
     */
    record Notify(List<Resolution> resolutions) implements Delivery {
        public Notify {
            resolutions = Require.nonEmpty("notify", "resolutions", resolutions, Resolution.class);
        }
    }

    /**
     * The kernel no longer holds any reachable reference to these exported objects ({@code o+…}).
     * The vat may still be asked to recognise them (as keys of weak collections) until they are
     * retired.
     */
    record DropExports(List<String> vrefs) implements Delivery {
        public DropExports {
            vrefs = Require.objects("dropExports", "vrefs", vrefs, Allocator.VAT);
        }
    }

    /**
     * Nothing can recognise these exported objects ({@code o+…}) any more: the vat forgets them
     * entirely. It must not answer with GC syscalls about them.
     */
    record RetireExports(List<String> vrefs) implements Delivery {
        public RetireExports {
            vrefs = Require.objects("retireExports", "vrefs", vrefs, Allocator.VAT);
        }
    }

    /**
     * These imported objects ({@code o-N}) are gone (their exporter retired or abandoned them): the
     * vat forgets them, including as weak-collection keys.
     */
    record RetireImports(List<String> vrefs) implements Delivery {
        public RetireImports {
            vrefs = Require.objects("retireImports", "vrefs", vrefs, Allocator.KERNEL);
        }
    }

    /**
     * Collect garbage now and report what became unreachable with {@code dropImports}, {@code
     * retireImports} and {@code retireExports} syscalls. The kernel sends it on its reap schedule.
     */
    record BringOutYourDead() implements Delivery {}

    /**
     * The first delivery of every incarnation: build the root object ({@code o+0}) from the vat's
     * parameters and its durable state.
     *
     * @param parameters the vat's parameters from its cluster config, as CapData whose slots are vrefs
     */
    record StartVat(CapData parameters) implements Delivery {
        public StartVat {
            Require.capData("startVat", "parameters", parameters);
        }
    }
}
