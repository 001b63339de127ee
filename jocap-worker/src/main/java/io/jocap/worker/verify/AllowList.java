package io.jocap.worker.verify;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The JDK classes and members vat code may use, parsed from the text format of {@code
 * jdk-allowlist.txt} (described at the top of that file and in {@code docs/verifier.md}). Default
 * deny: what no line allows is refused. Immutable once parsed and safe to share.
 *
 * <p>This class only answers what the lines say about one class or one member of one class
 * ({@code classEntry}, {@code memberEntry}); following inheritance through the JDK's class
 * hierarchy is {@code JdkPolicy}'s job.
 */
public final class AllowList {
    /** The resource holding jocap's standard list, beside this class. */
    static final String STANDARD_RESOURCE = "jdk-allowlist.txt";

    private static final Pattern NAME = Pattern.compile("[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*");
    private static final Pattern MEMBER = Pattern.compile("(<init>|" + NAME.pattern() + ")(\\(([^()\\s]*)\\))?");

    /** What one line says about a class, a package or a member. */
    record Entry(boolean allow, String pattern, String rule, int line) {
        /** How a rejection names the class or package this line denies: {@code System}, {@code java.net}. */
        String subject() {
            if (pattern.endsWith(".**")) {
                return pattern.substring(0, pattern.length() - ".**".length());
            }
            if (pattern.endsWith(".*")) {
                return pattern.substring(0, pattern.length() - ".*".length());
            }
            return Names.simpleName(pattern);
        }
    }

    private static volatile AllowList standard;

    private final String sourceName;
    /** Class and package entries by pattern: {@code java.util.List}, {@code java.util.function.*}, {@code java.io.**}. */
    private final Map<String, Entry> classEntries;
    /** Member entries by class or package pattern, then by {@code name} or {@code name(params)}. */
    private final Map<String, Map<String, Entry>> memberEntries;
    /** Classes with at least one member allowed by name: naming such a class is allowed. */
    private final Set<String> classesWithAllowedMembers;
    private final Set<String> immutableTypes;

    private AllowList(String sourceName, Map<String, Entry> classEntries,
            Map<String, Map<String, Entry>> memberEntries, Set<String> classesWithAllowedMembers,
            Set<String> immutableTypes) {
        this.sourceName = sourceName;
        this.classEntries = classEntries;
        this.memberEntries = memberEntries;
        this.classesWithAllowedMembers = classesWithAllowedMembers;
        this.immutableTypes = immutableTypes;
    }

    /** jocap's own list, {@code io/jocap/worker/verify/jdk-allowlist.txt}, parsed once per JVM. */
    public static AllowList standard() {
        AllowList list = standard;
        if (list == null) {
            synchronized (AllowList.class) {
                list = standard;
                if (list == null) {
                    list = parse(readStandard(), STANDARD_RESOURCE);
                    standard = list;
                }
            }
        }
        return list;
    }

    /** The text of jocap's own list. */
    static String readStandard() {
        try (InputStream in = AllowList.class.getResourceAsStream(STANDARD_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the JDK allow-list " + STANDARD_RESOURCE
                        + " is missing from jocap-worker's resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the JDK allow-list " + STANDARD_RESOURCE, e);
        }
    }

    /**
     * Parses a list in the allow-list format.
     *
     * @param sourceName names the text in error messages
     * @throws IllegalArgumentException listing every malformed line (unknown verb, bad pattern, a
     *     deny without a rule, a pattern given twice, an immutable type that is not a final JDK
     *     class)
     */
    public static AllowList parse(String text, String sourceName) {
        Objects.requireNonNull(text, "text");
        Map<String, Entry> classEntries = new HashMap<>();
        Map<String, Map<String, Entry>> memberEntries = new HashMap<>();
        Set<String> withAllowedMembers = new HashSet<>();
        Set<String> immutable = new LinkedHashSet<>();
        List<String> problems = new ArrayList<>();
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNumber = i + 1;
            List<String> tokens = tokens(lines[i]);
            if (tokens.isEmpty()) {
                continue;
            }
            String verb = tokens.get(0);
            String problem = switch (verb) {
                case "allow", "deny" -> addEntry(verb.equals("allow"), tokens, lineNumber,
                        classEntries, memberEntries, withAllowedMembers);
                case "immutable" -> addImmutable(tokens, immutable);
                default -> "unknown verb \"" + verb + "\" (allow, deny or immutable)";
            };
            if (problem != null) {
                problems.add(sourceName + ":" + lineNumber + ": " + problem);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("the JDK allow-list " + sourceName + " is malformed:\n  "
                    + String.join("\n  ", problems));
        }
        memberEntries.replaceAll((key, members) -> Map.copyOf(members));
        return new AllowList(sourceName, Map.copyOf(classEntries), Map.copyOf(memberEntries),
                Set.copyOf(withAllowedMembers), Collections.unmodifiableSet(immutable));
    }

    private static List<String> tokens(String line) {
        List<String> tokens = new ArrayList<>();
        for (String token : line.strip().split("\\s+")) {
            if (token.startsWith("#")) {
                break;
            }
            if (!token.isEmpty()) {
                tokens.add(token);
            }
        }
        return tokens;
    }

