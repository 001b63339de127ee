/**
 * The vat protocol: the only way the kernel and a vat runtime talk. The kernel sends a vat {@link
 * io.jocap.protocol.Delivery deliveries} and gets a {@link io.jocap.protocol.DeliveryResult} back
 * for each; the vat makes {@link io.jocap.protocol.Syscall syscalls} and gets a {@link
 * io.jocap.protocol.SyscallResult} for each. The same records travel in-process and, as {@link
 * io.jocap.protocol.VatProtocolJson JSON text}, over a pipe to a vat in another process. References
 * are {@link io.jocap.protocol.Vref vrefs} in the vat's own namespace; values are {@link
 * io.jocap.marshal.CapData} whose slots are vrefs. {@code docs/vat-protocol.md} describes who may
 * send what.
 *
 * <h2>What is checked here, and what is not</h2>
 *
 * Record constructors check <em>shape</em> only: no nulls where a value is required, every
 * reference (fields, list elements, CapData slots) a syntactically valid vref, promises where a
 * promise is required ({@code Resolution.promise}, {@code Subscribe.promise}, {@code
 * Message.result}), object vrefs of the right side in the garbage-collection lists, no empty
 * batches, non-empty vatstore keys. They copy lists into immutable ones. A violation is a {@link
 * io.jocap.protocol.ProtocolException} naming the record and field; the kernel turns one raised
 * while taking in a syscall into an illegal syscall.
 *
 * <p>Everything that depends on state is the kernel's job, not this package's: whether an import
 * is in the vat's c-list, whether the vat decides the promise it resolves, whether an export it
 * retires was dropped first, whether a promise was already resolved.
 */
package io.jocap.protocol;
