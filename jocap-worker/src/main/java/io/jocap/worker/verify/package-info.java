/**
 * The load-time capability verifier: vat code may reach the JDK only where jocap's allow-list says
 * so, checked on the bytecode of every class of a vat before any is defined.
 *
 * <p>{@link io.jocap.worker.verify.VatVerifier} is the {@link io.jocap.vat.load.ClassCheck} every
 * vat passes when it is started through {@link io.jocap.worker.InProcessVatWorkers} (so {@code jocap
 * run} and {@code jocap send}). It judges JDK references by an {@link
 * io.jocap.worker.verify.AllowList}, the data file {@code jdk-allowlist.txt} beside these classes;
 * a rejection lists every {@link io.jocap.worker.verify.Violation} of the vat's code.
 *
 * <h2>Implementation</h2>
 *
 * {@code VatVerifier} parses every class once with {@code java.lang.classfile} and hands each to a
 * {@code ClassVerifier}, which walks what the class declares and every instruction of its code.
 * {@code VatTypes} knows the vat's own classes (which JDK class a reference through a vat class
 * reaches; which types are immutable); {@code JdkPolicy} applies the allow-list to the JDK's class
 * hierarchy, looking at JDK classes with {@code JdkTypes} and caching each verdict for the JVM's
 * lifetime. The rules, the file format and the residual risks are documented in {@code
 * docs/verifier.md}.
 */
package io.jocap.worker.verify;
