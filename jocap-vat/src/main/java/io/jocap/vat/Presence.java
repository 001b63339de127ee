package io.jocap.vat;

import io.jocap.marshal.Remotable;

/**
 * A reference to an object of another vat (or a kernel service), as vat code holds it: opaque,
 * usable only as the target of an eventual send ({@link E}) or as a value to pass on. The same
 * remote object always arrives as the same {@code Presence} instance within one incarnation of
 * the vat, so {@code ==} and identity-keyed maps work; a {@code Presence} kept in
 * {@link Baggage} survives restarts.
 */
public interface Presence extends Remotable {}
