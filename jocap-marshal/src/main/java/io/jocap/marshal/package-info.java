/**
 * Passable values and their wire form: {@link io.jocap.marshal.CapData} bodies in Endo's
 * smallcaps encoding, byte-for-byte compatible with {@code @endo/marshal} 1.10.0.
 */
package io.jocap.marshal;
