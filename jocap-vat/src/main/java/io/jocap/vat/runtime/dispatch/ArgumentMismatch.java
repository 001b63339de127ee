package io.jocap.vat.runtime.dispatch;

/**
 * Why an argument value does not fit its parameter, and where inside the argument: the problem
 * ({@code must be a list, got 5 (a number)}) and a path ({@code .items[2]}) that grows as the
 * failure travels out of nested lists and records. {@link CallableMethod} puts the call's name and
 * the argument's position in front and turns it into a {@link DispatchException}.
 *
 * <p>It has no stack trace: callers from other vats can cause any number of these, and the
 * message says all there is to say.
 */
final class ArgumentMismatch extends Exception {
    private static final long serialVersionUID = 1L;

    private final String problem;
    private String path = "";

    ArgumentMismatch(String problem) {
        this(problem, null);
    }

    ArgumentMismatch(String problem, Throwable cause) {
        super(problem, cause, false, false);
        this.problem = problem;
    }

    /** "must be {@code expectation}, got {@code value}" with the value described by its pass style. */
    static ArgumentMismatch expected(String expectation, Object value) {
        return new ArgumentMismatch("must be " + expectation + ", got " + ValueText.describe(value));
    }

    /** Records that the failing value sits at {@code step} ({@code [2]}, {@code .memo}) of the enclosing value. */
    ArgumentMismatch within(String step) {
        path = step + path;
        return this;
    }

    /** {@code at .items[2] must be a string, got null}; without the "at" part for the argument itself. */
    @Override
    public String getMessage() {
        return path.isEmpty() ? problem : "at " + path + " " + problem;
    }
}
