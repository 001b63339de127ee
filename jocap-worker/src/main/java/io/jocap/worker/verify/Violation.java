package io.jocap.worker.verify;

import java.util.Objects;

/**
 * One thing vat code does that the verifier refuses, shown as {@code Class.method → what (reason)},
 * for example {@code com.example.Bad.run → java.lang.System.exit(int) (System is denied: process
 * control)}.
 *
 * @param className the vat class, as a binary name
 * @param member the method (or field) of that class where it happens, as named in the class file
 *     ({@code <init>} for a constructor, {@code <clinit>} for the static initialiser,
 *     {@code lambda$run$0} for the body of a lambda written in {@code run}); null for what the class
 *     itself declares (its superclass, its interfaces, its static fields)
 * @param target what is refused: a JDK member or class, or a construct such as {@code synchronized
 *     block}
 * @param rule the rule broken, one word or a few: {@code threads}, {@code clocks}, {@code static
 *     state}, {@code default deny} (a JDK class or member that is simply not on the allow-list), …
 * @param reason the explanation shown in parentheses: {@code System is denied: process control}
 */
public record Violation(String className, String member, String target, String rule, String reason)
        implements Comparable<Violation> {
    public Violation {
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(reason, "reason");
    }

    /** {@code com.example.Bad.run}, or {@code com.example.Bad} for the class itself. */
    public String where() {
        return member == null ? className : className + "." + member;
    }

    /** The line a rejection shows: {@code Class.method → target (reason)}. */
    @Override
    public String toString() {
        return where() + " → " + target + " (" + reason + ")";
    }

    /** In the order of their lines. */
    @Override
    public int compareTo(Violation other) {
        return toString().compareTo(other.toString());
    }
}
