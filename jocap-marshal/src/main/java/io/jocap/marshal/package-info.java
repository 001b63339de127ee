/**
 * Passable values and their wire form: {@link io.jocap.marshal.CapData} bodies in Endo's
 * smallcaps encoding, byte-for-byte compatible with {@code @endo/marshal} 1.10.0.
 *
 * <p>Start with {@link io.jocap.marshal.Smallcaps} ({@code encode}/{@code decode}); {@link
 * io.jocap.marshal.PassStyle} lists the Java representation of each kind of value. {@link
 * io.jocap.marshal.SlotConverter} connects remotables and promises to slot values, {@link
 * io.jocap.marshal.Tagged} builds copySets, copyBags and copyMaps in {@link
 * io.jocap.marshal.RankOrder}, and {@link io.jocap.marshal.PassableFormatter} shows values to
 * people. Every failure is a {@link io.jocap.marshal.MarshalException}. The module has no runtime
 * dependencies; it reads and writes JSON itself, and {@link io.jocap.marshal.Json} offers that
 * reader and writer to other modules for plain JSON envelopes.
 */
package io.jocap.marshal;
