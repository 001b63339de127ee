package io.jocap.vat.runtime.dispatch;

import io.jocap.vat.Far;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The methods other vats may call on instances of one {@link Far} class, by name: made once per
 * class (cached for the class's lifetime, without keeping its class loader alive) and immutable,
 * so any thread may use it.
 *
 * <p>Making the table checks the class the way a call would, so mistakes surface when the vat
 * first exports an object rather than when some other vat happens to call it:
 * <ul>
 *   <li>two callable methods with the same name and the same number of parameters (overloads
 *       must differ in arity: a message carries a name and arguments, not parameter types);
 *   <li>two varargs methods with the same name (a call with enough arguments fits both);
 *   <li>a parameter type that no passable converts to ({@code Optional}, {@code Set}, {@code
 *       File}, …; see {@link ArgumentConverter}).
 * </ul>
 * A method with a fixed parameter count and a varargs method of the same name may coexist: a
 * call whose argument count the fixed one takes exactly goes to it, as in Java.
 */
public final class MethodTable {
    /**
     * One table, or the reason there is none, per class. A ClassValue does not pin the class
     * (vat class loaders must be collectable), and caching the refusal keeps a bad class from
     * being reflected over again on every call.
     */
    private static final ClassValue<Object> TABLES = new ClassValue<>() {
        @Override
        protected Object computeValue(Class<?> type) {
            try {
                return build(type);
            } catch (IllegalArgumentException refused) {
                return refused;
            }
        }
    };

    private final Map<String, Overloads> byName; // hashed: looked up on every call
    private final SortedSet<String> names; // for "its methods: …"

    private MethodTable(Map<String, Overloads> byName) {
        this.byName = Map.copyOf(byName);
        this.names = Collections.unmodifiableSortedSet(new TreeSet<>(byName.keySet()));
    }

    /**
     * The table of {@code type}.
     *
     * @throws IllegalArgumentException if {@code type} is not a {@code Far} class, or other vats
     *     could not call it properly; the message names the class and every problem found (the
     *     methods involved, the parameter and its type)
     */
    public static MethodTable of(Class<?> type) {
        if (!Far.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException(type.getName() + " does not implement " + Far.class.getName()
                    + ", so other vats cannot call its objects");
        }
        Object table = TABLES.get(type);
        if (table instanceof IllegalArgumentException refused) {
            // A fresh exception, so the stack trace shows this caller; the cached one is the cause.
            throw new IllegalArgumentException(refused.getMessage(), refused);
        }
        return (MethodTable) table;
    }

    /** The names of the callable methods, sorted (unmodifiable). */
    public SortedSet<String> methodNames() {
        return names;
    }

    /** The methods named {@code name}, or null if there are none. */
    Overloads overloads(String name) {
        return byName.get(name);
    }

    private static MethodTable build(Class<?> type) {
        Map<String, List<Method>> methodsByName = new TreeMap<>();
        for (Method method : MethodSelector.callableMethods(type)) {
            methodsByName.computeIfAbsent(method.getName(), name -> new ArrayList<>()).add(method);
        }
        List<String> problems = new ArrayList<>();
        ArgumentConverter converter = new ArgumentConverter(); // shared, so records are analysed once
        Map<String, Overloads> byName = new TreeMap<>();
        for (Map.Entry<String, List<Method>> entry : methodsByName.entrySet()) {
            List<Method> methods = entry.getValue();
            methods.sort((a, b) -> CallableMethod.signature(a).compareTo(CallableMethod.signature(b)));
            problems.addAll(ambiguities(entry.getKey(), methods));
            List<CallableMethod> callable = new ArrayList<>();
            for (Method method : methods) {
                try {
                    callable.add(CallableMethod.of(method, converter));
                } catch (IllegalArgumentException e) {
                    problems.add(e.getMessage());
                }
            }
            byName.put(entry.getKey(), new Overloads(callable));
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("other vats cannot call " + type.getName() + ": "
                    + String.join("; ", problems));
        }
        return new MethodTable(byName);
    }

    /** What makes calls to the methods named {@code name} (sorted by signature) ambiguous. */
    private static List<String> ambiguities(String name, List<Method> methods) {
        List<String> problems = new ArrayList<>();
        Map<Integer, List<String>> byCount = new TreeMap<>();
        List<String> varargs = new ArrayList<>();
        for (Method method : methods) {
            byCount.computeIfAbsent(method.getParameterCount(), n -> new ArrayList<>())
                    .add(CallableMethod.signature(method));
            if (method.isVarArgs()) {
                varargs.add(CallableMethod.signature(method));
            }
        }
        byCount.forEach((count, signatures) -> {
            if (signatures.size() > 1) {
                problems.add(signatures.size() + " methods named \"" + name + "\" take " + count
                        + (count == 1 ? " parameter: " : " parameters: ") + String.join(" and ", signatures)
                        + " (other vats call methods by name and argument count, so overloads must differ"
                        + " in their number of parameters)");
            }
        });
        if (varargs.size() > 1) {
            problems.add(varargs.size() + " varargs methods are named \"" + name + "\": "
                    + String.join(" and ", varargs) + " (a call with enough arguments fits both)");
        }
        return problems;
    }
}
