package io.jocap.worker.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jocap.marshal.CapData;
import io.jocap.protocol.Delivery;
import io.jocap.protocol.DeliveryResult;
import io.jocap.protocol.Message;
import io.jocap.protocol.ProtocolException;
import io.jocap.protocol.Syscall;
import io.jocap.protocol.SyscallResult;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The worker pipe's framing and messages, without processes. */
class WorkerProtocolTest {
    private static final CapData ARGS = new CapData("#[\"greet\",[\"$0.Alleged: x\"]]", List.of("o-1"));

    static final List<WorkerMessage> ALL = List.of(
            new WorkerMessage.Start("v3", "carol", "{\"directory\":\"/d\",\"class\":\"C\",\"worker\":\"process\"}", null),
            new WorkerMessage.Start("v3", "carol", "{}", "com.example.Check"),
            new WorkerMessage.Deliver(new Delivery.Deliver("o+0", new Message(ARGS, "p-7"))),
            new WorkerMessage.Deliver(new Delivery.BringOutYourDead()),
            new WorkerMessage.RunTurn(),
            new WorkerMessage.Answer(new SyscallResult.Ok("a \"value\" \u2028 \ud800")),
            new WorkerMessage.Answer(SyscallResult.OK),
            new WorkerMessage.Ready(),
            new WorkerMessage.StartFailed("vat carol: C.java:3: error"),
            new WorkerMessage.MakeSyscall(new Syscall.Send("o-1", new Message(ARGS, null)), false),
            new WorkerMessage.MakeSyscall(new Syscall.VatstoreGet("b.count"), true),
            new WorkerMessage.Done(DeliveryResult.OK),
            new WorkerMessage.Done(new DeliveryResult.Failed("broken")),
            new WorkerMessage.WantTurn(),
            new WorkerMessage.Log("[carol] INFO hello"));

    private static WorkerMessage read(String text, WorkerMessage like) {
        return like instanceof WorkerMessage.ToWorker ? WorkerMessage.readToWorker(text) : WorkerMessage.readFromWorker(text);
    }

    @Test
    void everyMessageReadsBackEqualFromItsText() {
        for (WorkerMessage message : ALL) {
            String text = WorkerMessage.write(message);
            assertThat(read(text, message)).as(text).isEqualTo(message);
            assertThat(read(" [ " + text.substring(1, text.length() - 1) + " ]\n", message)).as("with white space")
                    .isEqualTo(message);
        }
    }

    @Test
    void theTextIsDocumentedShape() {
        assertThat(WorkerMessage.write(new WorkerMessage.MakeSyscall(new Syscall.VatstoreGet("k"), true)))
                .isEqualTo("[\"syscall\",[\"vatstoreGet\",\"k\"],true]");
        assertThat(WorkerMessage.write(new WorkerMessage.Done(DeliveryResult.OK))).isEqualTo("[\"done\",[\"ok\",null]]");
        assertThat(WorkerMessage.write(new WorkerMessage.Deliver(new Delivery.BringOutYourDead())))
                .isEqualTo("[\"deliver\",[\"bringOutYourDead\"]]");
        assertThat(WorkerMessage.write(new WorkerMessage.Start("v1", "a", "{}", null)))
                .isEqualTo("[\"start\",{\"vatId\":\"v1\",\"name\":\"a\",\"config\":\"{}\",\"classCheck\":null}]");
    }

    @Test
    void malformedMessagesAreProtocolExceptionsSayingWhatIsWrong() {
        assertThatThrownBy(() -> WorkerMessage.readFromWorker("{")).isInstanceOf(ProtocolException.class)
                .hasMessageStartingWith("a worker message that is not JSON");
        assertThatThrownBy(() -> WorkerMessage.readFromWorker("{}"))
                .hasMessage("a worker message is a JSON array whose first element is its kind, got an object");
        assertThatThrownBy(() -> WorkerMessage.readFromWorker("[]"))
                .hasMessage("a worker message is a JSON array whose first element is its kind, got an array without a kind");
        assertThatThrownBy(() -> WorkerMessage.readFromWorker("[\"deliver\",[\"bringOutYourDead\"]]"))
                .hasMessageStartingWith("unknown message \"deliver\" from a worker");
        assertThatThrownBy(() -> WorkerMessage.readToWorker("[\"done\",[\"ok\",null]]"))
                .hasMessageStartingWith("unknown message \"done\" for a worker");
        assertThatThrownBy(() -> WorkerMessage.readFromWorker("[\"ready\",1]"))
                .hasMessage("ready: expected [\"ready\"], got 2 elements");
        assertThatThrownBy(() -> WorkerMessage.readFromWorker("[\"syscall\",[\"vatstoreGet\",\"k\"],\"yes\"]"))
                .hasMessage("syscall: wantsAnswer must be a boolean, got a string");
        assertThatThrownBy(() -> WorkerMessage.readFromWorker("[\"syscall\",[\"subscribe\",\"o+1\"],false]"))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("subscribe");
        assertThatThrownBy(() -> WorkerMessage.readFromWorker("[\"log\",null]"))
                .hasMessage("log: line must be a string, got null");
        assertThatThrownBy(() -> WorkerMessage.readToWorker("[\"start\",{\"vatId\":\"v1\",\"name\":\"a\",\"config\":\"{}\"}]"))
                .hasMessageStartingWith("start: expected exactly the fields vatId, name, config and classCheck");
    }

