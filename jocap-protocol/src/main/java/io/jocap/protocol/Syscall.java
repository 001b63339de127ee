package io.jocap.protocol;

import io.jocap.marshal.CapData;
import io.jocap.protocol.Require.Allocator;
import java.util.List;

/**
 * What a vat asks of the kernel, during a delivery or (for work that finishes later, such as a
 * timer) between deliveries. The kernel answers each with a {@link SyscallResult}. Every reference
 * is a vref in the calling vat's namespace. Constructors check shape only (see the package
 * documentation) and throw {@link ProtocolException} naming the offending field; the kernel treats
 * that as an illegal syscall.
 */
public sealed interface Syscall {
    /**
     * Send a message to an object or promise. A new {@code o+}/{@code p+} reference in it exports a
     * new object or promise; naming {@code result} hands the decision of that promise to the
     * message's eventual receiver.
     */
    record Send(String target, Message message) implements Syscall {
        public Send {
            Require.vref("send", "target", target);
            Require.present("send", "message", message);
        }
    }

    /** Ask to be told (by a {@code notify} delivery) when this promise settles; at once if it has. */
    record Subscribe(String promise) implements Syscall {
        public Subscribe {
            Require.promise("subscribe", "promise", promise);
        }
    }

    /** Settle promises this vat decides, all at once. */
    record Resolve(List<Resolution> resolutions) implements Syscall {
        public Resolve {
            resolutions = Require.nonEmpty("resolve", "resolutions", resolutions, Resolution.class);
        }
    }

    /**
     * Ask to be terminated once the current delivery ends. A failure exit also discards that
     * delivery's effects.
     *
     * @param failure whether the vat is failing (the delivery's effects are then discarded) rather
     *     than finishing normally
     * @param info the completion value or failure reason; its slots are vrefs
     */
    record Exit(boolean failure, CapData info) implements Syscall {
        public Exit {
            Require.capData("exit", "info", info);
        }
    }

    /** The vat holds no reachable reference to these imported objects ({@code o-N}) any more. */
    record DropImports(List<String> vrefs) implements Syscall {
        public DropImports {
            vrefs = Require.objects("dropImports", "vrefs", vrefs, Allocator.KERNEL);
        }
    }

    /** The vat can no longer even recognise these imported objects ({@code o-N}), already dropped. */
    record RetireImports(List<String> vrefs) implements Syscall {
        public RetireImports {
            vrefs = Require.objects("retireImports", "vrefs", vrefs, Allocator.KERNEL);
        }
    }

    /**
     * These exported objects ({@code o+…}), which the kernel already dropped, are gone from the vat:
     * nobody can recognise them any more.
     */
    record RetireExports(List<String> vrefs) implements Syscall {
        public RetireExports {
            vrefs = Require.objects("retireExports", "vrefs", vrefs, Allocator.VAT);
        }
    }

    /** The vat gives up these exported objects ({@code o+…}) whether or not others still reach them. */
    record AbandonExports(List<String> vrefs) implements Syscall {
        public AbandonExports {
            vrefs = Require.objects("abandonExports", "vrefs", vrefs, Allocator.VAT);
        }
    }

    /** Read a key of the vat's own store; the result's value is the stored string or null. */
    record VatstoreGet(String key) implements Syscall {
        public VatstoreGet {
            Require.key("vatstoreGet", "key", key);
        }
    }

    /** Write a key of the vat's own store; the value may be empty but not null. */
    record VatstoreSet(String key, String value) implements Syscall {
        public VatstoreSet {
            Require.key("vatstoreSet", "key", key);
            Require.present("vatstoreSet", "value", value);
        }
    }

    /** Delete a key of the vat's own store (deleting an absent key is fine). */
    record VatstoreDelete(String key) implements Syscall {
        public VatstoreDelete {
            Require.key("vatstoreDelete", "key", key);
        }
    }

    /**
     * Find the first key of the vat's own store after {@code priorKey} in key order; the result's
     * value is that key or null when there is none.
     *
     * @param priorKey where to start; may be empty (from the first key), which is why it is the one
     *     vatstore key allowed to be empty
     */
    record VatstoreGetNextKey(String priorKey) implements Syscall {
        public VatstoreGetNextKey {
            Require.present("vatstoreGetNextKey", "priorKey", priorKey);
        }
    }
}
