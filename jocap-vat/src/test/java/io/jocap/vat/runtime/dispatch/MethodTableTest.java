package io.jocap.vat.runtime.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jocap.marshal.Passables;
import io.jocap.vat.Far;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which methods are callable, and the classes refused when the table is made. */
class MethodTableTest {
    static final class Ambiguous implements Far {
        public long add(long amount) {
            return amount;
        }

        public String add(String text) {
            return text;
        }
    }

    static final class TwoVarargs implements Far {
        public void log(Object... items) {}

        public void log(String first, Object... rest) {}
    }

    static final class VarargsClash implements Far {
        public void put(String key, String value) {}

        public void put(String key, Object... values) {}
    }

    static final class Unpassable implements Far {
        public void open(File file) {}

        public void maybe(Optional<String> text) {}

        public void tags(Set<String> tags) {}

        public void items(ArrayList<String> items) {}

        public void byNumber(Map<Integer, String> byNumber) {}

        public void fine(String text) {}
    }

    record Holder(String name, File file) {}

    static final class UnpassableInRecord implements Far {
        public void hold(Holder holder) {}
    }

    static final class NotFar {
        public void run() {}
    }

    /** Overrides everything a message must never reach. */
    static final class Overriding implements Far, Cloneable {
        @Override
        public String iface() {
            return "Alleged: Overriding";
        }

        @Override
        public String toString() {
            return "secret";
        }

        @Override
        public boolean equals(Object other) {
            return other == this;
        }

        @Override
        public int hashCode() {
            return 42;
        }

        @Override
        public Overriding clone() {
            return new Overriding();
        }

        public String toString(int radix) {
            return Integer.toString(10, radix);
        }

        public String ping() {
            return "pong";
        }
    }

    /** A package-private base class, so its public methods are reached through the subclass. */
    abstract static class Base implements Far {
        public String inherited() {
            return "from base";
        }

        public abstract Object made();
    }

    interface Greeter {
        default String greet(String name) {
            return "hello " + name;
        }
    }

    interface Handler<T> {
        int apply(T value);
    }

    static final class Derived extends Base implements Greeter, Handler<String> {
        @Override
        public String made() { // covariant: the compiler adds a bridge made()Object
            return "derived";
        }

        @Override
        public int apply(String text) { // generic interface: the compiler adds a bridge apply(Object)
            return text.length();
        }
    }

