package io.jocap.worker.process;

import io.jocap.kernel.config.VatCode;
import io.jocap.kernel.config.VatConfig;
import io.jocap.vat.Vat;
import io.jocap.vat.load.ClassCheck;
import io.jocap.vat.load.VatClassSource;
import io.jocap.vat.load.VatLoadException;
import io.jocap.worker.VatFactories;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/** Where a vat config says the vat's code is, as the loader takes it; the rules {@code InProcessVatWorkers} applies. */
final class VatCodes {
    private VatCodes() {}

    /** The code's location, which must exist. */
    static VatClassSource source(VatCode code) {
        return switch (code) {
            case VatCode.SourceFile file -> new VatClassSource.JavaSource(requireFile(file.path(), file.written()));
            case VatCode.Jar jar -> new VatClassSource.Jar(requireFile(jar.path(), jar.written()));
            case VatCode.ClassDirectory dir -> new VatClassSource.Directory(requireFile(dir.path(), dir.written()));
        };
    }

    /** Loads the vat's code now (compiling a source file); the supplier makes the instance. */
    static Supplier<Vat> factory(VatConfig config, ClassCheck check) throws VatLoadException {
        return VatFactories.fromSource(config.name(), source(config.code()), config.code().className(), check);
    }

    /** {@code code} with its path as written replaced by the absolute one, so it reads the same from any directory. */
    static VatCode absolute(VatCode code) {
        Path root = code.path().getRoot();
        String path = code.path().toString();
        return switch (code) {
            case VatCode.SourceFile file -> VatCode.source(root, path, file.className());
            case VatCode.Jar jar -> VatCode.jar(root, path, jar.className());
            case VatCode.ClassDirectory dir -> VatCode.directory(root, path, dir.className());
        };
    }

    private static Path requireFile(Path path, String written) {
        if (!Files.exists(path)) {
            throw new IllegalArgumentException(written + " does not exist (looked at " + path + ")");
        }
        return path;
    }
}
