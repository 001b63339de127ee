package io.jocap.vat;

import io.jocap.marshal.Remotable;

/**
 * The mark of an object other vats may call: a vat writer implements {@code Far} on each class
 * whose instances are handed out (returned from a method, passed as an argument, stored in a
 * passable value), and other vats reach them by reference.
 *
 * <pre>{@code
 * final class Counter implements Far {
 *     private long count;
 *
 *     public long increment(long by) {
 *         count += by;
 *         return count;
 *     }
 *
 *     public long read() {
 *         return count;
 *     }
 * }
 * }</pre>
 *
 * <h2>What other vats can call</h2>
 *
 * <ul>
 *   <li><b>Callable methods</b> are the {@code public} instance methods the class declares or
 *       inherits from its superclasses and interfaces, except those of {@link Object}, {@code Far}
 *       and {@link Remotable} (overriding {@code toString} or {@link #iface()} does not make them
 *       callable). Static methods are never callable; neither is anything that is not public, so
 *       keep helpers private. The class itself need not be public.
 *   <li><b>By name.</b> Other vats call a method by its name with a list of arguments. Methods
 *       with the same name must differ in their number of parameters, and at most one of them
 *       may be varargs; otherwise the class is unusable, and the vat runtime refuses to export
 *       it, naming the methods. A trailing varargs parameter ({@code String... names}) takes
 *       all remaining arguments; a method with exactly as many parameters as the call has
 *       arguments is preferred to a varargs one. Parameter types that no passable converts to
 *       ({@code Optional}, {@code Set}, {@code File}, …) are refused the same way.
 *   <li><b>Arguments</b> arrive as passables (numbers always as {@code Double}, bigints as
 *       {@code BigInteger}, lists, records as {@code Map<String, Object>}, …) and are converted
 *       strictly to the declared parameter types: {@code long}, {@code int}, {@code short} and
 *       {@code byte} take whole numbers in range, {@code double} and {@code float} numbers they
 *       represent exactly, {@code BigInteger} bigints or whole numbers, {@code char} one-character
 *       strings, enums the name of a constant, Java records a record with exactly their
 *       components, {@code List}s, {@code Map}s and arrays their elements converted the same way,
 *       and any other type (such as a {@code Far} class, {@link Presence} or {@link VatPromise})
 *       a value that is an instance of it. {@code null} and {@code undefined} arrive only for
 *       reference types. A call whose arguments do not fit is rejected without running the method,
 *       with a message naming the argument.
 *   <li><b>Return values</b> must be passable: data (numbers, strings, booleans, {@code
 *       BigInteger}s, lists, maps with string keys, Java records, enums, arrays), {@code Far}
 *       objects and other remotables, or a {@link VatPromise}, whose eventual value is sent to the
 *       caller when it settles. Returning anything else rejects the call (after the method ran).
 *       A {@code void} method's call resolves to {@code null}.
 *   <li><b>Exceptions.</b> An exception the method throws rejects only that call; the vat and
 *       the object carry on.
 * </ul>
 *
 * <p>A {@code Far} object belongs to its vat and is called only on the vat's event loop, one call
 * at a time, so its methods need no locking.
 */
public interface Far extends Remotable {
    /**
     * The interface name other vats see: {@code "Alleged: "} followed by the class's simple name
     * ({@code "Alleged: Far"} for an anonymous class). Other vats see it in messages about this
     * object. Override it to name the object for people; the result must still be a valid iface
     * (see {@link Remotable#iface()}), such as {@code "Alleged: Alice's purse"}.
     */
    @Override
    default String iface() {
        String simpleName = getClass().getSimpleName();
        return "Alleged: " + (simpleName.isEmpty() ? "Far" : simpleName);
    }
}
