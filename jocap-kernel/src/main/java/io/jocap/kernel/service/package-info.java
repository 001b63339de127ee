/**
 * Kernel services: host Java objects registered by name ({@link io.jocap.kernel.service.ServiceRegistry}),
 * each behind a kernel object owned by the {@code kernel} pseudo-endpoint, and the gateway that
 * turns messages for those objects into Java calls made off the kernel thread
 * ({@link io.jocap.kernel.service.ServiceDispatcher}). Results come back through the kernel's
 * inbox ({@link io.jocap.kernel.service.ServiceResultSink}).
 */
package io.jocap.kernel.service;
