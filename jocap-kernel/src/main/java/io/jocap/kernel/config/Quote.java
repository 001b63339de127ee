package io.jocap.kernel.config;

import io.jocap.marshal.Json;
import java.util.List;

/** How messages show values taken from a config. */
final class Quote {
    /** Longer strings are cut, so that one bad value cannot make a problem line unreadable. */
    private static final int MAX_SHOWN = 100;

    private Quote() {}

    /**
     * {@code s} as a JSON string: control characters, line breaks and lone surrogates are escaped,
     * which keeps each problem on one line. A string longer than {@value #MAX_SHOWN} characters is
     * cut and says how long it was.
     */
    static String of(String s) {
        if (s.length() <= MAX_SHOWN) {
            return Json.write(s);
        }
        return Json.write(s.substring(0, MAX_SHOWN)) + "... (" + s.length() + " characters)";
    }

    /** The names quoted and joined as in {@code "a", "b" or "c"}, with {@code lastWord} before the last. */
    static String joined(List<String> names, String lastWord) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                out.append(i == names.size() - 1 ? " " + lastWord + " " : ", ");
            }
            out.append(of(names.get(i)));
        }
        return out.toString();
    }

    /**
     * The JSON type of a value {@link Json#parse} returned, as "got ..." messages name it. Arrays are
     * "a list", as the format's description calls them.
     */
    static String typeOf(Object parsed) {
        return parsed instanceof List<?> ? "a list" : Json.typeName(parsed);
    }
}
