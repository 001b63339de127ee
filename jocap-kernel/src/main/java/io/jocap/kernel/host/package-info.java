/**
 * The host API of a kernel: {@link io.jocap.kernel.host.Kernel} owns the kernel thread, which
 * applies the {@link io.jocap.kernel.host.Inbox}'s {@link io.jocap.kernel.host.InboxItem}s and
 * runs cranks, and releases results to the host only after the crank that produced them is
 * durable. Design invariants 2 (one thread owns kernel state; external inputs are applied between
 * cranks, each atomically), 3 (outputs wait for commit) and 6 (a failed item never kills the loop).
 */
package io.jocap.kernel.host;
