/**
 * Translation between a vat's references (vrefs, {@code o±N}/{@code p±N}) and the kernel's
 * (krefs, {@code koN}/{@code kpN}) through the vat's c-list, at the vat-protocol boundary.
 *
 * <ul>
 *   <li>{@link io.jocap.kernel.translate.VatToKernel}: vrefs a vat names in its syscalls become
 *       krefs. A new export ({@code o+…}, {@code p+…}) creates a kernel object the vat owns or a
 *       kernel promise it decides; an import the vat was never given ({@code o-N}, {@code p-N}) is
 *       an {@link io.jocap.kernel.translate.IllegalSyscallException}.
 *   <li>{@link io.jocap.kernel.translate.KernelToVat}: krefs the kernel hands a vat become vrefs,
 *       importing ({@code o-N}, {@code p-N}) whatever the vat does not know yet.
 *   <li>{@link io.jocap.kernel.translate.DeliveryTranslator}: run-queue work for a vat becomes a
 *       {@link io.jocap.protocol.Delivery}: a message becomes {@code Deliver} (the vat becomes the
 *       decider of its result), a settled promise becomes {@code Notify} (with every settled
 *       promise reachable from its value), after which the vat forgets those promises.
 * </ul>
 *
 * <p>Kernel ids never reach a vat: every message a vat can see (an illegal-syscall reason) names
 * only the vat and its own vrefs. {@link java.lang.IllegalStateException}s thrown here are kernel
 * bugs and may name krefs; they are for the kernel's logs.
 *
 * <p>Reference counting is not done here: c-list entries count themselves
 * ({@link io.jocap.kernel.state.CList}), so adding and removing them is all translation does.
 * Everything writes through the store inside the caller's crank.
 */
package io.jocap.kernel.translate;
