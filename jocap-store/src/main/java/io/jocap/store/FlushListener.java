package io.jocap.store;

/**
 * Test hook: called on the thread that runs a commit point (the flusher thread in batched mode),
 * after the batch was handed over and before SQLite is written, and after the SQLite commit but
 * before the batch is dropped from memory. Tests block here to observe the windows in between.
 */
interface FlushListener {
    FlushListener NONE = new FlushListener() {};

    default void handedOver(DirtySet batch) {}

    default void committed(DirtySet batch) {}
}
