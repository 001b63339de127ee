package io.jocap.marshal;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.RandomAccess;
import java.util.function.Consumer;

/**
 * An unmodifiable list over an array it owns, allowing null elements: what decoding yields for a
 * copyArray. Every mutator throws {@code UnsupportedOperationException}.
 */
final class FrozenList extends AbstractList<Object> implements RandomAccess {
    static final FrozenList EMPTY = new FrozenList(new Object[0]);

    private final Object[] items;

    /** Takes ownership of {@code items}; the caller must not keep or change it. */
    FrozenList(Object[] items) {
        this.items = items;
    }

    static FrozenList of(Object[] items) {
        return items.length == 0 ? EMPTY : new FrozenList(items);
    }

    @Override
    public Object get(int index) {
        return items[index];
    }

    @Override
    public int size() {
        return items.length;
    }

    @Override
    public Object[] toArray() {
        return items.clone();
    }

    @Override
    public void forEach(Consumer<? super Object> action) {
        for (Object item : items) {
            action.accept(item);
        }
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(items);
    }
}
