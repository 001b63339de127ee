package io.jocap.vat.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.classfile.ClassFile;
import java.lang.constant.ClassDesc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Builds vat code for the tests: sources, class directories and jars, on disk. */
final class VatCodeFixtures {
    private VatCodeFixtures() {}

    /** Writes {@code code} to {@code dir/fileName} and returns the file. */
    static Path writeSource(Path dir, String fileName, String code) throws IOException {
        Files.createDirectories(dir);
        return Files.writeString(dir.resolve(fileName), code);
    }

    /**
     * Compiles {@code sources} (file name → code) into {@code classes} with the test's whole class
     * path, so the classes may refer to anything the host has: the class loader must then be what
     * stops them.
     */
    static Path compileWithHostClassPath(Path workDir, Path classes, Map<String, String> sources)
            throws IOException {
        Path sourceDir = workDir.resolve("src-" + classes.getFileName());
        List<String> args = new ArrayList<>(List.of("--release", "25", "-proc:none", "-d",
                classes.toString(), "-cp", System.getProperty("java.class.path")));
        for (Map.Entry<String, String> source : sources.entrySet()) {
            args.add(writeSource(sourceDir, source.getKey(), source.getValue()).toString());
        }
        Files.createDirectories(classes);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(null, null, System.err, args.toArray(String[]::new));
        assertThat(status).as("javac status").isZero();
        return classes;
    }

    /** Puts every file under {@code dir} into a new jar at {@code jar}. */
    static Path jar(Path dir, Path jar) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file);
                Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(dir.relativize(path).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(path));
                out.closeEntry();
            }
        }
        return jar;
    }

    /**
     * Writes an empty public class named {@code className} into a class directory: a class javac
     * would not compile, such as one in {@code java.lang}.
     */
    static void writeEmptyClass(Path classes, String className) throws IOException {
        byte[] bytes = ClassFile.of().build(ClassDesc.of(className),
                builder -> builder.withFlags(ClassFile.ACC_PUBLIC | ClassFile.ACC_SUPER));
        Path file = classes.resolve(className.replace('.', '/') + ".class");
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }
}
