package io.jocap.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.jocap.testkit.Gen;
import io.jocap.testkit.PropertyCheck;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class VatProtocolJsonProperties {
    @Test
    void deliveriesRoundTrip() {
        PropertyCheck.forAll("read(write(delivery)) == delivery", 2000, ProtocolGen.DELIVERY, delivery ->
                assertThat(VatProtocolJson.readDelivery(VatProtocolJson.write(delivery))).isEqualTo(delivery));
    }

    @Test
    void syscallsRoundTrip() {
        PropertyCheck.forAll("read(write(syscall)) == syscall", 2000, ProtocolGen.SYSCALL, syscall ->
                assertThat(VatProtocolJson.readSyscall(VatProtocolJson.write(syscall))).isEqualTo(syscall));
    }

    @Test
    void resultsRoundTrip() {
        PropertyCheck.forAll("syscall results round trip", 500, ProtocolGen.SYSCALL_RESULT, result ->
                assertThat(VatProtocolJson.readSyscallResult(VatProtocolJson.write(result))).isEqualTo(result));
        PropertyCheck.forAll("delivery results round trip", 500, ProtocolGen.DELIVERY_RESULT, result ->
                assertThat(VatProtocolJson.readDeliveryResult(VatProtocolJson.write(result))).isEqualTo(result));
    }

    private static final List<Function<String, ?>> READERS = List.of(VatProtocolJson::readDelivery,
            VatProtocolJson::readSyscall, VatProtocolJson::readSyscallResult, VatProtocolJson::readDeliveryResult);

    /** A valid text with a few characters replaced, inserted or removed, fed to every reader. */
    private static final Gen<String> MUTATED = (random, size) -> {
        String text = random.nextBoolean()
                ? VatProtocolJson.write(ProtocolGen.SYSCALL.next(random, size))
                : VatProtocolJson.write(ProtocolGen.DELIVERY.next(random, size));
        StringBuilder sb = new StringBuilder(text);
        int edits = 1 + random.nextInt(3);
        String alphabet = "[]{}\",:0123456789-+.eE tfnulrsaopd/\\";
        for (int i = 0; i < edits && !sb.isEmpty(); i++) {
            int at = random.nextInt(sb.length());
            switch (random.nextInt(3)) {
                case 0 -> sb.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                case 1 -> sb.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                default -> sb.deleteCharAt(at);
            }
        }
        return sb.toString();
    };

    @Test
    void mutatedTextsAreReadOrRejectedWithProtocolException() {
        PropertyCheck.forAll("readers are total", 3000, MUTATED, text -> {
            for (Function<String, ?> reader : READERS) {
                Object read;
                try {
                    read = reader.apply(text);
                } catch (ProtocolException expected) {
                    continue;
                }
                // whatever is accepted must write back to text that reads the same
                String again = switch (read) {
                    case Delivery d -> VatProtocolJson.write(d);
                    case Syscall s -> VatProtocolJson.write(s);
                    case SyscallResult r -> VatProtocolJson.write(r);
                    case DeliveryResult r -> VatProtocolJson.write(r);
                    default -> throw new AssertionError(read);
                };
                assertThat(reader.apply(again)).isEqualTo(read);
            }
        });
    }
}
