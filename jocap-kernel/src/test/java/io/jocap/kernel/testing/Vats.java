package io.jocap.kernel.testing;

import io.jocap.kernel.errors.KernelErrorCode;
import io.jocap.kernel.errors.KernelErrors;
import io.jocap.kernel.run.SyscallPort;
import io.jocap.marshal.CapData;
import io.jocap.protocol.Delivery;
import io.jocap.protocol.Message;
import io.jocap.protocol.Resolution;
import io.jocap.protocol.Syscall;
import io.jocap.protocol.SyscallResult;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Helpers for scripting test vats: reading deliveries and making syscalls in one line. */
public final class Vats {
    private static final Pattern METHOD = Pattern.compile("^#\\[\"([^\"]*)\"");

    private Vats() {}

    /** The method name of a {@code Deliver}, or {@code "(notify)"} etc. for other deliveries. */
    public static String method(Delivery delivery) {
        if (delivery instanceof Delivery.Deliver deliver) {
            Matcher m = METHOD.matcher(deliver.message().methargs().body());
            return m.find() ? m.group(1) : "(unparsed)";
        }
        return "(" + delivery.getClass().getSimpleName() + ")";
    }

    /** The result vref of a {@code Deliver} (null if none). */
    public static String result(Delivery delivery) {
        return ((Delivery.Deliver) delivery).message().result();
    }

    /** CapData for a method call, each slot passed in turn as a reference argument. */
    public static CapData call(String method, String... slots) {
        StringBuilder body = new StringBuilder("#[\"").append(method).append("\",[");
        for (int i = 0; i < slots.length; i++) {
            String slot = slots[i];
            boolean promise = slot.charAt(0) == 'p' || slot.startsWith("kp");
            body.append(i == 0 ? "" : ",").append(promise ? "\"&" : "\"$").append(i).append('"');
        }
        return new CapData(body.append("]]").toString(), List.of(slots));
    }

    /** CapData that is exactly one reference (an object or a promise). */
    public static CapData ref(String slot) {
        boolean promise = slot.charAt(0) == 'p' || slot.startsWith("kp");
        return new CapData(promise ? "#\"&0\"" : "#\"$0\"", List.of(slot));
    }

    /** Plain data, no references. */
    public static CapData data(String smallcapsBody) {
        return new CapData(smallcapsBody, List.of());
    }

    public static SyscallResult send(SyscallPort port, String target, CapData methargs, String result) {
        return port.syscall(new Syscall.Send(target, new Message(methargs, result)));
    }

    public static SyscallResult resolve(SyscallPort port, String vref, boolean rejected, CapData data) {
        return port.syscall(new Syscall.Resolve(List.of(new Resolution(vref, rejected, data))));
    }

    /** The kernel error code a rejection value claims, if any. */
    public static Optional<KernelErrorCode> code(CapData rejection) {
        return KernelErrors.codeOf(rejection);
    }
}
