package io.jocap.worker.verify;

import io.jocap.vat.load.ClassCheck;
import io.jocap.vat.load.VatClassFiles;
import io.jocap.vat.load.VatLoadException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The load-time capability verifier: a {@link ClassCheck} that refuses vat code which could reach
 * authority or nondeterminism through the JDK instead of through the references and endowments it
 * is given. It reads every class of the vat with the JDK's Class-File API before any is defined
 * and checks:
 *
 * <ul>
 *   <li>every JDK class and member the code names (calls, constructors, field accesses, casts and
 *       instance tests, arrays, class literals, method handles, catch types, superclasses and
 *       interfaces, the static arguments of bootstrap methods) against an {@link AllowList},
 *       default deny;
 *   <li>{@code invokedynamic} only with javac's bootstraps (lambdas, string concatenation, records,
 *       pattern switches);
 *   <li>no native methods, finalizers, serialization hooks or monitors ({@code synchronized});
 *   <li>static fields final and of immutable types, and set only by their class's static
 *       initialiser.
 * </ul>
 *
 * A rejection lists every violation of every class, sorted, each once, as {@code Class.method →
 * what (reason)}. The rules and what a bytecode check cannot see are in {@code docs/verifier.md}.
 *
 * <p>Cheap: each class file is parsed once, the allow-list once per JVM, and each JDK member's
 * verdict is cached across vats. Thread-safe: one verifier serves every vat.
 */
public final class VatVerifier implements ClassCheck {
    private static volatile VatVerifier standard;

    private final JdkPolicy policy;

    /** A verifier judging JDK references by {@code allowList}. */
    public VatVerifier(AllowList allowList) {
        this.policy = new JdkPolicy(Objects.requireNonNull(allowList, "allowList"));
    }

    /** The verifier with jocap's standard allow-list ({@link AllowList#standard()}), made once. */
    public static VatVerifier standard() {
        VatVerifier verifier = standard;
        if (verifier == null) {
            synchronized (VatVerifier.class) {
                verifier = standard;
                if (verifier == null) {
                    verifier = new VatVerifier(AllowList.standard());
                    standard = verifier;
                }
            }
        }
        return verifier;
    }

    /** The list this verifier judges JDK references by. */
    public AllowList allowList() {
        return policy.list();
    }

    /**
     * Every violation in the vat's own classes (class files the loader would never define, those
     * in JDK or API packages, are not looked at), sorted by their lines, each once. Empty if the
     * code passes.
     */
    public List<Violation> verify(VatClassFiles code) {
        ClassFile classFile = ClassFile.of();
        Map<String, ClassModel> models = new TreeMap<>();
        TreeSet<Violation> violations = new TreeSet<>();
        for (String className : code.classNames()) {
            if (code.origin(className) != VatClassFiles.Origin.VAT) {
                continue;
            }
            try {
                models.put(className, classFile.parse(code.bytes(className)));
            } catch (RuntimeException e) {
                violations.add(unreadable(className, e));
            }
        }
        VatTypes types = new VatTypes(code, models, policy);
        models.forEach((className, model) -> {
            List<Violation> found = new ArrayList<>();
            try {
                new ClassVerifier(className, model, types, policy, found::add).verify();
            } catch (RuntimeException e) {
                // The Class-File API parses lazily: a malformed part shows up while walking.
                found.add(unreadable(className, e));
            }
            violations.addAll(found);
        });
        return List.copyOf(violations);
    }

    private static Violation unreadable(String className, RuntimeException e) {
        return new Violation(className, null, "its class file", ClassVerifier.CLASS_FILE,
                "it cannot be read: " + e.getMessage());
    }

    /**
     * Refuses the code if {@link #verify} finds anything, with a message listing every violation:
     * <pre>
     * the verifier refused its Java source /work/Bad.java (2 violations; see docs/verifier.md):
     *   demo.Bad.run → java.lang.System.exit(int) (System is denied: process control)
     *   demo.Bad.tick → java.lang.System.currentTimeMillis() (System.currentTimeMillis is denied: clocks)
     * </pre>
     * ({@link io.jocap.vat.load.VatClasses#load} puts {@code vat NAME: } in front).
     */
    @Override
    public void checkCode(VatClassFiles code) throws VatLoadException {
        List<Violation> violations = verify(code);
        if (!violations.isEmpty()) {
            throw new VatLoadException(report(code.description(), violations));
        }
    }

    /** Checks one class on its own, as if it were the vat's whole code. */
    @Override
    public void check(String className, byte[] bytes) throws VatLoadException {
        checkCode(VatClassFiles.of("(one class)", Map.of(className, bytes)));
    }

    /** The message of a rejection: a header, then one violation a line. */
    public static String report(String description, List<Violation> violations) {
        StringBuilder message = new StringBuilder("the verifier refused its ").append(description)
                .append(" (").append(violations.size()).append(violations.size() == 1 ? " violation" : " violations")
                .append("; see docs/verifier.md):");
        for (Violation violation : violations) {
            message.append("\n  ").append(violation);
        }
        return message.toString();
    }

    @Override
    public String toString() {
        return "VatVerifier[" + policy.list().sourceName() + "]";
    }
}
