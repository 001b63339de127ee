package io.jocap.worker;

import io.jocap.vat.Vat;
import io.jocap.vat.load.ClassCheck;
import io.jocap.vat.load.VatClassLoader;
import io.jocap.vat.load.VatClassSource;
import io.jocap.vat.load.VatClasses;
import io.jocap.vat.load.VatLoadException;
import io.jocap.vat.meter.StepMetering;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.function.Supplier;

/** Makes vat instances from vat code: a class in a directory, a jar or a single {@code .java} file. */
public final class VatFactories {
    private VatFactories() {}

    /**
     * Loads the vat's code with a class loader of its own and returns a supplier that makes the
     * instance of {@code className} (or, for a {@code .java} file, of its one public top-level class
     * when {@code className} is null). The vat's classes are metered ({@link StepMetering}): each
     * method entry and loop iteration spends a step of the turn's budget, if its loop has one
     * ({@link io.jocap.vat.loop.VatLoop#stepBudget}). Loading happens now, so a missing class or a compile error
     * fails here; the constructor runs when the supplier is called (on the vat's thread).
     *
     * @throws VatLoadException if the code cannot be loaded, the class is missing, is not a
     *     {@link Vat}, or has no public no-argument constructor; the message names the vat
     */
    public static Supplier<Vat> fromSource(String vatName, VatClassSource source, String className, ClassCheck check)
            throws VatLoadException {
        VatClassLoader loader = VatClasses.load(vatName, source, check, StepMetering.INSTANCE);
        String name = className != null ? className : loader.defaultClassName();
        if (name == null) {
            throw new VatLoadException("vat " + vatName + ": " + source.describe()
                    + " does not have exactly one public top-level class; name the vat's class in its config");
        }
        Class<?> type = VatClasses.findVatClass(loader, name);
        if (!Vat.class.isAssignableFrom(type)) {
            throw new VatLoadException("vat " + vatName + ": class " + name + " does not implement io.jocap.vat.Vat");
        }
        Constructor<?> constructor;
        try {
            constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
        } catch (NoSuchMethodException e) {
            throw new VatLoadException("vat " + vatName + ": class " + name + " needs a public no-argument constructor");
        }
        return () -> {
            try {
                return (Vat) constructor.newInstance();
            } catch (InvocationTargetException e) {
                throw new IllegalStateException("the constructor of " + name + " threw " + e.getCause(), e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot make " + name + ": " + e, e);
            }
        };
    }
}
