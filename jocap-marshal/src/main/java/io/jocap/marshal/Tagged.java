package io.jocap.marshal;

import java.math.BigInteger;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A tagged value ({@code makeTagged(tag, payload)}), encoded as {@code {"#tag":tag,"payload":…}}.
 *
 * <p>The {@code @endo/patterns} collections are tagged values with canonical payloads; build them
 * with {@link #copySet}, {@link #copyBag} and {@link #copyMap}, which sort like {@code makeCopySet},
 * {@code makeCopyBag} and {@code makeCopyMap}: reverse {@linkplain RankOrder rank order}, ties kept in
 * input order, duplicate keys rejected. Keys are compared the way {@code @endo/patterns} compares
 * them: {@code -0} equals {@code 0}, {@code NaN} equals {@code NaN}, and remotables are the same key
 * only if they are the same object. The marshal decoder does not check these payloads.
 *
 * @param tag the tag; never null
 * @param payload any passable
 */
public record Tagged(String tag, Object payload) {
    /**
     * Checks the tag.
     *
     * @throws MarshalException if {@code tag} is null
     */
    public Tagged {
        if (tag == null) {
            throw new MarshalException("a tagged value needs a tag, got null");
        }
    }

    /**
     * {@code makeCopySet(elements)}: payload is the elements in reverse rank order.
     *
     * @throws MarshalException if an element is not a key (promises, errors and tagged values other
     *     than copySet/copyBag/copyMap are not keys) or two elements are the same key
     */
    public static Tagged copySet(Collection<?> elements) {
        return CopyCollections.copySet(elements);
    }

    /**
     * {@code makeCopyBag(entries)} from a map of key to count: payload is the {@code [key, count]}
     * pairs in reverse rank order.
     *
     * @throws MarshalException if a key is not a key, a count is not a positive BigInteger, or two
     *     keys are the same key (possible when the map's {@code equals} differs from key equality)
     */
    public static Tagged copyBag(Map<?, BigInteger> counts) {
        return CopyCollections.copyBag(CopyCollections.pairsOf(counts));
    }

    /**
     * {@code makeCopyBag(entries)} from a list of {@code [key, count]} pairs (each a two-element
     * list), as JavaScript takes them.
     *
     * @throws MarshalException as {@link #copyBag(Map)} does, or if an entry is not a pair
     */
    public static Tagged copyBagFromPairs(List<? extends List<?>> pairs) {
        return CopyCollections.copyBag(pairs);
    }

    /**
     * {@code makeCopyMap(entries)} from a map: payload is {@code {keys: […], values: […]}} with the
     * keys in reverse rank order and the values lined up with them.
     *
     * @throws MarshalException if a key is not a key, a value is not passable, or two keys are the
     *     same key
     */
    public static Tagged copyMap(Map<?, ?> entries) {
        return CopyCollections.copyMap(CopyCollections.pairsOf(entries));
    }

    /**
     * {@code makeCopyMap(entries)} from a list of {@code [key, value]} pairs (each a two-element
     * list), as JavaScript takes them; useful when distinct-but-equal objects are keys.
     *
     * @throws MarshalException as {@link #copyMap(Map)} does, or if an entry is not a pair
     */
    public static Tagged copyMapFromPairs(List<? extends List<?>> pairs) {
        return CopyCollections.copyMap(pairs);
    }
}
