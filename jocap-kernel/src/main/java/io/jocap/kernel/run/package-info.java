/**
 * The crank engine: {@link io.jocap.kernel.run.CrankRunner} takes one run-queue item per crank,
 * routes it, delivers it to a {@link io.jocap.kernel.run.VatEndpoint} with a
 * {@link io.jocap.kernel.run.SyscallPort} for its syscalls, and commits or rolls back; vat faults
 * terminate the vat, and items the kernel cannot handle go to the
 * {@link io.jocap.kernel.run.DeadLetters}. {@link io.jocap.kernel.run.EmbeddedKernel} wraps it all
 * for tests, with {@link io.jocap.kernel.run.ScriptedVat} as a programmable vat.
 *
 * <p>Single-threaded core: the kernel thread, inbox and host API are built on top of it.
 */
package io.jocap.kernel.run;
