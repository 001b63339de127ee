package io.jocap.worker.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The allow-list's format, its precedence rules, and jocap's standard list against this JDK. */
class AllowListTest {
    private static JdkPolicy policy(String text) {
        return new JdkPolicy(AllowList.parse(text, "test.txt"));
    }

    @Test
    void theStandardListNamesOnlyClassesAndMembersThisJdkHas() {
        AllowList list = AllowList.standard();
        Set<String> packages = ModuleLayer.boot().modules().stream()
                .flatMap(module -> module.getPackages().stream()).collect(Collectors.toSet());
        List<String> unknown = new ArrayList<>();
        for (String pattern : list.patterns()) {
            int hash = pattern.indexOf('#');
            String type = hash < 0 ? pattern : pattern.substring(0, hash);
            if (type.endsWith(".**")) {
                String prefix = type.substring(0, type.length() - 3);
                if (packages.stream().noneMatch(p -> p.equals(prefix) || p.startsWith(prefix + "."))) {
                    unknown.add(pattern);
                }
            } else if (type.endsWith(".*")) {
                if (!packages.contains(type.substring(0, type.length() - 2))) {
                    unknown.add(pattern);
                }
            } else {
                Class<?> found = JdkTypes.find(type);
                if (found == null || hash >= 0 && !hasMember(found, pattern.substring(hash + 1))) {
                    unknown.add(pattern);
                }
            }
        }
        assertThat(unknown).as("patterns naming nothing in this JDK (typos, or removed members)").isEmpty();
        assertThat(list.immutableTypes()).contains("java.lang.String", "java.time.Duration").doesNotContain("java.math.BigInteger");
    }

    /** Whether the class has (or inherits) a member called {@code member} ({@code name} or {@code name(types)}). */
    private static boolean hasMember(Class<?> type, String member) {
        if (declaresMember(type, member)) {
            return true;
        }
        return !member.startsWith("<init>") && JdkTypes.supertypes(type).stream().anyMatch(s -> declaresMember(s, member));
    }

