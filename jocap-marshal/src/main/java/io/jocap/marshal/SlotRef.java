package io.jocap.marshal;

/**
 * A reference that already knows its slot value (a kref such as {@code ko12} or a vref such as
 * {@code o-3}). {@link SlotConverter#STANDARD} encodes exactly these objects.
 */
public interface SlotRef {
    /** The slot value written into {@link CapData#slots()}; never null. */
    String slot();
}
