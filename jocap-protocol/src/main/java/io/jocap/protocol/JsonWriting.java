package io.jocap.protocol;

import io.jocap.marshal.CapData;
import io.jocap.marshal.JsonText;
import java.util.List;

/**
 * Writes protocol records as the compact JSON tuples {@link VatProtocolJson} documents. It appends
 * straight to one builder rather than building a JSON tree first, because it runs for every
 * delivery and syscall that crosses a process boundary.
 */
final class JsonWriting {
    private JsonWriting() {}

    static String delivery(Delivery delivery) {
        StringBuilder out = new StringBuilder(96);
        switch (delivery) {
            case Delivery.Deliver d -> {
                tag(out, "message").append(',');
                string(out, d.target()).append(',');
                message(out, d.message());
            }
            case Delivery.Notify n -> resolutions(tag(out, "notify").append(','), n.resolutions());
            case Delivery.DropExports d -> strings(tag(out, "dropExports").append(','), d.vrefs());
            case Delivery.RetireExports r -> strings(tag(out, "retireExports").append(','), r.vrefs());
            case Delivery.RetireImports r -> strings(tag(out, "retireImports").append(','), r.vrefs());
            case Delivery.BringOutYourDead b -> tag(out, "bringOutYourDead");
            case Delivery.StartVat s -> capData(tag(out, "startVat").append(','), s.parameters());
        }
        return out.append(']').toString();
    }

    static String syscall(Syscall syscall) {
        StringBuilder out = new StringBuilder(96);
        switch (syscall) {
            case Syscall.Send s -> {
                tag(out, "send").append(',');
                string(out, s.target()).append(',');
                message(out, s.message());
            }
            case Syscall.Subscribe s -> string(tag(out, "subscribe").append(','), s.promise());
            case Syscall.Resolve r -> resolutions(tag(out, "resolve").append(','), r.resolutions());
            case Syscall.Exit e -> capData(tag(out, "exit").append(',').append(e.failure()).append(','), e.info());
            case Syscall.DropImports d -> strings(tag(out, "dropImports").append(','), d.vrefs());
            case Syscall.RetireImports r -> strings(tag(out, "retireImports").append(','), r.vrefs());
            case Syscall.RetireExports r -> strings(tag(out, "retireExports").append(','), r.vrefs());
            case Syscall.AbandonExports a -> strings(tag(out, "abandonExports").append(','), a.vrefs());
            case Syscall.VatstoreGet g -> string(tag(out, "vatstoreGet").append(','), g.key());
            case Syscall.VatstoreSet s -> {
                string(tag(out, "vatstoreSet").append(','), s.key()).append(',');
                string(out, s.value());
            }
            case Syscall.VatstoreDelete d -> string(tag(out, "vatstoreDelete").append(','), d.key());
            case Syscall.VatstoreGetNextKey n -> string(tag(out, "vatstoreGetNextKey").append(','), n.priorKey());
        }
        return out.append(']').toString();
    }

    static String syscallResult(SyscallResult result) {
        StringBuilder out = new StringBuilder(32);
        switch (result) {
            case SyscallResult.Ok ok -> nullableString(tag(out, "ok").append(','), ok.value());
            case SyscallResult.Failed failed -> string(tag(out, "error").append(','), failed.problem());
        }
        return out.append(']').toString();
    }

    static String deliveryResult(DeliveryResult result) {
        StringBuilder out = new StringBuilder(32);
        switch (result) {
            case DeliveryResult.Ok ok -> tag(out, "ok").append(",null");
            case DeliveryResult.Failed failed -> string(tag(out, "error").append(','), failed.problem());
        }
        return out.append(']').toString();
    }

    /** Opens the tuple: {@code ["name"}. */
    private static StringBuilder tag(StringBuilder out, String name) {
        return out.append("[\"").append(name).append('"'); // names are plain ASCII
    }

    private static StringBuilder string(StringBuilder out, String s) {
        JsonText.appendQuoted(out, s);
        return out;
    }

    private static StringBuilder nullableString(StringBuilder out, String s) {
        return s == null ? out.append("null") : string(out, s);
    }

    private static StringBuilder strings(StringBuilder out, List<String> items) {
        out.append('[');
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            string(out, items.get(i));
        }
        return out.append(']');
    }

    private static StringBuilder message(StringBuilder out, Message message) {
        out.append("{\"methargs\":");
        capData(out, message.methargs());
        out.append(",\"result\":");
        return nullableString(out, message.result()).append('}');
    }

    private static StringBuilder resolutions(StringBuilder out, List<Resolution> resolutions) {
        out.append('[');
        for (int i = 0; i < resolutions.size(); i++) {
            Resolution r = resolutions.get(i);
            if (i > 0) {
                out.append(',');
            }
            out.append('[');
            string(out, r.promise()).append(',').append(r.rejected()).append(',');
            capData(out, r.data()).append(']');
        }
        return out.append(']');
    }

    /** The {@link CapData#toJson} shape, appended in place. */
    private static StringBuilder capData(StringBuilder out, CapData data) {
        out.append("{\"body\":");
        string(out, data.body()).append(",\"slots\":");
        return strings(out, data.slots()).append('}');
    }
}
