package io.jocap.marshal;

import java.util.Set;

/**
 * A passable JavaScript symbol, identified by its <em>passable symbol name</em> (as {@code
 * nameForPassableSymbol} in {@code @endo/pass-style} defines it):
 *
 * <ul>
 *   <li>a well-known symbol {@code Symbol.x} is named {@code "@@x"} (for example {@code
 *       "@@asyncIterator"});
 *   <li>a registered symbol {@code Symbol.for(s)} is named {@code s}, except that a key starting
 *       with {@code "@@"} gets two more {@code "@@"} in front ({@code Symbol.for("@@foo")} is
 *       {@code "@@@@foo"}).
 * </ul>
 *
 * <p>Encoded as {@code "%" + name}, without {@code !}-escaping.
 *
 * @param name the passable symbol name
 */
public record PassableSymbol(String name) {
    /** Names of the well-known symbols of Node 20 (the symbol-valued static properties of {@code Symbol}). */
    private static final Set<String> WELL_KNOWN = Set.of(
            "asyncDispose", "asyncIterator", "dispose", "hasInstance", "isConcatSpreadable", "iterator", "match",
            "matchAll", "replace", "search", "species", "split", "toPrimitive", "toStringTag", "unscopables");

    /**
     * Checks the parts.
     *
     * @throws MarshalException if {@code name} is null, or starts with {@code "@@"} (but not {@code
     *     "@@@@"}) without naming a well-known symbol: no passable symbol has such a name
     */
    public PassableSymbol {
        if (name == null) {
            throw new MarshalException("a symbol name must not be null");
        }
        if (name.startsWith("@@") && !name.startsWith("@@@@") && !WELL_KNOWN.contains(name.substring(2))) {
            throw new MarshalException("symbol name " + JsonText.quote(name)
                    + " is reserved for a well-known symbol, and Symbol." + name.substring(2)
                    + " is not one; use PassableSymbol.registered(...) for Symbol.for(...)");
        }
    }

    /**
     * The well-known symbol {@code Symbol[property]}, such as {@code wellKnown("asyncIterator")};
     * the passable name {@code "@@asyncIterator"} is accepted too.
     *
     * @throws MarshalException if {@code Symbol[property]} is not a well-known symbol
     */
    public static PassableSymbol wellKnown(String property) {
        String bare = property != null && property.startsWith("@@") ? property.substring(2) : property;
        if (bare == null || !WELL_KNOWN.contains(bare)) {
            throw new MarshalException("Symbol." + bare + " is not a well-known symbol; known: "
                    + WELL_KNOWN.stream().sorted().toList());
        }
        return new PassableSymbol("@@" + bare);
    }

    /** The registered symbol {@code Symbol.for(key)}. */
    public static PassableSymbol registered(String key) {
        if (key == null) {
            throw new MarshalException("a registered symbol key must not be null");
        }
        return new PassableSymbol(key.startsWith("@@") ? "@@" + key : key);
    }

    /** Whether this is a well-known symbol rather than a registered one. */
    public boolean isWellKnown() {
        return name.startsWith("@@") && !name.startsWith("@@@@");
    }

    /** For a registered symbol, the key given to {@code Symbol.for}; for a well-known one, the property name. */
    public String key() {
        return name.startsWith("@@") ? name.substring(2) : name;
    }

    /**
     * The symbol that {@code @endo/pass-style}'s {@code passableSymbolForName} returns for a name
     * read from a body. That function only treats a name as {@code @@}-prefixed when its regular
     * expression {@code /^@@(.*)$/} matches, which fails if the name holds a line terminator; such
     * a name is then the key of a registered symbol. Copying that keeps Java and JavaScript peers
     * decoding the same body to the same symbol.
     */
    static PassableSymbol fromEncodedName(String encoded) {
        if (encoded.startsWith("@@") && !containsLineTerminator(encoded)) {
            String suffix = encoded.substring(2);
            if (suffix.startsWith("@@") || WELL_KNOWN.contains(suffix)) {
                return new PassableSymbol(encoded);
            }
            throw new MarshalException("symbol name " + JsonText.quote(encoded) + " is reserved for a well-known symbol, "
                    + "and Symbol." + suffix + " is not one");
        }
        return registered(encoded);
    }

    private static boolean containsLineTerminator(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029') {
                return true;
            }
        }
        return false;
    }
}
