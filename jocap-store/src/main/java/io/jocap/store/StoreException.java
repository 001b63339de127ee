package io.jocap.store;

import java.io.Serial;

/**
 * The store could not do what was asked for a reason that is not the caller's mistake: the file
 * is not a jocap store, SQLite reported an error, or an earlier flush failed and the store is
 * now unusable. Argument mistakes are {@link IllegalArgumentException}s and misuse of the crank
 * protocol is an {@link IllegalStateException}; neither is wrapped in this type.
 */
public class StoreException extends RuntimeException {
    @Serial private static final long serialVersionUID = 1L;

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