    @Test
    void framesAreLengthPrefixedUtf8() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Frames.write(out, "[\"log\",\"é\"]");
        Frames.write(out, "[\"ready\"]");
        byte[] bytes = out.toByteArray();
        assertThat(bytes[3]).isEqualTo((byte) 12); // 11 characters, é is two bytes
        ByteArrayInputStream in = new ByteArrayInputStream(bytes);
        assertThat(Frames.read(in)).isEqualTo("[\"log\",\"é\"]");
        assertThat(Frames.read(in)).isEqualTo("[\"ready\"]");
        assertThat(Frames.read(in)).as("a clean end").isNull();
    }

    @Test
    void frameViolationsAreReported() {
        assertThatThrownBy(() -> Frames.read(new ByteArrayInputStream(new byte[] {0, 0})))
                .isInstanceOf(EOFException.class).hasMessage("the stream ended inside a frame's length (2 of 4 bytes)");
        assertThatThrownBy(() -> Frames.read(new ByteArrayInputStream(new byte[] {0, 0, 0, 5, '[', '1'})))
                .isInstanceOf(EOFException.class).hasMessage("the stream ended inside a frame (2 of 5 bytes)");
        assertThatThrownBy(() -> Frames.read(new ByteArrayInputStream(new byte[] {0, 0, 0, 0})))
                .isInstanceOf(Frames.FrameException.class).hasMessage("an empty frame");
        assertThatThrownBy(() -> Frames.read(new ByteArrayInputStream(new byte[] {'T', 'e', 'r', 'm'})))
                .isInstanceOf(Frames.FrameException.class)
                .hasMessage("a frame of 1415934573 bytes, over the limit of 67108864 bytes (64 MiB)");
        assertThatThrownBy(() -> Frames.read(new ByteArrayInputStream(new byte[] {(byte) 0xFF, 0, 0, 0})))
                .isInstanceOf(Frames.FrameException.class).hasMessageStartingWith("a frame of 4278190080 bytes, over");
        assertThatThrownBy(() -> Frames.read(new ByteArrayInputStream(new byte[] {0, 0, 0, 1, (byte) 0xC3})))
                .isInstanceOf(Frames.FrameException.class).hasMessage("a frame of 1 bytes is not UTF-8 text");
        assertThatThrownBy(() -> Frames.write(new ByteArrayOutputStream(), "x".repeat(Frames.MAX_FRAME_BYTES + 1)))
                .isInstanceOf(Frames.FrameException.class).hasMessageEndingWith("(not written)");
        assertThatThrownBy(() -> Frames.write(new ByteArrayOutputStream(), ""))
                .isInstanceOf(Frames.FrameException.class).hasMessage("an empty frame (not written)");
    }

    @Test
    void theWorkerCommandLineCarriesTheLimits() {
        List<String> command = ProcessWorker.command(64, ProcessWorkerOptions.defaults());
        assertThat(command).containsSubsequence("-Xmx64m", "-XX:+ExitOnOutOfMemoryError", "-XX:+DisplayVMOutputToStderr",
                "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                WorkerMain.class.getName());
        assertThat(command.getLast()).isEqualTo("io.jocap.worker.process.WorkerMain");
    }

    @Test
    void optionsAreChecked() {
        assertThatThrownBy(() -> ProcessWorkerOptions.defaults().withDeadline(java.time.Duration.ZERO))
                .hasMessage("deadline: must be positive, got PT0S");
        assertThatThrownBy(() -> ProcessWorkerOptions.defaults().withDefaultHeapMb(8))
                .hasMessage("defaultHeapMb: at least 16 MiB, got 8");
        assertThatThrownBy(() -> ProcessWorkerOptions.defaults().withJvmOptions(List.of("Xmx1g")))
                .hasMessage("jvmOptions: Xmx1g is not an option (it does not start with '-')");
        assertThatThrownBy(() -> new ProcessVatWorkers(line -> {}, ProcessWorkerOptions.defaults().withClassCheck("no.Such")))
                .hasMessage("the class check no.Such is not on the worker's class path");
        assertThatThrownBy(() -> new ProcessVatWorkers(line -> {}, ProcessWorkerOptions.defaults().withClassCheck("java.lang.Object")))
                .hasMessage("the class check java.lang.Object is neither a ClassCheck nor a Supplier<ClassCheck>");
    }
}
