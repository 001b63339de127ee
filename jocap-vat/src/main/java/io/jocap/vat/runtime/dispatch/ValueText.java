package io.jocap.vat.runtime.dispatch;

import io.jocap.marshal.PassableError;
import io.jocap.marshal.PassableFormatter;
import io.jocap.marshal.PassablePromise;
import io.jocap.marshal.PassableSymbol;
import io.jocap.marshal.Remotable;
import io.jocap.marshal.Tagged;
import io.jocap.marshal.Undefined;
import io.jocap.vat.Far;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Words for values and types in messages meant for another vat's developer: what a call received
 * ({@code "five" (a string)}, {@code 2.5 (a number)}, {@code a remotable Alleged: Purse}) and
 * steps of a path into a value ({@code [2]}, {@code .memo}).
 */
final class ValueText {
    /** Longest rendering of a received value; a hostile caller may send megabytes. */
    static final int MAX_SHOWN = 60;
    /** Most characters of a received string shown (escapes can make the literal longer). */
    static final int MAX_STRING = 40;

    private ValueText() {}

    /** What {@code value} is, for "got …": its rendering and its pass style, or just the style for references. */
    static String describe(Object value) {
        return switch (value) {
            case null -> "null";
            case Undefined u -> "undefined";
            case Boolean b -> b + " (a boolean)";
            case String s -> quoted(s) + " (a string)";
            case BigInteger b -> shown(b) + " (a bigint)";
            case Double d -> shown(d) + " (a number)";
            case Float f -> shown(f) + " (a number)";
            case Integer i -> i + " (a number)";
            case Long l -> l + " (a number)";
            case Short s -> s + " (a number)";
            case Byte b -> b + " (a number)";
            case PassableSymbol s -> shown(s) + " (a symbol)";
            case Tagged t -> shown(t) + " (a tagged value)";
            case PassableError e -> shown(e) + " (an error)";
            case Remotable r -> "a remotable " + ifaceOf(r);
            case PassablePromise p -> "a promise";
            case List<?> l -> shown(l) + " (a list)";
            case Map<?, ?> m -> shown(m) + " (a record)";
            // Only a local caller (the vat sending to its own object) can pass these.
            default -> withArticle(value.getClass().getName());
        };
    }

    /**
     * The iface of a remotable, for messages. A {@code Far} object's iface is vat code, so a
     * failing one must not turn a helpful message into a crash.
     */
    static String ifaceOf(Remotable remotable) {
        try {
            String iface = remotable.iface();
            if (iface != null) {
                return iface;
            }
        } catch (RuntimeException e) {
            // fall through to a name that does not depend on the object's own code
        }
        String simpleName = remotable.getClass().getSimpleName();
        return "Alleged: " + (simpleName.isEmpty() ? (remotable instanceof Far ? "Far" : "Remotable") : simpleName);
    }

    /** The path step for record field {@code key}: {@code .memo}, or {@code ["not an identifier"]}. */
    static String fieldStep(String key) {
        return PassableFormatter.isIdentifier(key) ? "." + key : "[" + quoted(key) + "]";
    }

    /** {@code text} as a JSON string literal; a long one is cut short, ending {@code …"}. */
    static String quoted(String text) {
        if (text.length() <= MAX_STRING) {
            return PassableFormatter.format(text);
        }
        int cut = MAX_STRING;
        if (Character.isHighSurrogate(text.charAt(cut - 1))) {
            cut--; // keep surrogate pairs whole
        }
        String literal = PassableFormatter.format(text.substring(0, cut));
        return literal.substring(0, literal.length() - 1) + "…\"";
    }

    /** {@code noun} preceded by "a" or "an". */
    static String withArticle(String noun) {
        return (startsWithVowel(noun) ? "an " : "a ") + noun;
    }

    private static boolean startsWithVowel(String noun) {
        return !noun.isEmpty() && "AEIOUaeiou".indexOf(noun.charAt(0)) >= 0;
    }

    /** The readable rendering of a passable, cut to {@link #MAX_SHOWN} characters. */
    private static String shown(Object value) {
        String text;
        try {
            text = PassableFormatter.format(value);
        } catch (RuntimeException e) {
            return "…"; // a nested Far object's iface() failed; the pass style alone will do
        }
        if (text.length() <= MAX_SHOWN) {
            return text;
        }
        int cut = MAX_SHOWN - 1;
        if (Character.isHighSurrogate(text.charAt(cut - 1))) {
            cut--; // keep surrogate pairs whole
        }
        return text.substring(0, cut) + "…";
    }
}