    private static boolean declaresMember(Class<?> type, String member) {
        int paren = member.indexOf('(');
        String name = paren < 0 ? member : member.substring(0, paren);
        String parameters = paren < 0 ? null : member.substring(paren + 1, member.length() - 1);
        List<Member> members = new ArrayList<>();
        members.addAll(Arrays.asList(type.getDeclaredFields()));
        members.addAll(Arrays.asList(type.getDeclaredMethods()));
        members.addAll(Arrays.asList(type.getDeclaredConstructors()));
        for (Member candidate : members) {
            String candidateName = candidate instanceof Executable e && e.getName().equals(type.getName()) ? "<init>" : candidate.getName();
            if (!candidateName.equals(name)) {
                continue;
            }
            if (parameters == null) {
                return true;
            }
            if (!(candidate instanceof Field) && parameters.equals(Stream.of(((Executable) candidate).getParameterTypes())
                    .map(Class::getTypeName).collect(Collectors.joining(",")))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void everyMalformedLineIsReportedWithItsNumber() {
        assertThatThrownBy(() -> AllowList.parse("""
                # a comment, then a blank line

                permit java.util.List
                deny java.lang.Thread
                allow java.util.List : collections
                allow java.util.List
                allow java.util.List
                allow java..Bad
                allow java.lang.String#not a member
                deny java.lang.String#intern(int : oops
                immutable java.math.BigInteger
                immutable java.lang.NoSuchClass
                """, "bad.txt"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("""
                        the JDK allow-list bad.txt is malformed:
                          bad.txt:3: unknown verb "permit" (allow, deny or immutable)
                          bad.txt:4: a deny line needs a rule: deny java.lang.Thread : RULE
                          bad.txt:5: an allow line takes no rule: allow java.util.List : collections
                          bad.txt:7: java.util.List is listed twice (line 6)
                          bad.txt:8: not a class or package pattern: java..Bad
                          bad.txt:9: an allow line takes no rule: allow java.lang.String#not a member
                          bad.txt:10: not a member: intern(int (a name, <init>, optionally with (parameter,types))
                          bad.txt:11: immutable java.math.BigInteger: not a final class, so a subclass could be mutable
                          bad.txt:12: immutable java.lang.NoSuchClass: no such JDK class""");
    }

    @Test
    void theMostSpecificLineDecides() {
        JdkPolicy policy = policy("""
                allow java.util.*
                deny  java.util.Random#<init>() : unseeded
                deny  java.util.Collection#size : counting
                allow java.util.ArrayList#size
                deny  java.util.Collections : utilities
                allow java.util.Collections#emptyList
                deny  java.lang.Object#wait : monitors
                """);
        // A member with its parameters, then any overload, then the class, then its package.
        assertThat(policy.member("java.util.Random", "<init>", "()V").reason()).isEqualTo("new Random() is denied: unseeded");
        assertThat(policy.member("java.util.Random", "<init>", "(J)V").allowed()).isTrue();
        assertThat(policy.member("java.util.Collections", "emptyList", "()Ljava/util/List;").allowed()).isTrue();
        assertThat(policy.member("java.util.Collections", "emptyMap", "()Ljava/util/Map;").reason())
                .isEqualTo("Collections is denied: utilities");
        assertThat(policy.classRef("java.util.Collections").allowed()).as("one member is allowed").isTrue();
        // A member's line applies to the classes inheriting (or overriding) it, unless their own line says otherwise.
        assertThat(policy.member("java.util.HashSet", "size", "()I").reason()).isEqualTo("Collection.size is denied: counting");
        assertThat(policy.member("java.util.ArrayList", "size", "()I").allowed()).isTrue();
        assertThat(policy.member("java.util.ArrayList", "wait", "()V").reason()).isEqualTo("Object.wait is denied: monitors");
        // Default deny: a class no line covers, with its members.
        assertThat(policy.classRef("java.lang.Thread")).isEqualTo(JdkPolicy.Decision.NOT_ON_THE_LIST);
        assertThat(policy.member("java.lang.Thread", "start", "()V").reason()).isEqualTo("not on the JDK allow-list");
        assertThat(policy.member("java.lang.Object", "hashCode", "()I").rule()).isEqualTo(JdkPolicy.NOT_LISTED);
    }

    @Test
    void packagePatternsCoverNestedClassesAndSubpackagesOnlyWithTwoStars() {
        JdkPolicy policy = policy("""
                allow java.util.*
                deny  java.util.concurrent.** : threads
                allow java.util.concurrent.atomic.AtomicLong
                deny  java.time.*#now : clocks
                allow java.time.*
                """);
        assertThat(policy.classRef("java.util.Map$Entry").allowed()).isTrue();
        assertThat(policy.classRef("java.util.function.Function").allowed()).as("a subpackage").isFalse();
        assertThat(policy.classRef("java.util.concurrent.locks.ReentrantLock").reason())
                .isEqualTo("java.util.concurrent is denied: threads");
        assertThat(policy.classRef("java.util.concurrent.atomic.AtomicLong").allowed()).isTrue();
        assertThat(policy.member("java.time.LocalDate", "now", "()Ljava/time/LocalDate;").reason())
                .isEqualTo("LocalDate.now is denied: clocks");
        assertThat(policy.member("java.time.LocalDate", "of", "(III)Ljava/time/LocalDate;").allowed()).isTrue();
    }

    @Test
    void aMemberInheritedFromADeniedClassIsDenied() {
        JdkPolicy policy = policy("""
                allow java.util.LinkedHashMap
                deny  java.util.HashMap : legacy
                """);
        assertThat(policy.member("java.util.LinkedHashMap", "get", "(Ljava/lang/Object;)Ljava/lang/Object;").allowed())
                .as("LinkedHashMap's own").isTrue();
        assertThat(policy.member("java.util.LinkedHashMap", "put", "(Ljava/lang/Object;Ljava/lang/Object;)Ljava/lang/Object;").reason())
                .as("declared by HashMap only").isEqualTo("HashMap is denied: legacy");
    }
}
