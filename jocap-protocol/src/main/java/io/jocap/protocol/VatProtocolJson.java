package io.jocap.protocol;

/**
 * The JSON text of every protocol record: one compact JSON array per record, its name first, in
 * the tuple style of ocap-kernel and SwingSet. Writing produces no white space; reading accepts any
 * JSON white space but exactly these shapes.
 *
 * <pre>
 * deliveries (kernel → vat)
 *   ["message", target, {"methargs": capdata, "result": promise | null}]
 *   ["notify", [[promise, rejected, capdata], …]]
 *   ["dropExports", [vref, …]]      ["retireExports", [vref, …]]      ["retireImports", [vref, …]]
 *   ["bringOutYourDead"]
 *   ["startVat", capdata]
 * syscalls (vat → kernel)
 *   ["send", target, {"methargs": capdata, "result": promise | null}]
 *   ["subscribe", promise]
 *   ["resolve", [[promise, rejected, capdata], …]]
 *   ["exit", failure, capdata]
 *   ["dropImports", [vref, …]]  ["retireImports", [vref, …]]  ["retireExports", [vref, …]]  ["abandonExports", [vref, …]]
 *   ["vatstoreGet", key]  ["vatstoreSet", key, value]  ["vatstoreDelete", key]  ["vatstoreGetNextKey", priorKey]
 * syscall results:  ["ok", string | null]   ["error", problem]
 * delivery results: ["ok", null]            ["error", problem]
 * </pre>
 *
 * {@code capdata} is {@code {"body": string, "slots": [vref, …]}} exactly as {@link
 * io.jocap.marshal.CapData#toJson} writes it; {@code rejected} and {@code failure} are JSON
 * booleans; {@code result} is always present, {@code null} for a send without a result. For
 * example {@code ["send","o-3",{"methargs":{"body":"#[\"hello\",[]]","slots":[]},"result":"p+5"}]}.
 *
 * <p>Reading is total: any text that is not one of these shapes, or whose fields fail the records'
 * own checks, is a {@link ProtocolException} saying what is wrong (never a {@code
 * NullPointerException} or {@code ClassCastException}). Reading what was written gives back an
 * equal record.
 */
public final class VatProtocolJson {
    private VatProtocolJson() {}

    public static String write(Delivery delivery) {
        return JsonWriting.delivery(require(delivery, "delivery"));
    }

    public static String write(Syscall syscall) {
        return JsonWriting.syscall(require(syscall, "syscall"));
    }

    public static String write(SyscallResult result) {
        return JsonWriting.syscallResult(require(result, "syscall result"));
    }

    public static String write(DeliveryResult result) {
        return JsonWriting.deliveryResult(require(result, "delivery result"));
    }

    /** @throws ProtocolException if {@code text} is not a delivery's JSON form */
    public static Delivery readDelivery(String text) {
        return JsonReading.delivery(text);
    }

    /** @throws ProtocolException if {@code text} is not a syscall's JSON form */
    public static Syscall readSyscall(String text) {
        return JsonReading.syscall(text);
    }

    /** @throws ProtocolException if {@code text} is not a syscall result's JSON form */
    public static SyscallResult readSyscallResult(String text) {
        return JsonReading.syscallResult(text);
    }

    /** @throws ProtocolException if {@code text} is not a delivery result's JSON form */
    public static DeliveryResult readDeliveryResult(String text) {
        return JsonReading.deliveryResult(text);
    }

    private static <T> T require(T value, String what) {
        if (value == null) {
            throw new ProtocolException("cannot write a null " + what);
        }
        return value;
    }
}
