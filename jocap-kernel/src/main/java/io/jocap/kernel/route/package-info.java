/**
 * Routing: where a message sent to a kernel reference goes, decided from kernel state alone
 * (DESIGN section 4). {@link io.jocap.kernel.route.Router} makes the decision and
 * {@link io.jocap.kernel.route.Route} says what it is; acting on it (delivering, queueing,
 * forwarding, rejecting the result promise, counting references) is the run loop's job.
 */
package io.jocap.kernel.route;
