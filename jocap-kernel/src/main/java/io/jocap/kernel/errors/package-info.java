/**
 * Kernel errors: the tagged {@code Error}s the kernel rejects promises with when it cannot deliver
 * a message or an endpoint goes away (DESIGN section 4), and their Java form at the host API.
 *
 * <p>{@link io.jocap.kernel.errors.KernelErrorCode} lists the codes and their tags,
 * {@link io.jocap.kernel.errors.KernelErrors} encodes them as CapData and recognises them again,
 * and turns any rejection into an exception: {@link io.jocap.kernel.errors.KernelException} for a
 * tagged kernel error, {@link io.jocap.kernel.errors.VatRejectionException} for anything else.
 */
package io.jocap.kernel.errors;
