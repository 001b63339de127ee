package io.jocap.vat.runtime.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jocap.marshal.Passables;
import io.jocap.vat.Far;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Calling methods by name: finding them, counting arguments, and the two kinds of failure. */
class DispatcherTest {
    /** Package-private and nested, as vat classes often are. */
    static final class Counter implements Far {
        long count;
        final List<String> log = new ArrayList<>();

        public long increment(long by) {
            count += by;
            return count;
        }

        public long read() {
            return count;
        }

        public void reset() {
            count = 0;
        }

        public String label() {
            return "counter";
        }

        public String label(String prefix) {
            return prefix + "counter";
        }

        public String label(String prefix, String suffix) {
            return prefix + "counter" + suffix;
        }

        public String join(String separator, String... parts) {
            return String.join(separator, parts);
        }

        public String note(String text) {
            return "fixed:" + text;
        }

        public String note(String first, Object... more) {
            return "varargs:" + first + "+" + more.length;
        }

        public void fail(String message) throws IOException {
            throw new IOException(message);
        }

        public void failWith(String message) throws DispatchException {
            throw new DispatchException(message); // must still count as the method's own failure
        }

        public void overflow() {
            overflow();
        }

        public Object echo(Object value) {
            return value;
        }

        public static long version() {
            return 1;
        }

        long packagePrivate() {
            return 2;
        }

        @Override
        public String toString() {
            return "Counter " + count;
        }
    }

    static final class Empty implements Far {}

    private final Counter counter = new Counter();

    private Object call(Object target, String method, Object... args) throws Exception {
        return Dispatcher.invoke(target, method, Passables.list(args));
    }

    private String refusal(Object target, String method, Object... args) {
        try {
            Object result = call(target, method, args);
            throw new AssertionError("expected a DispatchException, got " + result);
        } catch (DispatchException e) {
            return e.getMessage();
        } catch (Exception e) {
            throw new AssertionError("expected a DispatchException, got " + e, e);
        }
    }

    @Test
    void callsPublicMethodsOfAPackagePrivateNestedClass() throws Exception {
        assertThat(call(counter, "increment", 5.0)).isEqualTo(5L);
        assertThat(call(counter, "increment", 2.0)).isEqualTo(7L);
        assertThat(call(counter, "read")).isEqualTo(7L);
        assertThat(counter.count).isEqualTo(7);
    }

    @Test
    void aVoidMethodReturnsNull() throws Exception {
        counter.count = 3;
        assertThat(call(counter, "reset")).isNull();
        assertThat(counter.count).isZero();
    }

    @Test
    void overloadsAreChosenByArgumentCount() throws Exception {
        assertThat(call(counter, "label")).isEqualTo("counter");
        assertThat(call(counter, "label", "my ")).isEqualTo("my counter");
        assertThat(call(counter, "label", "my ", "!")).isEqualTo("my counter!");
    }

    @Test
    void varargsTakeAllRemainingArguments() throws Exception {
        assertThat(call(counter, "join", "-")).isEqualTo("");
        assertThat(call(counter, "join", "-", "a")).isEqualTo("a");
        assertThat(call(counter, "join", "-", "a", "b", "c")).isEqualTo("a-b-c");
    }

    @Test
    void anExactFixedArityMethodBeatsVarargs() throws Exception {
        assertThat(call(counter, "note", "x")).isEqualTo("fixed:x");
        assertThat(call(counter, "note", "x", 1.0)).isEqualTo("varargs:x+1");
        assertThat(call(counter, "note", "x", 1.0, "y")).isEqualTo("varargs:x+2");
    }

    @Test
    void aVarargsElementThatDoesNotConvertIsNamedByItsPosition() {
        assertThat(refusal(counter, "join", "-", "a", 3.0))
                .isEqualTo("Alleged: Counter.join argument 3 must be a string, got 3 (a number)");
    }

    @Test
    void unknownMethodListsTheMethodsAndSuggestsACloseName() {
        assertThat(refusal(counter, "incremnt", 1.0)).isEqualTo("no method \"incremnt\" on Alleged: Counter"
                + " (its methods: echo, fail, failWith, increment, join, label, note, overflow, read, reset);"
                + " did you mean \"increment\"?");
        assertThat(refusal(counter, "rade")).endsWith("; did you mean \"read\"?");
        assertThat(refusal(counter, "frobnicate")).isEqualTo("no method \"frobnicate\" on Alleged: Counter"
                + " (its methods: echo, fail, failWith, increment, join, label, note, overflow, read, reset)");
        assertThat(refusal(new Empty(), "anything")).isEqualTo("no method \"anything\" on Alleged: Empty (it has no methods)");
    }

    @Test
    void aHostileMethodNameIsQuotedAndCutShort() {
        String message = refusal(counter, "a\nb" + "x".repeat(10_000));
        assertThat(message).startsWith("no method \"a\\nbxxx").contains("…\" on Alleged: Counter").hasSizeLessThan(300);
    }

