package io.jocap.vat.powers;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An HTTP response as a vat sees it.
 *
 * @param status the status code
 * @param headers the response headers; immutable, and looked up ignoring case
 * @param body the body, decoded with the charset the {@code Content-Type} names, UTF-8 by default;
 *     empty if there was none
 */
public record HttpResult(int status, Map<String, List<String>> headers, String body) {
    public HttpResult {
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        }
        headers = Collections.unmodifiableMap(copy);
        body = body == null ? "" : body;
    }

    /** The first value of header {@code name} (ignoring case), if present. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }
}
