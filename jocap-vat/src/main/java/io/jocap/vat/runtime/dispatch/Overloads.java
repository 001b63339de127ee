package io.jocap.vat.runtime.dispatch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The callable methods sharing one name, told apart by how many arguments a call has: at most
 * one fixed-arity method per parameter count, and at most one varargs method, which takes any
 * count from its fixed parameters up that no fixed-arity method takes exactly. {@link MethodTable}
 * checks those limits before making one.
 */
final class Overloads {
    private final Map<Integer, CallableMethod> fixedArity; // by parameter count, sorted
    private final CallableMethod varargs; // or null

    Overloads(List<CallableMethod> methods) {
        Map<Integer, CallableMethod> byCount = new TreeMap<>();
        CallableMethod variable = null;
        for (CallableMethod method : methods) {
            if (method.isVarargs()) {
                variable = method;
            } else {
                byCount.put(method.parameterCount(), method);
            }
        }
        this.fixedArity = byCount;
        this.varargs = variable;
    }

    /** The method a call with {@code count} arguments goes to, or null if none takes that many. */
    CallableMethod forArgumentCount(int count) {
        CallableMethod exact = fixedArity.get(count);
        if (exact != null) {
            return exact; // as in Java, an exact fixed-arity match beats varargs
        }
        return varargs != null && count >= varargs.minimumArguments() ? varargs : null;
    }

    /**
     * How many arguments the methods take, for "takes …": {@code 1 argument}, {@code 0 or 2
     * arguments}, {@code 0, or at least 2 arguments}.
     */
    String argumentCounts() {
        List<String> options = new ArrayList<>();
        for (int count : fixedArity.keySet()) {
            if (varargs == null || count < varargs.minimumArguments()) { // larger counts are within "at least"
                options.add(Integer.toString(count));
            }
        }
        if (varargs != null) {
            options.add("at least " + varargs.minimumArguments());
        }
        String joined = switch (options.size()) {
            case 1 -> options.getFirst();
            case 2 -> options.get(0) + " or " + options.get(1);
            default -> String.join(", ", options.subList(0, options.size() - 1)) + ", or " + options.getLast();
        };
        boolean singular = joined.equals("1") || joined.equals("at least 1");
        return joined + (singular ? " argument" : " arguments");
    }
}