    private static String addEntry(boolean allow, List<String> tokens, int line,
            Map<String, Entry> classEntries, Map<String, Map<String, Entry>> memberEntries,
            Set<String> withAllowedMembers) {
        if (tokens.size() < 2) {
            return "\"" + tokens.get(0) + "\" needs a class, a package or a member";
        }
        String pattern = tokens.get(1);
        String rule = null;
        if (allow && tokens.size() > 2) {
            return "an allow line takes no rule: " + String.join(" ", tokens);
        }
        if (!allow) {
            if (tokens.size() < 4 || !tokens.get(2).equals(":")) {
                return "a deny line needs a rule: deny " + pattern + " : RULE";
            }
            rule = String.join(" ", tokens.subList(3, tokens.size()));
        }
        int hash = pattern.indexOf('#');
        String typePattern = hash < 0 ? pattern : pattern.substring(0, hash);
        if (!isTypePattern(typePattern)) {
            return "not a class or package pattern: " + typePattern;
        }
        Entry entry = new Entry(allow, pattern, rule, line);
        if (hash < 0) {
            return classEntries.putIfAbsent(pattern, entry) == null ? null
                    : pattern + " is listed twice (line " + classEntries.get(pattern).line() + ")";
        }
        String member = pattern.substring(hash + 1);
        var matcher = MEMBER.matcher(member);
        if (!matcher.matches()) {
            return "not a member: " + member + " (a name, <init>, optionally with (parameter,types))";
        }
        String key = matcher.group(2) == null ? matcher.group(1)
                : matcher.group(1) + "(" + matcher.group(3) + ")";
        Map<String, Entry> members = memberEntries.computeIfAbsent(typePattern, k -> new HashMap<>());
        Entry previous = members.putIfAbsent(key, entry);
        if (previous != null) {
            return pattern + " is listed twice (line " + previous.line() + ")";
        }
        if (allow && !typePattern.endsWith("*")) {
            withAllowedMembers.add(typePattern);
        }
        return null;
    }

    private static boolean isTypePattern(String pattern) {
        String name = pattern.endsWith(".**") ? pattern.substring(0, pattern.length() - 3)
                : pattern.endsWith(".*") ? pattern.substring(0, pattern.length() - 2)
                : pattern;
        if (name.isEmpty()) {
            return false;
        }
        for (String part : name.split("\\.", -1)) {
            if (!NAME.matcher(part).matches()) {
                return false;
            }
        }
        return true;
    }

    private static String addImmutable(List<String> tokens, Set<String> immutable) {
        if (tokens.size() != 2 || !isTypePattern(tokens.get(1)) || tokens.get(1).endsWith("*")) {
            return "immutable takes one class: immutable java.lang.String";
        }
        String className = tokens.get(1);
        Class<?> type = JdkTypes.find(className);
        if (type == null) {
            return "immutable " + className + ": no such JDK class";
        }
        if (!Modifier.isFinal(type.getModifiers())) {
            return "immutable " + className + ": not a final class, so a subclass could be mutable";
        }
        immutable.add(className);
        return null;
    }

    /** Where this list came from, for messages. */
    public String sourceName() {
        return sourceName;
    }

    /**
     * The line deciding about naming the class {@code className} (a binary name) and its members
     * in general: its own line, else its package's ({@code pkg.*}), else the nearest enclosing
     * package's ({@code pkg.**}); null if there is none.
     */
    Entry classEntry(String className) {
        Entry own = classEntries.get(className);
        if (own != null) {
            return own;
        }
        String pkg = Names.packageOf(className);
        Entry direct = classEntries.get(pkg + ".*");
        if (direct != null) {
            return direct;
        }
        for (String p = pkg; !p.isEmpty(); p = Names.packageOf(p)) {
            Entry tree = classEntries.get(p + ".**");
            if (tree != null) {
                return tree;
            }
        }
        return null;
    }

    /** Whether some member of {@code className} is allowed by name, so that naming it is too. */
    boolean hasAllowedMembers(String className) {
        return classesWithAllowedMembers.contains(className);
    }

    /**
     * The line about the member {@code name} of {@code className} itself (not inherited): with
     * these {@code parameters} (as {@code int,java.util.List}; null for a field), else any
     * overload, first on the class, then on its package patterns; null if there is none.
     */
    Entry memberEntry(String className, String name, String parameters) {
        Entry found = memberOf(className, name, parameters);
        if (found != null) {
            return found;
        }
        String pkg = Names.packageOf(className);
        found = memberOf(pkg + ".*", name, parameters);
        if (found != null) {
            return found;
        }
        for (String p = pkg; !p.isEmpty(); p = Names.packageOf(p)) {
            found = memberOf(p + ".**", name, parameters);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private Entry memberOf(String typePattern, String name, String parameters) {
        Map<String, Entry> members = memberEntries.get(typePattern);
        if (members == null) {
            return null;
        }
        if (parameters != null) {
            Entry exact = members.get(name + "(" + parameters + ")");
            if (exact != null) {
                return exact;
            }
        }
        return members.get(name);
    }

    /** Whether a static final field of this JDK class (a binary name) holds an immutable value. */
    boolean isImmutable(String className) {
        return immutableTypes.contains(className);
    }

    /** Every class, package and member pattern the list names, for tests and tools. */
    Set<String> patterns() {
        Set<String> all = new LinkedHashSet<>(classEntries.keySet());
        memberEntries.values().forEach(members -> members.values().forEach(e -> all.add(e.pattern())));
        return all;
    }

    /** The immutable types, for tests and tools. */
    Set<String> immutableTypes() {
        return immutableTypes;
    }

    @Override
    public String toString() {
        return "AllowList[" + sourceName + "]";
    }
}
