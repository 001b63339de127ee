package io.jocap.store;

/**
 * The in-memory marker for "deleted" (in the overlay, dirty and flushing layers) and for a
 * remembered absence (in the clean cache). It is compared by identity and never leaves the store.
 */
final class Tombstone {
    static final String VALUE = new String("<deleted>"); // a distinct instance: compared by identity

    private Tombstone() {}

    static boolean is(String value) {
        return value == VALUE;
    }

    /** Maps the marker to null, for callers. */
    static String unwrap(String value) {
        return value == VALUE ? null : value;
    }
}
