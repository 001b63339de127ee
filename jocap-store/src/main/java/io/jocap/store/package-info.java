/**
 * The kernel's transactional key-value store: crank savepoints over an in-memory overlay, a
 * write-back dirty set flushed to SQLite at commit points, and per-vat vatstores.
 */
package io.jocap.store;
