package io.jocap.vat.load;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;

/**
 * The compiler's view of files when compiling a vat: on the class path only the {@linkplain
 * VatApi#isApiClass API classes} (the jars and directories holding them may hold much more, up to
 * the whole host), and class files written to memory instead of beside the source.
 */
final class VatCompileFileManager extends ForwardingJavaFileManager<StandardJavaFileManager> {
    private final VatApi api;
    private final Map<String, ClassFileInMemory> outputs = new LinkedHashMap<>();

    VatCompileFileManager(StandardJavaFileManager standard, VatApi api) {
        super(standard);
        this.api = api;
    }

    /** The compiled classes by binary name. */
    Map<String, byte[]> classes() {
        Map<String, byte[]> classes = new LinkedHashMap<>();
        outputs.forEach((name, output) -> classes.put(name, output.bytes()));
        return classes;
    }

    @Override
    public Iterable<JavaFileObject> list(Location location, String packageName,
            Set<JavaFileObject.Kind> kinds, boolean recurse) throws IOException {
        if (location != StandardLocation.CLASS_PATH) {
            return super.list(location, packageName, kinds, recurse);
        }
        if (!recurse && !api.hasApiClasses(packageName)) {
            return List.of(); // the common case, without listing a host package
        }
        List<JavaFileObject> visible = new ArrayList<>();
        for (JavaFileObject file : super.list(location, packageName, kinds, recurse)) {
            if (api.isApiClass(inferBinaryName(location, file))) {
                visible.add(file);
            }
        }
        return visible;
    }

    @Override
    public JavaFileObject getJavaFileForOutput(Location location, String className,
            JavaFileObject.Kind kind, FileObject sibling) throws IOException {
        if (kind != JavaFileObject.Kind.CLASS) {
            throw new IOException("compiling a vat writes only class files, not " + className);
        }
        ClassFileInMemory output = new ClassFileInMemory(className);
        outputs.put(className, output);
        return output;
    }

    @Override
    public JavaFileObject getJavaFileForOutputForOriginatingFiles(Location location,
            String className, JavaFileObject.Kind kind, FileObject... originatingFiles)
            throws IOException {
        // Overridden too: the forwarding default would hand the request to the standard manager,
        // which writes files beside the source.
        return getJavaFileForOutput(location, className, kind, null);
    }

    @Override
    public FileObject getFileForOutput(Location location, String packageName, String relativeName,
            FileObject sibling) throws IOException {
        throw new IOException("compiling a vat writes no files (" + relativeName + ")");
    }

    @Override
    public FileObject getFileForOutputForOriginatingFiles(Location location, String packageName,
            String relativeName, FileObject... originatingFiles) throws IOException {
        return getFileForOutput(location, packageName, relativeName, null);
    }

    /** One class file the compiler writes. */
    private static final class ClassFileInMemory extends SimpleJavaFileObject {
        private final ByteArrayOutputStream content = new ByteArrayOutputStream();

        ClassFileInMemory(String className) {
            super(URI.create("memory:///" + ClassNames.classFileName(className)), Kind.CLASS);
        }

        @Override
        public OutputStream openOutputStream() {
            content.reset();
            return content;
        }

        byte[] bytes() {
            return content.toByteArray();
        }
    }
}