    @Test
    void wrongArgumentCountsSayWhatTheMethodTakes() {
        assertThat(refusal(counter, "increment", 1.0, 2.0)).isEqualTo("Alleged: Counter.increment takes 1 argument, got 2");
        assertThat(refusal(counter, "increment")).isEqualTo("Alleged: Counter.increment takes 1 argument, got 0");
        assertThat(refusal(counter, "read", 1.0)).isEqualTo("Alleged: Counter.read takes 0 arguments, got 1");
        assertThat(refusal(counter, "label", "a", "b", "c"))
                .isEqualTo("Alleged: Counter.label takes 0, 1, or 2 arguments, got 3");
        assertThat(refusal(counter, "join")).isEqualTo("Alleged: Counter.join takes at least 1 argument, got 0");
        assertThat(refusal(counter, "note")).isEqualTo("Alleged: Counter.note takes at least 1 argument, got 0");
    }

    @Test
    void aWrongArgumentTypeIsNamedWithTheReceivedValue() {
        assertThat(refusal(counter, "increment", "five")).isEqualTo(
                "Alleged: Counter.increment argument 1 must be a whole number that fits in a long, got \"five\" (a string)");
        assertThat(counter.count).isZero(); // the method did not run
    }

    @Test
    void theMethodsOwnExceptionSurfacesUnchangedAndIsNotADispatchException() {
        assertThatThrownBy(() -> call(counter, "fail", "disk full"))
                .isInstanceOf(InvocationFailure.class)
                .hasMessage("Alleged: Counter.fail threw java.io.IOException: disk full")
                .cause().isExactlyInstanceOf(IOException.class).hasMessage("disk full");
        // Even a DispatchException the method throws is the method's failure, not a dispatch one.
        assertThatThrownBy(() -> call(counter, "failWith", "mine"))
                .isInstanceOf(InvocationFailure.class)
                .cause().isExactlyInstanceOf(DispatchException.class).hasMessage("mine");
    }

    @Test
    void theCauseIsTheVerySameThrowable() throws Exception {
        IllegalStateException thrown = new IllegalStateException("boom");
        Far thrower = new Far() {
            @SuppressWarnings("unused")
            public void go() {
                throw thrown;
            }
        };
        try {
            call(thrower, "go");
            throw new AssertionError("expected an InvocationFailure");
        } catch (InvocationFailure failure) {
            assertThat(failure.getCause()).isSameAs(thrown);
            assertThat(failure.getMessage()).isEqualTo("Alleged: Far.go threw java.lang.IllegalStateException: boom");
        }
    }

    @Test
    void errorsOfTheMethodAreWrappedToo() {
        assertThatThrownBy(() -> call(counter, "overflow"))
                .isInstanceOf(InvocationFailure.class)
                .cause().isInstanceOf(StackOverflowError.class);
    }

    @Test
    void objectFarAndRemotableMethodsAreNotCallable() {
        for (String method : List.of("toString", "hashCode", "getClass", "notify", "notifyAll", "wait", "iface")) {
            assertThat(refusal(counter, method)).as(method).startsWith("no method \"" + method + "\" on Alleged: Counter");
        }
        assertThat(refusal(counter, "equals", counter)).startsWith("no method \"equals\"");
        assertThat(refusal(counter, "wait", 1.0)).startsWith("no method \"wait\"");
    }

    @Test
    void staticAndNonPublicMethodsAreNotCallable() {
        assertThat(refusal(counter, "version")).startsWith("no method \"version\"");
        assertThat(refusal(counter, "packagePrivate")).startsWith("no method \"packagePrivate\"");
    }

    @Test
    void messagesUseTheObjectsOwnIface() {
        Far named = new Far() {
            @Override
            public String iface() {
                return "Alleged: Purse";
            }
        };
        assertThat(refusal(named, "deposit")).isEqualTo("no method \"deposit\" on Alleged: Purse (it has no methods)");
    }

    @Test
    void aFailingIfaceDoesNotHideTheMessage() {
        Far broken = new Far() {
            @Override
            public String iface() {
                throw new IllegalStateException("no name today");
            }
        };
        assertThat(refusal(broken, "x")).isEqualTo("no method \"x\" on Alleged: Far (it has no methods)");
    }

    @Test
    void argumentsAndResultsArePassedThrough() throws Exception {
        List<Object> list = Passables.list(1.0, "a", null);
        assertThat(call(counter, "echo", list)).isEqualTo(Arrays.asList(1.0, "a", null));
        assertThat(call(counter, "echo", (Object) null)).isNull();
    }

    @Test
    void aNonPassableResultIsADispatchExceptionAfterTheMethodRan() {
        assertThat(refusal(counter, "echo", new Object() {})).startsWith("Alleged: Counter.echo returned an ");
    }

    @Test
    void onlyFarObjectsCanBeCalled() {
        assertThatThrownBy(() -> Dispatcher.invoke("a string", "length", List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("only Far objects can be called, not java.lang.String");
    }

    @Test
    void aClassTheTableRefusesCannotBeCalled() {
        Far ambiguous = new MethodTableTest.Ambiguous();
        assertThat(refusal(ambiguous, "add", 1.0)).startsWith("Alleged: Ambiguous cannot be called: other vats cannot call "
                + MethodTableTest.Ambiguous.class.getName() + ": 2 methods named \"add\" take 1 parameter");
    }
}
