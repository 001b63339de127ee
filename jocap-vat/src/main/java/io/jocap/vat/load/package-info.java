/**
 * Loading a vat's code, each vat with a class loader of its own.
 *
 * <p>A vat's code is a {@link io.jocap.vat.load.VatClassSource}: a directory of class files, a jar,
 * or one {@code .java} file compiled in memory when the vat is loaded. {@link
 * io.jocap.vat.load.VatClasses#load} opens it as a {@link io.jocap.vat.load.VatClassLoader}, and
 * {@link io.jocap.vat.load.VatClasses#findVatClass} loads the class the vat's config names. Every
 * failure is a {@link io.jocap.vat.load.VatLoadException} naming the vat and its source.
 *
 * <h2>Isolation</h2>
 *
 * Each vat's classes are defined by its own loader, so two vats (even two of the same code) never
 * share a class or a static field. Vat code may use only:
 *
 * <ul>
 *   <li>the JDK's platform classes;
 *   <li>the jocap vat API: the packages {@code io.jocap.vat} and {@code io.jocap.marshal} (not
 *       their subpackages), plus the types from other packages their public signatures mention
 *       (such as the power interfaces in {@code io.jocap.vat.powers}), all shared with the host
 *       so that values pass between vat and runtime as they are;
 *   <li>its own classes.
 * </ul>
 *
 * Nothing else on the host's class path, the kernel and the vat runtime included, can be named by
 * vat code, and a vat cannot add classes to JDK or API packages.
 *
 * <h2>Checking the code</h2>
 *
 * {@link io.jocap.vat.load.VatClasses#load} reads every class file of the vat's code into a {@link
 * io.jocap.vat.load.VatClassFiles} and runs the given {@link io.jocap.vat.load.ClassCheck} over
 * all of them at once, before any class is defined: the place for a bytecode verifier that
 * restricts what vat code may do with the JDK (jocap-worker's {@code VatVerifier}). Checking the
 * whole code up front, rather than each class when vat code first uses it, makes a rejection list
 * every problem of every class in one message, and makes it happen when the vat is loaded rather
 * than halfway through a delivery. The loader then defines exactly the bytes that were checked,
 * without reading the code again, except for one trusted rewrite: a {@link
 * io.jocap.vat.load.VatClassTransform} given to {@code load} is applied to each checked class file
 * as it is defined (jocap's workers use it to insert step metering, {@code
 * io.jocap.vat.meter.StepMetering}).
 *
 * <h2>Implementation</h2>
 *
 * {@code VatApi} computes, once per JVM, what the API is (listing the API packages where they were
 * loaded from and walking their signatures with {@code ApiSignatures}); {@code PlatformPackages}
 * knows the JDK's packages. A {@code VatCode} ({@code DirectoryCode}, {@code JarCode}, {@code
 * CompiledCode}) lists and reads the vat's class files and resources; {@code JavaSourceCompiler}
 * and {@code VatCompileFileManager} make the {@code CompiledCode} of a {@code .java} source. {@code
 * VatClassFiles} holds the class files read at load time and answers, for a check, where the
 * loader resolves a name ({@code VatClassFiles.origin}), with the same rules as the loader.
 */
package io.jocap.vat.load;
