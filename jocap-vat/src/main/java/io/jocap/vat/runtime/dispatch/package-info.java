/**
 * Calling a vat's {@link io.jocap.vat.Far} objects by method name: the reflective dispatcher of
 * the vat runtime.
 *
 * <h2>For the runtime</h2>
 *
 * {@link io.jocap.vat.runtime.dispatch.Dispatcher#invoke} is the one entry point: target, method
 * name and decoded arguments in, a passable result out. It throws a {@link
 * io.jocap.vat.runtime.dispatch.DispatchException} when the call cannot be made as asked (its
 * message is for the caller, typically sent back as a {@code TypeError}) and an {@link
 * io.jocap.vat.runtime.dispatch.InvocationFailure} wrapping whatever the method itself threw.
 * {@link io.jocap.vat.runtime.dispatch.MethodTable#of} checks a class up front (call it when
 * exporting an object, so a badly overloaded class fails there, naming the methods) and {@link
 * io.jocap.vat.runtime.dispatch.ResultConverter#toPassable} converts values that become results
 * later, such as a returned {@code VatPromise}'s value.
 *
 * <h2>Implementation</h2>
 *
 * <ul>
 *   <li>{@code MethodSelector} picks a class's callable methods (public, instance, not of
 *       {@code Object}/{@code Far}/{@code Remotable}, no bridges).
 *   <li>{@code MethodTable} groups them by name into {@code Overloads} (one method per
 *       argument count, plus at most one varargs method), refusing ambiguous overloads and
 *       unpassable parameter types; tables are cached per class in a {@code ClassValue}.
 *   <li>{@code CallableMethod} holds a method's spread {@code MethodHandle} and one {@code
 *       Conversion} per parameter, built by {@code ArgumentConverter} (with {@code
 *       NumberConversions} and {@code RecordConversion}) from the generic parameter types, so a
 *       call does no reflection. A failed conversion is an {@code ArgumentMismatch} that collects
 *       its path ({@code .items[2]}) on the way out; {@code ValueText} words values for messages
 *       and {@code NameSuggestion} finds the "did you mean".
 *   <li>{@code ResultConverter} walks the result once, copying lists, maps, arrays and records
 *       into the marshaller's unmodifiable forms.
 * </ul>
 *
 * Everything here is stateless or immutable apart from the per-class caches, and is safe on
 * any thread; the objects called are not, which is why the runtime calls them on their vat's loop.
 */
package io.jocap.vat.runtime.dispatch;
