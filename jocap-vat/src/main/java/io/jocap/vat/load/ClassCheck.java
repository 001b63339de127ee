package io.jocap.vat.load;

import java.util.ArrayList;
import java.util.List;

/**
 * A check the whole of a vat's code must pass before any of it is defined: the hook for a
 * bytecode verifier (for example one that refuses reflection or threads). JDK and jocap API
 * classes are never checked; they are not defined by the vat's loader.
 *
 * <h2>When it runs</h2>
 *
 * {@link VatClasses#load} reads every class file of the vat's code (not only the classes vat code
 * will happen to use: the loader defines classes lazily, but the check sees them all up front),
 * then calls {@link #checkCode} once, on the caller's thread, before any class is defined. If it
 * throws, the load fails with its message, prefixed with the vat's name, and nothing of the vat
 * is defined. If it returns, the loader later defines exactly the bytes the check saw: the class
 * files are not read again.
 *
 * <p>A check that only looks at one class at a time implements {@link #check}; the default {@link
 * #checkCode} calls it for every class and reports every class it rejects in one {@link
 * VatLoadException}, so a vat's author can fix them all at once. A check that needs the whole code
 * (to follow a vat class's superclasses, or to report every violation of every class together)
 * overrides {@link #checkCode}. Implementations must be thread-safe if one check is shared by
 * several vats.
 */
@FunctionalInterface
public interface ClassCheck {
    /** Accepts every class, without looking at any. */
    ClassCheck NONE = new ClassCheck() {
        @Override
        public void check(String className, byte[] bytes) {}

        @Override
        public void checkCode(VatClassFiles code) {}

        @Override
        public String toString() {
            return "ClassCheck.NONE";
        }
    };

    /**
     * Accepts the class or throws saying why not.
     *
     * @param className the binary name, e.g. {@code com.example.Counter$Facet}
     * @param bytes the class file; the check's own copy
     * @throws VatLoadException if the class must not be defined
     */
    void check(String className, byte[] bytes) throws VatLoadException;

    /**
     * Accepts the whole of a vat's code or throws saying why not. The default calls {@link #check}
     * on each of the vat's own classes ({@linkplain VatClassFiles.Origin#VAT origin} {@code VAT};
     * class files the loader would never define are skipped), in name order, and throws one
     * exception naming every class it rejected ({@code class NAME was rejected by the class check:
     * REASON}, one line per class when there are several). A runtime exception thrown by {@code
     * check} rejects that class like a {@link VatLoadException}.
     *
     * @throws VatLoadException if the code must not be loaded; its message lists every reason
     */
    default void checkCode(VatClassFiles code) throws VatLoadException {
        List<String> rejected = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (String className : code.classNames()) {
            if (code.origin(className) != VatClassFiles.Origin.VAT) {
                continue;
            }
            try {
                check(className, code.bytes(className));
            } catch (VatLoadException | RuntimeException e) {
                rejected.add(className);
                reasons.add(e.getMessage());
            }
        }
        if (rejected.size() == 1) {
            throw new VatLoadException("class " + rejected.getFirst()
                    + " was rejected by the class check: " + reasons.getFirst());
        }
        if (!rejected.isEmpty()) {
            StringBuilder message = new StringBuilder(rejected.size() + " classes were rejected by the class check:");
            for (int i = 0; i < rejected.size(); i++) {
                message.append("\n  ").append(rejected.get(i)).append(": ").append(reasons.get(i));
            }
            throw new VatLoadException(message.toString());
        }
    }
}
