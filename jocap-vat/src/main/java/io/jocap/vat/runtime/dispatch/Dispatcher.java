package io.jocap.vat.runtime.dispatch;

import io.jocap.vat.Far;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;

/**
 * Calls a method of a {@link Far} object by name, as a message from another vat asks: finds the
 * method in the class's {@link MethodTable}, converts the passable arguments to its parameter
 * types, calls it, and converts the result back to a passable.
 *
 * <p>Two kinds of failure, kept apart by type:
 * <ul>
 *   <li>{@link DispatchException}: the call could not be made as asked (the method did not run),
 *       or its result is not passable (it ran). The message is for the caller and starts with the
 *       target's iface:
 *       <ul>
 *         <li>{@code no method "incremnt" on Alleged: Counter (its methods: increment, read); did you
 *             mean "increment"?}
 *         <li>{@code Alleged: Counter.increment takes 1 argument, got 2}
 *         <li>{@code Alleged: Counter.increment argument 1 (by) must be a whole number that fits in a
 *             long, got "five" (a string)}
 *             (the parameter's name only if the class was compiled with {@code -parameters};
 *             a problem inside an argument adds a path: {@code argument 1 (order) at .items[2].qty must be …})
 *         <li>{@code Alleged: Counter.read returned a java.io.File, which is not passable: return data
 *             (numbers, strings, lists, records…), remotable objects or promises}
 *       </ul>
 *   <li>{@link InvocationFailure}: the method threw; its cause is the method's exception,
 *       unchanged.
 * </ul>
 *
 * <p>Use on the target's vat event loop, like any call into vat code.
 */
public final class Dispatcher {
    private Dispatcher() {}

    /**
     * Calls {@code method} on {@code target} with {@code args}.
     *
     * @param target the object called; must be a {@link Far} object
     * @param method the method's name as the caller sent it
     * @param args the decoded passable arguments (the vat's own values, for a send to a local
     *     object, work too)
     * @return what the method returned, as a passable ({@code null} for a {@code void} method); a
     *     {@code VatPromise} is returned as it is, and its eventual value should go through
     *     {@link ResultConverter#toPassable} when it settles
     * @throws DispatchException if the call cannot be made as asked, or the result is not passable
     * @throws InvocationFailure if the method threw; {@code getCause()} is what it threw
     * @throws IllegalArgumentException if {@code target} is not a {@code Far} object (a bug in
     *     the runtime: only Far objects are exported)
     */
    public static Object invoke(Object target, String method, List<Object> args)
            throws DispatchException, InvocationFailure {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(args, "args");
        if (!(target instanceof Far far)) {
            throw new IllegalArgumentException("only Far objects can be called, not "
                    + (target == null ? "null" : target.getClass().getName()));
        }
        MethodTable table;
        try {
            table = MethodTable.of(far.getClass());
        } catch (IllegalArgumentException refused) {
            throw new DispatchException(ValueText.ifaceOf(far) + " cannot be called: " + refused.getMessage(), refused);
        }
        Overloads overloads = table.overloads(method);
        if (overloads == null) {
            throw new DispatchException(noSuchMethod(ValueText.ifaceOf(far), method, table.methodNames()));
        }
        CallableMethod callable = overloads.forArgumentCount(args.size());
        if (callable == null) {
            throw new DispatchException(callee(far, method) + " takes " + overloads.argumentCounts()
                    + ", got " + args.size());
        }
        Object[] arguments = callable.convertArguments(args, () -> callee(far, method));
        Object result;
        try {
            result = callable.invoke(far, arguments);
        } catch (Throwable thrown) {
            throw new InvocationFailure(callee(far, method), thrown);
        }
        return ResultConverter.toPassable(result, () -> callee(far, method) + " returned");
    }

    /**
     * {@code Alleged: Counter.increment}. Made only when a message or failure needs it:
     * {@code iface()} is vat code, and a successful call should not run more of it than asked.
     */
    private static String callee(Far target, String method) {
        return ValueText.ifaceOf(target) + "." + method;
    }

    private static String noSuchMethod(String iface, String method, SortedSet<String> names) {
        StringBuilder message = new StringBuilder("no method ").append(ValueText.quoted(method)).append(" on ")
                .append(iface);
        if (names.isEmpty()) {
            message.append(" (it has no methods)");
        } else {
            message.append(" (its methods: ").append(String.join(", ", names)).append(')');
        }
        Optional<String> suggestion = NameSuggestion.closest(method, names);
        suggestion.ifPresent(name -> message.append("; did you mean ").append(ValueText.quoted(name)).append('?'));
        return message.toString();
    }
}
