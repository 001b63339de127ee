package io.jocap.kernel.state;

/** What a reference designates: an object (messages go to its owner) or a promise (it settles once). */
public enum RefKind {
    OBJECT,
    PROMISE
}
