package io.jocap.worker.process;

import io.jocap.vat.load.ClassCheck;
import java.lang.reflect.InvocationTargetException;
import java.util.function.Supplier;

/**
 * The {@link ClassCheck} a worker process applies to its vat's classes, named by class since an
 * object cannot cross the pipe: a public class on the worker's class path with a public
 * no-argument constructor that is either a {@link ClassCheck} or a {@code Supplier<ClassCheck>}
 * (for a check made by a factory method).
 */
final class ClassChecks {
    private ClassChecks() {}

    /**
     * The check {@code className} names; {@link ClassCheck#NONE} for null.
     *
     * @throws IllegalArgumentException if the class is missing or is not such a class
     */
    static ClassCheck named(String className) {
        if (className == null) {
            return ClassCheck.NONE;
        }
        Object made;
        try {
            Class<?> type = Class.forName(className, true, ClassChecks.class.getClassLoader());
            made = type.getConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("the class check " + className + " is not on the worker's class path");
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException("the class check " + className + " could not be made: " + e.getCause(), e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("the class check " + className
                    + " needs a public no-argument constructor: " + e, e);
        }
        if (made instanceof ClassCheck check) {
            return check;
        }
        if (made instanceof Supplier<?> supplier && supplier.get() instanceof ClassCheck check) {
            return check;
        }
        throw new IllegalArgumentException("the class check " + className
                + " is neither a ClassCheck nor a Supplier<ClassCheck>");
    }
}
