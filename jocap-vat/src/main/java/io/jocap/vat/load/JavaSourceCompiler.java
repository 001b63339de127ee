package io.jocap.vat.load;

import com.sun.source.util.JavacTask;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * Compiles a vat's single {@code .java} file in memory with the JDK's compiler.
 *
 * <p>The compiler sees the JDK (as of {@code --release 25}) and the jocap vat API, nothing else:
 * its class path is the API's jars or directories, filtered by {@link VatCompileFileManager} to
 * the API classes, so a vat that imports a kernel class fails here, at compile time, rather than
 * later when the class loader refuses it. Other files beside the source are not read (the source
 * path is empty) and annotation processors do not run: compiling a vat runs none of its code or
 * the host's.
 */
final class JavaSourceCompiler {
    private static final List<String> OPTIONS =
            List.of("--release", "25", "-proc:none", "-encoding", "UTF-8");

    private JavaSourceCompiler() {}

    /**
     * The classes {@code file} declares.
     *
     * @throws VatLoadException if there is no compiler, or the file does not compile
     */
    static CompiledCode compile(Path file, VatApi api) throws VatLoadException {
        if (!Files.isRegularFile(file)) {
            throw new VatLoadException("Java source " + file
                    + (Files.exists(file) ? " is not a file" : " does not exist"));
        }
        JavaCompiler javac = requireCompiler(ToolProvider.getSystemJavaCompiler(), file);
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StandardJavaFileManager standard =
                javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8);
        try (VatCompileFileManager files = new VatCompileFileManager(standard, api)) {
            standard.setLocationFromPaths(StandardLocation.CLASS_PATH, api.locations());
            standard.setLocationFromPaths(StandardLocation.SOURCE_PATH, List.of());
            StringWriter otherOutput = new StringWriter();
            // The system compiler's tasks are JavacTasks; analyze() gives the declared classes.
            JavacTask task = (JavacTask) javac.getTask(otherOutput, files, diagnostics, OPTIONS,
                    null, standard.getJavaFileObjectsFromPaths(List.of(file)));
            Iterable<? extends Element> declared = task.analyze();
            failOnErrors(file, diagnostics, otherOutput);
            // Before generate(), which ends the task's use of its elements.
            String defaultClassName = publicTopLevelClass(task, declared);
            task.generate();
            failOnErrors(file, diagnostics, otherOutput);
            return new CompiledCode(file, files.classes(), defaultClassName);
        } catch (IOException e) {
            throw new VatLoadException("cannot compile Java source " + file + ": "
                    + e.getMessage(), e);
        }
    }

    /** {@code javac} unless it is null: a Java runtime without the jdk.compiler module. */
    static JavaCompiler requireCompiler(JavaCompiler javac, Path file) throws VatLoadException {
        if (javac == null) {
            throw new VatLoadException("cannot compile Java source " + file + ": this Java runtime"
                    + " has no compiler (module jdk.compiler); run jocap on a JDK, or give the vat"
                    + " as compiled classes (a directory or a jar)");
        }
        return javac;
    }

    /** The binary name of the single public top-level class, or null if there is none. */
    private static String publicTopLevelClass(JavacTask task,
            Iterable<? extends Element> declared) {
        String found = null;
        for (Element element : declared) {
            if (element instanceof TypeElement type
                    && type.getNestingKind() == NestingKind.TOP_LEVEL
                    && type.getModifiers().contains(Modifier.PUBLIC)) {
                if (found != null) {
                    return null;
                }
                found = task.getElements().getBinaryName(type).toString();
            }
        }
        return found;
    }

    private static void failOnErrors(Path file, DiagnosticCollector<JavaFileObject> diagnostics,
            StringWriter otherOutput) throws VatLoadException {
        List<String> errors = diagnostics.getDiagnostics().stream()
                .filter(diagnostic -> diagnostic.getKind() == Diagnostic.Kind.ERROR)
                // In the file's order, not that of javac's phases (which report field types first).
                .sorted(Comparator.comparingLong(Diagnostic::getPosition))
                .map(JavaSourceCompiler::describe)
                .toList();
        if (errors.isEmpty()) {
            return;
        }
        StringBuilder message = new StringBuilder("Java source " + file + " does not compile ("
                + errors.size() + (errors.size() == 1 ? " error" : " errors") + "):");
        for (String error : errors) {
            message.append("\n  ").append(error.replace("\n", "\n    "));
        }
        if (!otherOutput.toString().isBlank()) {
            message.append("\n  ").append(otherOutput.toString().strip());
        }
        throw new VatLoadException(message.toString());
    }

    /** {@code Counter.java:12: cannot find symbol ...}: the file's name, not its whole path. */
    private static String describe(Diagnostic<? extends JavaFileObject> diagnostic) {
        String text = diagnostic.getMessage(Locale.ROOT);
        if (diagnostic.getSource() == null) {
            return "javac: " + text;
        }
        String name = diagnostic.getSource().getName();
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        return diagnostic.getLineNumber() == Diagnostic.NOPOS ? name + ": " + text
                : name + ":" + diagnostic.getLineNumber() + ": " + text;
    }
}
