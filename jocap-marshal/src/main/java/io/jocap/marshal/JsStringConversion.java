package io.jocap.marshal;

import java.util.List;
import java.util.Map;

/**
 * Whether JavaScript's {@code `${value}`} would throw for a decoded value. The reference decoder
 * puts a decoded {@code errorId} into such a template, so an errorId for which it throws makes the
 * whole decode fail there; this reproduces that.
 */
final class JsStringConversion {
    private JsStringConversion() {}

    /**
     * True for a symbol; for an array, if any element throws ({@code Array.prototype.join} converts
     * each); for a record with an own {@code toString} property (not callable, and the inherited
     * {@code valueOf} returns an object, so no primitive can be had).
     */
    static boolean throwsTypeError(Object value) {
        return switch (value) {
            case PassableSymbol s -> true;
            case List<?> list -> {
                for (Object item : list) {
                    if (throwsTypeError(item)) {
                        yield true;
                    }
                }
                yield false;
            }
            case Map<?, ?> map -> map.containsKey("toString");
            case null, default -> false;
        };
    }
}
