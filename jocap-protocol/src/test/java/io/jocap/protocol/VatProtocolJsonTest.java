package io.jocap.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jocap.marshal.CapData;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class VatProtocolJsonTest {
    private static final CapData HELLO = new CapData("#[\"hello\",[\"$0\"]]", List.of("o-1"));
    private static final String HELLO_JSON = "{\"body\":\"#[\\\"hello\\\",[\\\"$0\\\"]]\",\"slots\":[\"o-1\"]}";
    private static final CapData ONE = new CapData("#1", List.of());
    private static final String ONE_JSON = "{\"body\":\"#1\",\"slots\":[]}";

    private static void delivery(Delivery delivery, String json) {
        assertThat(VatProtocolJson.write(delivery)).isEqualTo(json);
        assertThat(VatProtocolJson.readDelivery(json)).isEqualTo(delivery);
    }

    private static void syscall(Syscall syscall, String json) {
        assertThat(VatProtocolJson.write(syscall)).isEqualTo(json);
        assertThat(VatProtocolJson.readSyscall(json)).isEqualTo(syscall);
    }

    @Test
    void everyDelivery() {
        delivery(new Delivery.Deliver("o+0", new Message(HELLO, "p-4")),
                "[\"message\",\"o+0\",{\"methargs\":" + HELLO_JSON + ",\"result\":\"p-4\"}]");
        delivery(new Delivery.Deliver("o+d10/1:0", new Message(ONE)),
                "[\"message\",\"o+d10/1:0\",{\"methargs\":" + ONE_JSON + ",\"result\":null}]");
        delivery(new Delivery.Notify(List.of(new Resolution("p+5", false, ONE), new Resolution("p-1", true, HELLO))),
                "[\"notify\",[[\"p+5\",false," + ONE_JSON + "],[\"p-1\",true," + HELLO_JSON + "]]]");
        delivery(new Delivery.DropExports(List.of("o+1", "o+v2/3")), "[\"dropExports\",[\"o+1\",\"o+v2/3\"]]");
        delivery(new Delivery.RetireExports(List.of("o+1")), "[\"retireExports\",[\"o+1\"]]");
        delivery(new Delivery.RetireImports(List.of("o-9")), "[\"retireImports\",[\"o-9\"]]");
        delivery(new Delivery.BringOutYourDead(), "[\"bringOutYourDead\"]");
        delivery(new Delivery.StartVat(HELLO), "[\"startVat\"," + HELLO_JSON + "]");
    }

    @Test
    void everySyscall() {
        syscall(new Syscall.Send("o-3", new Message(HELLO, "p+5")),
                "[\"send\",\"o-3\",{\"methargs\":" + HELLO_JSON + ",\"result\":\"p+5\"}]");
        syscall(new Syscall.Send("p-2", new Message(ONE)),
                "[\"send\",\"p-2\",{\"methargs\":" + ONE_JSON + ",\"result\":null}]");
        syscall(new Syscall.Subscribe("p-2"), "[\"subscribe\",\"p-2\"]");
        syscall(new Syscall.Resolve(List.of(new Resolution("p-4", true, ONE))),
                "[\"resolve\",[[\"p-4\",true," + ONE_JSON + "]]]");
        syscall(new Syscall.Exit(false, ONE), "[\"exit\",false," + ONE_JSON + "]");
        syscall(new Syscall.DropImports(List.of("o-1", "o-2")), "[\"dropImports\",[\"o-1\",\"o-2\"]]");
        syscall(new Syscall.RetireImports(List.of("o-1")), "[\"retireImports\",[\"o-1\"]]");
        syscall(new Syscall.RetireExports(List.of("o+d10/1")), "[\"retireExports\",[\"o+d10/1\"]]");
        syscall(new Syscall.AbandonExports(List.of("o+7")), "[\"abandonExports\",[\"o+7\"]]");
        syscall(new Syscall.VatstoreGet("vom.o+d10/1"), "[\"vatstoreGet\",\"vom.o+d10/1\"]");
        syscall(new Syscall.VatstoreSet("k\n\"", "v\u2028\ud800"), "[\"vatstoreSet\",\"k\\n\\\"\",\"v\u2028\\ud800\"]");
        syscall(new Syscall.VatstoreDelete("k"), "[\"vatstoreDelete\",\"k\"]");
        syscall(new Syscall.VatstoreGetNextKey(""), "[\"vatstoreGetNextKey\",\"\"]");
    }

    @Test
    void everyResult() {
        assertThat(VatProtocolJson.write(SyscallResult.OK)).isEqualTo("[\"ok\",null]");
        assertThat(VatProtocolJson.write(new SyscallResult.Ok("v"))).isEqualTo("[\"ok\",\"v\"]");
        assertThat(VatProtocolJson.write(new SyscallResult.Failed("bad"))).isEqualTo("[\"error\",\"bad\"]");
        assertThat(VatProtocolJson.write(DeliveryResult.OK)).isEqualTo("[\"ok\",null]");
        assertThat(VatProtocolJson.write(new DeliveryResult.Failed("broke"))).isEqualTo("[\"error\",\"broke\"]");
        assertThat(VatProtocolJson.readSyscallResult("[\"ok\",null]")).isSameAs(SyscallResult.OK);
        assertThat(VatProtocolJson.readSyscallResult("[\"ok\",\"v\"]")).isEqualTo(new SyscallResult.Ok("v"));
        assertThat(VatProtocolJson.readSyscallResult("[\"error\",\"bad\"]")).isEqualTo(new SyscallResult.Failed("bad"));
        assertThat(VatProtocolJson.readDeliveryResult("[\"ok\",null]")).isSameAs(DeliveryResult.OK);
        assertThat(VatProtocolJson.readDeliveryResult("[\"error\",\"broke\"]"))
                .isEqualTo(new DeliveryResult.Failed("broke"));
    }

    @Test
    void readingAcceptsWhiteSpaceAndAnyFieldOrder() {
        assertThat(VatProtocolJson.readSyscall(" [ \"send\" , \"o-3\" , { \"result\" : null , \"methargs\" : "
                + "{ \"slots\" : [ ] , \"body\" : \"#1\" } } ] "))
                .isEqualTo(new Syscall.Send("o-3", new Message(ONE)));
    }

    @Test
    void writingNullIsRefused() {
        assertThatThrownBy(() -> VatProtocolJson.write((Syscall) null)).isInstanceOf(ProtocolException.class)
                .hasMessage("cannot write a null syscall");
    }

    private static void badSyscall(String json, String message) {
        assertThatThrownBy(() -> VatProtocolJson.readSyscall(json)).isInstanceOf(ProtocolException.class)
                .hasMessage(message);
    }

    private static void badDelivery(String json, String message) {
        assertThatThrownBy(() -> VatProtocolJson.readDelivery(json)).isInstanceOf(ProtocolException.class)
                .hasMessage(message);
    }

    @Test
    void malformedSyscallsSayWhatIsWrong() {
        badSyscall(null, "syscall text is null");
        badSyscall("", "syscall is not JSON: JSON is not valid JSON: unexpected end of input, expected a JSON value"
                + " at JSON position 0");
        badSyscall("[\"send\",", "syscall is not JSON: JSON is not valid JSON: unexpected end of input, expected a"
                + " JSON value at JSON position 8");
        badSyscall("{}", "a syscall must be a JSON array starting with its name, got an object");
        badSyscall("[]", "a syscall must be a JSON array starting with its name, got an array");
        badSyscall("[1]", "a syscall must be a JSON array starting with its name, got an array starting with a number");
        badSyscall("null", "a syscall must be a JSON array starting with its name, got null");
        badSyscall("[\"callNow\",\"d-1\"]", "unknown syscall \"callNow\"; expected one of send, subscribe, resolve,"
                + " exit, dropImports, retireImports, retireExports, abandonExports, vatstoreGet, vatstoreSet,"
                + " vatstoreDelete, vatstoreGetNextKey");
        badSyscall("[\"send\",\"o-3\"]", "send: expected 3 elements [\"send\", target, {methargs, result}], got 2");
        badSyscall("[\"send\",3,{}]", "send: target must be a string, got a number");
        badSyscall("[\"send\",\"o+x\",{\"methargs\":" + ONE_JSON + ",\"result\":null}]",
                "send: target \"o+x\" is not a vat reference: expected a decimal digit at position 2 ('x')");
        badSyscall("[\"send\",\"o-3\",[]]", "send: message must be an object, got an array");
        badSyscall("[\"send\",\"o-3\",{\"methargs\":" + ONE_JSON + "}]", "send: message is missing its \"result\" field");
        badSyscall("[\"send\",\"o-3\",{\"methargs\":" + ONE_JSON + ",\"result\":null,\"x\":1}]",
                "send: message has an unknown field \"x\"; expected only \"methargs\" and \"result\"");
        badSyscall("[\"send\",\"o-3\",{\"methargs\":" + ONE_JSON + ",\"result\":\"o+1\"}]",
                "send: message: result \"o+1\" is not a promise reference (p+N or p-N)");
        badSyscall("[\"send\",\"o-3\",{\"methargs\":{\"body\":1,\"slots\":[]},\"result\":null}]",
                "send: message.methargs.body must be a string, got a number");
        badSyscall("[\"send\",\"o-3\",{\"methargs\":{\"body\":\"#1\",\"slots\":[null]},\"result\":null}]",
                "send: message.methargs.slots[0] must be a string, got null");
        badSyscall("[\"send\",\"o-3\",{\"methargs\":{\"body\":\"#1\",\"slots\":[\"kp1\"]},\"result\":null}]",
                "send: message: methargs.slots[0] \"kp1\" is not a vat reference: expected 'o' (object) or 'p'"
                        + " (promise) at position 0 ('k')");
        badSyscall("[\"send\",\"o-3\",{\"methargs\":{\"body\":\"#1\"},\"result\":null}]",
                "send: message.methargs is missing its \"slots\" field");
        badSyscall("[\"resolve\",[[\"p+1\",0,{\"body\":\"#1\",\"slots\":[]}]]]",
                "resolve: resolutions[0].rejected must be true or false, got a number");
        badSyscall("[\"resolve\",[[\"p+1\",false]]]", "resolve: resolutions[0] must be [promise, rejected, data], got 2"
                + " elements");
        badSyscall("[\"resolve\",[[\"o+1\",false," + ONE_JSON + "]]]",
                "resolve: resolutions[0]: resolution: promise \"o+1\" is not a promise reference (p+N or p-N)");
        badSyscall("[\"resolve\",[]]", "resolve: resolutions is empty");
        badSyscall("[\"resolve\",{}]", "resolve: resolutions must be an array, got an object");
        badSyscall("[\"exit\",\"yes\"," + ONE_JSON + "]", "exit: failure must be true or false, got a string");
        badSyscall("[\"dropImports\",\"o-1\"]", "dropImports: vrefs must be an array, got a string");
        badSyscall("[\"dropImports\",[\"o-1\",true]]", "dropImports: vrefs[1] must be a string, got a boolean");
        badSyscall("[\"dropImports\",[\"o+1\"]]",
                "dropImports: vrefs[0] \"o+1\" is not an imported object reference (o-N)");
        badSyscall("[\"dropImports\",[\"o-1\"],[]]", "dropImports: expected 2 elements [\"dropImports\", [vref, …]], got 3");
        badSyscall("[\"vatstoreGet\",\"\"]", "vatstoreGet: key is empty");
        badSyscall("[\"vatstoreSet\",\"k\",null]", "vatstoreSet: value must be a string, got null");
    }

    @Test
    void malformedDeliveriesAndResultsSayWhatIsWrong() {
        badDelivery("[\"message\",\"o+0\"]",
                "message delivery: expected 3 elements [\"message\", target, {methargs, result}], got 2");
        badDelivery("[\"send\",\"o+0\",{}]", "unknown delivery \"send\"; expected one of message, notify, dropExports,"
                + " retireExports, retireImports, bringOutYourDead, startVat");
        badDelivery("[\"bringOutYourDead\",1]", "bringOutYourDead: expected 1 elements [\"bringOutYourDead\"], got 2");
        badDelivery("[\"startVat\",{\"body\":\"#1\",\"slots\":[],\"more\":[]}]",
                "startVat: parameters has an unknown field \"more\"; expected only \"body\" and \"slots\"");
        badDelivery("[\"notify\",[[\"p-1\",true,null]]]", "notify: resolutions[0].data must be an object, got null");
        badDelivery("[\"retireImports\",[\"o+1\"]]",
                "retireImports: vrefs[0] \"o+1\" is not an imported object reference (o-N)");
        assertThatThrownBy(() -> VatProtocolJson.readDeliveryResult("[\"ok\",\"x\"]")).isInstanceOf(ProtocolException.class)
                .hasMessage("delivery result ok: the second element must be null, got a string");
        assertThatThrownBy(() -> VatProtocolJson.readDeliveryResult("[\"ok\"]")).isInstanceOf(ProtocolException.class)
                .hasMessage("delivery result ok: expected 2 elements [\"ok\", null], got 1");
        assertThatThrownBy(() -> VatProtocolJson.readSyscallResult("[\"fine\",null]")).isInstanceOf(ProtocolException.class)
                .hasMessage("unknown syscall result \"fine\"; expected ok or error");
        assertThatThrownBy(() -> VatProtocolJson.readSyscallResult("[\"ok\",5]")).isInstanceOf(ProtocolException.class)
                .hasMessage("syscall result ok: value must be a string, got a number");
        assertThatThrownBy(() -> VatProtocolJson.readSyscallResult("[\"error\",null]")).isInstanceOf(ProtocolException.class)
                .hasMessage("syscall result error: problem must be a string, got null");
    }

    @Test
    void hostileTextsFailWithProtocolExceptionOnly() {
        List<String> hostile = List.of(
                "[".repeat(1_000_000),
                "[\"send\"," + "[".repeat(200) + "]".repeat(200) + ",{}]",
                "[\"resolve\",[" + "[\"p+1\",false,{\"body\":\"#1\",\"slots\":[]}],".repeat(3) + "]]",
                "[\"send\",\"o-1\",{\"methargs\":{\"body\":\"#1\",\"slots\":[]},\"result\":\"p+1\",\"result\":{}}]",
                "[\"" + "\\ud800".repeat(10) + "\"]",
                "[\"vatstoreSet\",\"k\",\"" + "x".repeat(100_000) + "\",1]",
                "[\"exit\",true,{\"body\":\"#1\",\"slots\":{\"length\":1}}]",
                "[\"subscribe\",\"" + "9".repeat(100_000) + "\"]",
                "[\"ok\"]\u0000",
                "\ufeff[\"bringOutYourDead\"]");
        List<Function<String, ?>> readers = List.of(VatProtocolJson::readDelivery, VatProtocolJson::readSyscall,
                VatProtocolJson::readSyscallResult, VatProtocolJson::readDeliveryResult);
        for (String text : hostile) {
            for (Function<String, ?> reader : readers) {
                assertThatThrownBy(() -> reader.apply(text)).isInstanceOf(ProtocolException.class)
                        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(1000));
            }
        }
    }
}
