package io.jocap.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jocap.marshal.CapData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class RecordValidationTest {
    private static final CapData ONE = new CapData("#[1]", List.of());
    private static final Message MESSAGE = new Message(ONE, "p+5");

    private static void rejects(ThrowingCallable construct, String message) {
        assertThatThrownBy(construct).isInstanceOf(ProtocolException.class).hasMessage(message);
    }

    @Test
    void messageAndResolution() {
        assertThat(new Message(ONE).result()).isNull();
        rejects(() -> new Message(null, "p+5"), "message: methargs is null");
        rejects(() -> new Message(ONE, "o+5"), "message: result \"o+5\" is not a promise reference (p+N or p-N)");
        rejects(() -> new Message(ONE, "p+05"),
                "message: result \"p+05\" is not a vat reference: a number has a leading zero at position 2 ('0')");
        rejects(() -> new Message(new CapData("#[\"$0\"]", List.of("ko1")), null),
                "message: methargs.slots[0] \"ko1\" is not a vat reference: expected 'o' (object) or 'p' (promise)"
                        + " at position 0 ('k')");
        rejects(() -> new Resolution("o-1", false, ONE),
                "resolution: promise \"o-1\" is not a promise reference (p+N or p-N)");
        rejects(() -> new Resolution(null, false, ONE), "resolution: promise is null");
        rejects(() -> new Resolution("p-1", true, null), "resolution: data is null");
    }

    @Test
    void deliveries() {
        rejects(() -> new Delivery.Deliver("o+x", MESSAGE), "message delivery: target \"o+x\" is not a vat"
                + " reference: expected a decimal digit at position 2 ('x')");
        rejects(() -> new Delivery.Deliver("o+1", null), "message delivery: message is null");
        rejects(() -> new Delivery.Notify(List.of()), "notify: resolutions is empty");
        rejects(() -> new Delivery.Notify(Arrays.asList(new Resolution("p-1", false, ONE), null)),
                "notify: resolutions[1] is null");
        rejects(() -> new Delivery.DropExports(List.of("o+1", "o-2")),
                "dropExports: vrefs[1] \"o-2\" is not an exported object reference (o+…)");
        rejects(() -> new Delivery.RetireExports(List.of("p+1")),
                "retireExports: vrefs[0] \"p+1\" is not an exported object reference (o+…)");
        rejects(() -> new Delivery.RetireImports(List.of("o+d1/1")),
                "retireImports: vrefs[0] \"o+d1/1\" is not an imported object reference (o-N)");
        rejects(() -> new Delivery.RetireImports(null), "retireImports: vrefs is null");
        rejects(() -> new Delivery.StartVat(null), "startVat: parameters is null");
        rejects(() -> new Delivery.StartVat(new CapData("#1", List.of("o+1", "o+v1/"))),
                "startVat: parameters.slots[1] \"o+v1/\" is not a vat reference: expected a decimal digit at"
                        + " position 5 (the end)");
        assertThat(new Delivery.DropExports(List.of("o+0", "o+d10/1:0")).vrefs()).containsExactly("o+0", "o+d10/1:0");
    }

    @Test
    void syscalls() {
        rejects(() -> new Syscall.Send("o+x", MESSAGE),
                "send: target \"o+x\" is not a vat reference: expected a decimal digit at position 2 ('x')");
        rejects(() -> new Syscall.Send(null, MESSAGE), "send: target is null");
        rejects(() -> new Syscall.Subscribe("o-1"), "subscribe: promise \"o-1\" is not a promise reference (p+N or p-N)");
        rejects(() -> new Syscall.Resolve(List.of()), "resolve: resolutions is empty");
        rejects(() -> new Syscall.Exit(true, null), "exit: info is null");
        rejects(() -> new Syscall.DropImports(List.of("o+1")),
                "dropImports: vrefs[0] \"o+1\" is not an imported object reference (o-N)");
        rejects(() -> new Syscall.RetireImports(List.of("p-1")),
                "retireImports: vrefs[0] \"p-1\" is not an imported object reference (o-N)");
        rejects(() -> new Syscall.RetireExports(List.of("o-1")),
                "retireExports: vrefs[0] \"o-1\" is not an exported object reference (o+…)");
        rejects(() -> new Syscall.AbandonExports(List.of("")),
                "abandonExports: vrefs[0] \"\" is not a vat reference: it is empty");
        rejects(() -> new Syscall.AbandonExports(List.of()), "abandonExports: vrefs is empty");
        rejects(() -> new Syscall.VatstoreGet(""), "vatstoreGet: key is empty");
        rejects(() -> new Syscall.VatstoreSet("k", null), "vatstoreSet: value is null");
        rejects(() -> new Syscall.VatstoreSet(null, "v"), "vatstoreSet: key is null");
        rejects(() -> new Syscall.VatstoreDelete(""), "vatstoreDelete: key is empty");
        rejects(() -> new Syscall.VatstoreGetNextKey(null), "vatstoreGetNextKey: priorKey is null");
        assertThat(new Syscall.VatstoreGetNextKey("").priorKey()).isEmpty();
        assertThat(new Syscall.VatstoreSet("k", "").value()).isEmpty();
    }

    @Test
    void results() {
        assertThat(SyscallResult.OK).isEqualTo(new SyscallResult.Ok(null));
        assertThat(DeliveryResult.OK).isEqualTo(new DeliveryResult.Ok());
        rejects(() -> new SyscallResult.Failed(null), "syscall result: problem is null");
        rejects(() -> new DeliveryResult.Failed(null), "delivery result: problem is null");
    }

    @Test
    void listsAreCopiedImmutably() {
        List<String> vrefs = new ArrayList<>(List.of("o-1", "o-2"));
        Syscall.DropImports drop = new Syscall.DropImports(vrefs);
        vrefs.set(0, "not a vref");
        assertThat(drop.vrefs()).containsExactly("o-1", "o-2");
        assertThatThrownBy(() -> drop.vrefs().add("o-3")).isInstanceOf(UnsupportedOperationException.class);

        List<Resolution> resolutions = new ArrayList<>(List.of(new Resolution("p+5", false, ONE)));
        Syscall.Resolve resolve = new Syscall.Resolve(resolutions);
        resolutions.clear();
        assertThat(resolve.resolutions()).hasSize(1);
        assertThatThrownBy(() -> resolve.resolutions().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void heapPollutedListsFailCleanly() {
        List raw = new ArrayList<>(List.of(7));
        rejects(() -> new Syscall.DropImports(raw), "dropImports: vrefs[0] is not a String");
        rejects(() -> new Syscall.Resolve(raw), "resolve: resolutions[0] is not a Resolution");
    }
}
