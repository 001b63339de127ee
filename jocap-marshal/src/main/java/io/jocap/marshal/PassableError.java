package io.jocap.marshal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A passable error. Encoded as {@code {"#error":message,"name":name}} (with an {@code errorId} in
 * between when error tagging is on); {@code cause} and {@code errors} are <em>not</em> written,
 * because {@code @endo/marshal} 1.10.0 does not write them yet. The decoder does read them.
 *
 * <p>Only the eight {@linkplain #STANDARD_NAMES standard names} are passable inside another value.
 * An error with any other name can still be encoded as the <em>root</em> value, as JavaScript
 * allows for diagnostics; it decodes as an {@code Error}.
 *
 * @param name the error name, such as {@code "TypeError"}; never null
 * @param message the message; never null
 * @param cause the cause, or null if there is none
 * @param errors the errors of an {@code AggregateError} (or any error that has them), or null if
 *     there are none; copied into an unmodifiable list
 */
public record PassableError(String name, String message, PassableError cause, List<PassableError> errors) {
    /** The error names that are passable anywhere (the standard JavaScript error constructors). */
    public static final Set<String> STANDARD_NAMES = Set.of(
            "Error", "EvalError", "RangeError", "ReferenceError", "SyntaxError", "TypeError", "URIError",
            "AggregateError");

    /**
     * Checks the parts and copies {@code errors}.
     *
     * @throws MarshalException if {@code name} or {@code message} is null, or {@code errors} holds a null
     */
    public PassableError {
        if (name == null || message == null) {
            throw new MarshalException("an error needs a name and a message, got name " + name + " and message "
                    + (message == null ? "null" : JsonText.quote(message)));
        }
        if (errors != null) {
            for (int i = 0; i < errors.size(); i++) {
                if (errors.get(i) == null) {
                    throw new MarshalException("errors[" + i + "] of " + name + " is null");
                }
            }
            errors = List.copyOf(errors);
        }
    }

    /** An error with the given name and message, no cause and no errors. */
    public static PassableError of(String name, String message) {
        return new PassableError(name, message, null, null);
    }

    /** {@code Error(message)}. */
    public static PassableError error(String message) {
        return of("Error", message);
    }

    /** {@code TypeError(message)}. */
    public static PassableError typeError(String message) {
        return of("TypeError", message);
    }

    /** This error with the given cause (null for none). */
    public PassableError withCause(PassableError newCause) {
        return new PassableError(name, message, newCause, errors);
    }

    /** This error with the given errors (null for none). */
    public PassableError withErrors(List<PassableError> newErrors) {
        return new PassableError(name, message, cause, newErrors);
    }

    /** Whether {@link #name()} is one of the {@link #STANDARD_NAMES}. */
    public boolean hasStandardName() {
        return STANDARD_NAMES.contains(name);
    }

    /** The name a decoder gives an error named {@code name}: unknown names become {@code Error}, as in JS. */
    static String decodedName(String name) {
        return STANDARD_NAMES.contains(name) ? name : "Error";
    }

    /** JavaScript's {@code toPassableError} keeps a decoded cause only if it is an error. */
    static PassableError decodedCause(Object cause) {
        return cause instanceof PassableError e ? e : null;
    }

    /**
     * JavaScript's {@code toPassableError} keeps decoded {@code errors} only if they are all errors;
     * an {@code AggregateError} always has them, empty if they were dropped or absent.
     */
    static List<PassableError> decodedErrors(String decodedName, Object errors) {
        if (errors instanceof List<?> list) {
            List<PassableError> result = new ArrayList<>(list.size());
            boolean allErrors = true;
            for (Object e : list) {
                if (e instanceof PassableError pe) {
                    result.add(pe);
                } else {
                    allErrors = false;
                    break;
                }
            }
            if (allErrors) {
                return List.copyOf(result);
            }
        }
        return decodedName.equals("AggregateError") ? List.of() : null;
    }
}
