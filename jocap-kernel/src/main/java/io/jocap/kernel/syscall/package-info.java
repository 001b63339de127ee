/**
 * Syscall handling: what the kernel does with each {@link io.jocap.protocol.Syscall} a vat makes
 * during a delivery. {@link io.jocap.kernel.syscall.SyscallHandler} is the entry point, one per
 * delivery; it validates and applies each syscall atomically, and remembers the first illegal
 * syscall and the first exit request for the run loop, which owns the crank.
 *
 * <p>The syscalls' effects are kernel-state writes in the current crank: sends and notifications
 * go on the run queue (they reach anyone only if the crank commits, design invariant 3), promise
 * resolutions, c-list changes, vatstore writes. Translation of references is
 * {@link io.jocap.kernel.translate}'s job.
 */
package io.jocap.kernel.syscall;
