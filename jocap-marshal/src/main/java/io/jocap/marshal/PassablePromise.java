package io.jocap.marshal;

/**
 * Marker for objects that pass as promises: encoded as {@code "&<index>"} with the object itself
 * handed to {@link SlotConverter#toSlot}. {@link PromiseRef} is the standard stand-in.
 *
 * <p>An object must not be both a {@code PassablePromise} and a {@link Remotable} (or a {@code
 * List} or {@code Map}); such an object is not passable.
 */
public interface PassablePromise {}
