package io.jocap.protocol;

import io.jocap.marshal.CapData;
import io.jocap.testkit.Gen;
import java.util.ArrayList;
import java.util.List;

/** Random protocol records, built from random vrefs of every form and random CapData. */
final class ProtocolGen {
    private ProtocolGen() {}

    /** Numbers as vrefs write them: small ones mostly, the largest allowed sometimes. */
    static final Gen<String> NUMBER = Gen.frequency(
            Gen.weight(8, Gen.ints(0, 30).map(String::valueOf)),
            Gen.weight(2, Gen.ints(0, Integer.MAX_VALUE).map(String::valueOf)),
            Gen.weight(1, Gen.constant("9007199254740991")));

    static final Gen<String> PROMISE = (random, size) ->
            (random.nextBoolean() ? "p+" : "p-") + NUMBER.next(random, size);

    static final Gen<String> IMPORTED_OBJECT = NUMBER.map(n -> "o-" + n);

    static final Gen<String> EXPORTED_OBJECT = (random, size) -> switch (random.nextInt(3)) {
        case 0 -> "o+" + NUMBER.next(random, size);
        default -> "o+" + (random.nextBoolean() ? "v" : "d") + NUMBER.next(random, size) + "/"
                + NUMBER.next(random, size) + (random.nextBoolean() ? ":" + NUMBER.next(random, size) : "");
    };

    static final Gen<String> VREF = Gen.anyOf(PROMISE, IMPORTED_OBJECT, EXPORTED_OBJECT);

    static final Gen<CapData> CAP_DATA = (random, size) -> {
        List<String> slots = Gen.listOf(VREF, 4).next(random, size);
        String body = switch (random.nextInt(3)) {
            case 0 -> "#[1]";
            case 1 -> "#" + io.jocap.marshal.JsonText.quote(Gen.utf16Strings(20).next(random, size));
            default -> Gen.utf16Strings(30).next(random, size); // the protocol does not look inside bodies
        };
        return new CapData(body, slots);
    };

    static final Gen<Message> MESSAGE = (random, size) ->
            new Message(CAP_DATA.next(random, size), PROMISE.orNull(0.3).next(random, size));

    static final Gen<Resolution> RESOLUTION = (random, size) ->
            new Resolution(PROMISE.next(random, size), random.nextBoolean(), CAP_DATA.next(random, size));

    static final Gen<String> KEY = Gen.utf16Strings(16).map(s -> "k" + s);

    static final Gen<Delivery> DELIVERY = Gen.anyOf(
            (random, size) -> new Delivery.Deliver(VREF.next(random, size), MESSAGE.next(random, size)),
            nonEmpty(RESOLUTION).map(Delivery.Notify::new),
            nonEmpty(EXPORTED_OBJECT).map(Delivery.DropExports::new),
            nonEmpty(EXPORTED_OBJECT).map(Delivery.RetireExports::new),
            nonEmpty(IMPORTED_OBJECT).map(Delivery.RetireImports::new),
            Gen.constant(new Delivery.BringOutYourDead()),
            CAP_DATA.map(Delivery.StartVat::new));

    static final Gen<Syscall> SYSCALL = Gen.anyOf(
            (random, size) -> new Syscall.Send(VREF.next(random, size), MESSAGE.next(random, size)),
            PROMISE.map(Syscall.Subscribe::new),
            nonEmpty(RESOLUTION).map(Syscall.Resolve::new),
            (random, size) -> new Syscall.Exit(random.nextBoolean(), CAP_DATA.next(random, size)),
            nonEmpty(IMPORTED_OBJECT).map(Syscall.DropImports::new),
            nonEmpty(IMPORTED_OBJECT).map(Syscall.RetireImports::new),
            nonEmpty(EXPORTED_OBJECT).map(Syscall.RetireExports::new),
            nonEmpty(EXPORTED_OBJECT).map(Syscall.AbandonExports::new),
            KEY.map(Syscall.VatstoreGet::new),
            (random, size) -> new Syscall.VatstoreSet(KEY.next(random, size), Gen.utf16Strings(20).next(random, size)),
            KEY.map(Syscall.VatstoreDelete::new),
            Gen.utf16Strings(10).map(Syscall.VatstoreGetNextKey::new));

    static final Gen<SyscallResult> SYSCALL_RESULT = Gen.anyOf(
            Gen.constant(SyscallResult.OK),
            Gen.utf16Strings(20).map(SyscallResult.Ok::new),
            Gen.utf16Strings(20).map(SyscallResult.Failed::new));

    static final Gen<DeliveryResult> DELIVERY_RESULT = Gen.anyOf(
            Gen.constant(DeliveryResult.OK),
            Gen.utf16Strings(20).map(DeliveryResult.Failed::new));

    /** Lists of 1 to 5 elements. */
    static <T> Gen<List<T>> nonEmpty(Gen<T> element) {
        return (random, size) -> {
            List<T> out = new ArrayList<>();
            out.add(element.next(random, size));
            out.addAll(Gen.listOf(element, 4).next(random, size));
            return out;
        };
    }
}
