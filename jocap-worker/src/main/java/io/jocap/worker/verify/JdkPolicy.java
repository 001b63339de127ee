package io.jocap.worker.verify;

import java.lang.constant.MethodTypeDesc;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An {@link AllowList} applied to the JDK's classes as they are: a reference to a member is judged
 * by the lines about that member on the class named, then by the class's own line, then by the
 * lines about the member on the classes it inherits it from. Answers are cached, so each distinct
 * JDK class or member is judged once per JVM. Thread-safe.
 */
final class JdkPolicy {
    /** The rule of a refusal no line names: the class or member is simply not on the list. */
    static final String NOT_LISTED = "default deny";

    /** Allowed, or refused with a rule and the reason a rejection shows. */
    record Decision(boolean allowed, String rule, String reason) {
        static final Decision ALLOWED = new Decision(true, null, null);
        static final Decision NOT_ON_THE_LIST = new Decision(false, NOT_LISTED, "not on the JDK allow-list");

        static Decision denied(String subject, String rule) {
            return new Decision(false, rule, subject + " is denied: " + rule);
        }
    }

    private final AllowList list;
    private final Map<String, Decision> classDecisions = new ConcurrentHashMap<>();
    private final Map<String, Decision> memberDecisions = new ConcurrentHashMap<>();
    private final Map<String, Optional<Class<?>>> classes = new ConcurrentHashMap<>();
    private final Map<Class<?>, List<Class<?>>> supertypes = new ConcurrentHashMap<>();

    JdkPolicy(AllowList list) {
        this.list = list;
    }

    AllowList list() {
        return list;
    }

    /**
     * Whether vat code may name the JDK class {@code className} (a binary name): as a supertype,
     * in {@code new}, a cast, an instance test, a class literal or a catch. It may if the class's
     * line allows it, or if some member of it is allowed by name.
     */
    Decision classRef(String className) {
        return classDecisions.computeIfAbsent(className, this::judgeClass);
    }

    private Decision judgeClass(String className) {
        AllowList.Entry entry = list.classEntry(className);
        if (entry != null && entry.allow() || list.hasAllowedMembers(className)) {
            return Decision.ALLOWED;
        }
        return entry == null ? Decision.NOT_ON_THE_LIST : Decision.denied(entry.subject(), entry.rule());
    }

    /**
     * Whether vat code may use the member {@code name} of the JDK class {@code className}, as a
     * method with this descriptor (constructors are {@code <init>}) or, if {@code descriptor} is
     * null, as a field. In order, the first that applies decides:
     *
     * <ol>
     *   <li>a line about the member on the class itself (with its parameters, then any overload);
     *   <li>the class's line, if it denies (or there is none: default deny);
     *   <li>a line about the member on a class or interface it inherits from, nearest first (so
     *       {@code deny java.lang.Object#wait} refuses {@code ArrayList.wait()});
     *   <li>the line of the class that actually declares the member, if it denies;
     *   <li>otherwise the class's line allows it.
     * </ol>
     */
    Decision member(String className, String name, String descriptor) {
        return memberDecisions.computeIfAbsent(className + '#' + name + (descriptor == null ? "" : descriptor),
                key -> judgeMember(className, name, descriptor));
    }

    private Decision judgeMember(String className, String name, String descriptor) {
        String parameters = descriptor == null ? null : Names.parameters(MethodTypeDesc.ofDescriptor(descriptor));
        AllowList.Entry own = list.memberEntry(className, name, parameters);
        if (own != null) {
            return decide(own, className);
        }
        AllowList.Entry classLine = list.classEntry(className);
        if (classLine == null) {
            return Decision.NOT_ON_THE_LIST;
        }
        if (!classLine.allow()) {
            return Decision.denied(classLine.subject(), classLine.rule());
        }
        Class<?> type = find(className);
        if (type == null) {
            return Decision.ALLOWED; // listed but not in this JDK: linking it fails anyway
        }
        boolean inherited = !name.equals("<init>") && !name.equals("<clinit>");
        if (inherited) {
            for (Class<?> supertype : supertypesOf(type)) {
                AllowList.Entry line = list.memberEntry(supertype.getName(), name, parameters);
                if (line != null) {
                    return decide(line, supertype.getName());
                }
            }
            Class<?> declaring = JdkTypes.declaringClass(type, name, descriptor);
            if (declaring != null && declaring != type) {
                AllowList.Entry declaringLine = list.classEntry(declaring.getName());
                if (declaringLine != null && !declaringLine.allow()) {
                    return Decision.denied(declaringLine.subject(), declaringLine.rule());
                }
            }
        }
        return Decision.ALLOWED;
    }

    /**
     * The decision of a member's line, naming the member as the line does but on the class it was
     * found for: {@code LocalDate.now}, {@code Object.wait}, {@code new Random()}.
     */
    private static Decision decide(AllowList.Entry line, String className) {
        if (line.allow()) {
            return Decision.ALLOWED;
        }
        String member = line.pattern().substring(line.pattern().indexOf('#') + 1);
        String simpleName = Names.simpleName(className);
        String subject = member.startsWith("<init>") ? "new " + simpleName + member.substring("<init>".length())
                : simpleName + "." + member;
        return Decision.denied(subject, line.rule());
    }

    private Class<?> find(String className) {
        return classes.computeIfAbsent(className, name -> Optional.ofNullable(JdkTypes.find(name))).orElse(null);
    }

    private List<Class<?>> supertypesOf(Class<?> type) {
        return supertypes.computeIfAbsent(type, JdkTypes::supertypes);
    }
}