    @Test
    void ambiguousOverloadsAreRefusedNamingBothSignatures() {
        assertThatThrownBy(() -> MethodTable.of(Ambiguous.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("other vats cannot call " + Ambiguous.class.getName()
                        + ": 2 methods named \"add\" take 1 parameter: add(String) and add(long) (other vats call"
                        + " methods by name and argument count, so overloads must differ in their number of parameters)");
    }

    @Test
    void twoVarargsMethodsOfOneNameAreRefused() {
        assertThatThrownBy(() -> MethodTable.of(TwoVarargs.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 varargs methods are named \"log\": log(Object...) and log(String, Object...)"
                        + " (a call with enough arguments fits both)");
    }

    @Test
    void aVarargsMethodWithAsManyParametersAsAFixedOneIsRefused() {
        assertThatThrownBy(() -> MethodTable.of(VarargsClash.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 methods named \"put\" take 2 parameters: put(String, Object...) and put(String, String)");
    }

    @Test
    void parameterTypesNoPassableConvertsToAreRefusedAllAtOnce() {
        assertThatThrownBy(() -> MethodTable.of(Unpassable.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("other vats cannot call " + Unpassable.class.getName() + ": ")
                .hasMessageContaining("parameter 1 of byNumber(Map): java.util.Map<java.lang.Integer, java.lang.String>"
                        + " is not a type other vats can pass: record keys are strings")
                .hasMessageContaining("parameter 1 of items(ArrayList): java.util.ArrayList is not a type other vats"
                        + " can pass; a list arrives as a List (declare List, Collection or Iterable), a set as a Tagged copySet")
                .hasMessageContaining("parameter 1 of maybe(Optional): java.util.Optional is not a type other vats can"
                        + " pass; declare the value's own type: a missing value (null or undefined) arrives as null")
                .hasMessageContaining("parameter 1 of open(File): java.io.File is not a type other vats can pass")
                .hasMessageContaining("parameter 1 of tags(Set): java.util.Set is not a type other vats can pass")
                .message().doesNotContain("fine(");
    }

    @Test
    void anUnpassableRecordComponentIsNamed() {
        assertThatThrownBy(() -> MethodTable.of(UnpassableInRecord.class))
                .hasMessageContaining("parameter 1 of hold(Holder): in component file of record Holder:"
                        + " java.io.File is not a type other vats can pass");
    }

    @Test
    void aRefusalIsRepeatedOnEveryAttempt() {
        assertThatThrownBy(() -> MethodTable.of(Ambiguous.class)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MethodTable.of(Ambiguous.class)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("add(String) and add(long)");
    }

    @Test
    void onlyFarClassesHaveTables() {
        assertThatThrownBy(() -> MethodTable.of(NotFar.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(NotFar.class.getName() + " does not implement io.jocap.vat.Far, so other vats cannot call its objects");
    }

    @Test
    void tablesAreMadeOncePerClass() {
        assertThat(MethodTable.of(Derived.class)).isSameAs(MethodTable.of(Derived.class));
    }

    @Test
    void overridesOfObjectAndFarMethodsStayUncallable() {
        assertThat(MethodTable.of(Overriding.class).methodNames()).containsExactly("ping", "toString");
    }

    @Test
    void anOverloadOfAnExcludedNameWithOtherParametersIsCallable() throws Exception {
        assertThat(Dispatcher.invoke(new Overriding(), "toString", Passables.list(2.0))).isEqualTo("1010");
        assertThatThrownBy(() -> Dispatcher.invoke(new Overriding(), "toString", List.of()))
                .isInstanceOf(DispatchException.class)
                .hasMessage("Alleged: Overriding.toString takes 1 argument, got 0");
        assertThatThrownBy(() -> Dispatcher.invoke(new Overriding(), "clone", List.of()))
                .isInstanceOf(DispatchException.class)
                .hasMessageStartingWith("no method \"clone\"");
    }

    @Test
    void inheritedAndDefaultMethodsAreCallableAndBridgesAreNotAmbiguous() throws Exception {
        assertThat(MethodTable.of(Derived.class).methodNames()).containsExactly("apply", "greet", "inherited", "made");
        Derived derived = new Derived();
        assertThat(Dispatcher.invoke(derived, "inherited", List.of())).isEqualTo("from base");
        assertThat(Dispatcher.invoke(derived, "greet", Passables.list("Ann"))).isEqualTo("hello Ann");
        assertThat(Dispatcher.invoke(derived, "made", List.of())).isEqualTo("derived");
        assertThat(Dispatcher.invoke(derived, "apply", Passables.list("four"))).isEqualTo(4);
        // The real method's parameter type applies, not the bridge's Object.
        assertThatThrownBy(() -> Dispatcher.invoke(derived, "apply", Passables.list(4.0)))
                .isInstanceOf(DispatchException.class)
                .hasMessage("Alleged: Derived.apply argument 1 must be a string, got 4 (a number)");
    }

    @Test
    void methodNamesAreSortedAndUnmodifiable() {
        MethodTable table = MethodTable.of(DispatcherTest.Counter.class);
        assertThat(table.methodNames()).containsExactly("echo", "fail", "failWith", "increment", "join", "label",
                "note", "overflow", "read", "reset");
        assertThatThrownBy(() -> table.methodNames().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aMapTypedParameterMayHaveObjectKeys() throws Exception {
        Far far = new Far() {
            @SuppressWarnings("unused")
            public Object keys(Map<Object, Object> map) {
                return new ArrayList<>(map.keySet());
            }
        };
        assertThat(Dispatcher.invoke(far, "keys", Passables.list(Passables.record("a", 1.0, "b", 2.0))))
                .isEqualTo(List.of("a", "b"));
    }
}
