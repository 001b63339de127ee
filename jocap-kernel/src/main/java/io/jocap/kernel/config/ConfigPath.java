package io.jocap.kernel.config;

import java.util.regex.Pattern;

/**
 * Where a value is in a config, as problem messages name it: {@code vats.alice.endowments[2]}.
 * A member whose name is not a plain word is written as a JSON string in brackets ({@code
 * vats["my vat"]}), so that a path never contains a line break or a misleading dot; the root is
 * {@code (top level)}.
 */
record ConfigPath(String text) {
    static final ConfigPath ROOT = new ConfigPath("");

    /** A member name that can follow a dot without ambiguity (vat names and field names are such). */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$-]*");

    /** The path of member {@code name} of the object at this path. */
    ConfigPath field(String name) {
        if (!PLAIN.matcher(name).matches()) {
            return new ConfigPath(text + "[" + Quote.of(name) + "]");
        }
        return new ConfigPath(text.isEmpty() ? name : text + "." + name);
    }

    /** The path of element {@code index} of the list at this path. */
    ConfigPath index(int index) {
        return new ConfigPath(text + "[" + index + "]");
    }

    /** {@code name} as it would appear in a path: plain, or as a JSON string. */
    static String member(String name) {
        return PLAIN.matcher(name).matches() ? name : Quote.of(name);
    }

    @Override
    public String toString() {
        return text.isEmpty() ? "(top level)" : text;
    }
}
