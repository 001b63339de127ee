package io.jocap.worker.verify;

import io.jocap.vat.load.ClassCheck;
import io.jocap.vat.load.VatClassFiles;
import io.jocap.vat.load.VatClassSource;
import io.jocap.vat.load.VatClasses;
import io.jocap.vat.load.VatLoadException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** Vat code for the verifier's tests, compiled the way jocap compiles a vat's {@code .java} file. */
final class VerifierFixtures {
    private VerifierFixtures() {}

    /**
     * The class files of {@code source}, written to {@code dir/fileName} and compiled by {@link
     * VatClasses#load} (the compiler sees only the JDK and the vat API), as a check sees them.
     */
    static VatClassFiles compile(Path dir, String fileName, String source) throws IOException, VatLoadException {
        Path file = dir.resolve(fileName);
        Files.createDirectories(file.getParent());
        Files.writeString(file, source);
        return classFilesOf(new VatClassSource.JavaSource(file));
    }

    /** The class files of any vat source, as a check sees them. */
    static VatClassFiles classFilesOf(VatClassSource source) throws VatLoadException {
        AtomicReference<VatClassFiles> seen = new AtomicReference<>();
        ClassCheck capture = new ClassCheck() {
            @Override
            public void check(String className, byte[] bytes) {}

            @Override
            public void checkCode(VatClassFiles code) {
                seen.set(code);
            }
        };
        VatClasses.load("fixture", source, capture).close();
        return seen.get();
    }

    /** The violations the standard verifier finds in {@code source}. */
    static List<Violation> violations(Path dir, String fileName, String source) throws IOException, VatLoadException {
        return VatVerifier.standard().verify(compile(dir, fileName, source));
    }

    /** A vat class named {@code name} with these extra members (and imports of java.util.*). */
    static String vat(String name, String members) {
        return """
                import io.jocap.vat.*;
                import java.util.*;

                public final class %s implements Vat {
                    @Override
                    public Far buildRootObject(VatPowers powers, Map<String, Object> parameters, Baggage baggage) {
                        return null;
                    }

                %s
                }
                """.formatted(name, members.indent(4));
    }
}
