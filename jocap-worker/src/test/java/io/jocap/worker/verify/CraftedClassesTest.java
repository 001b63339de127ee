package io.jocap.worker.verify;

import static java.lang.constant.ConstantDescs.CD_CallSite;
import static java.lang.constant.ConstantDescs.CD_MethodHandles_Lookup;
import static java.lang.constant.ConstantDescs.CD_MethodType;
import static java.lang.constant.ConstantDescs.CD_String;
import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_void;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jocap.vat.load.VatClassFiles;
import io.jocap.vat.load.VatLoadException;
import java.lang.classfile.ClassBuilder;
import java.lang.classfile.ClassFile;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.DirectMethodHandleDesc;
import java.lang.constant.DynamicCallSiteDesc;
import java.lang.constant.DynamicConstantDesc;
import java.lang.constant.MethodHandleDesc;
import java.lang.constant.MethodTypeDesc;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Class files javac would never write, built with the Class-File API: the verifier must not care who wrote them. */
class CraftedClassesTest {
    private static final ClassDesc EVIL = ClassDesc.of("demo.Evil");

    private static byte[] evil(Consumer<ClassBuilder> members) {
        return ClassFile.of().build(EVIL, builder -> {
            builder.withFlags(ClassFile.ACC_PUBLIC | ClassFile.ACC_FINAL | ClassFile.ACC_SUPER);
            members.accept(builder);
        });
    }

    private static List<Violation> verify(Map<String, byte[]> classes) throws VatLoadException {
        return VatVerifier.standard().verify(VatClassFiles.of("crafted", classes));
    }

    @Test
    void anInvokedynamicWithABootstrapOfItsOwnIsRefused() throws Exception {
        MethodTypeDesc bootType = MethodTypeDesc.of(CD_CallSite, CD_MethodHandles_Lookup, CD_String, CD_MethodType);
        DirectMethodHandleDesc boot = MethodHandleDesc.ofMethod(DirectMethodHandleDesc.Kind.STATIC, EVIL, "boot", bootType);
        byte[] bytes = evil(builder -> builder
                .withMethodBody("boot", bootType, ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC,
                        code -> code.aconst_null().areturn())
                .withMethodBody("run", MethodTypeDesc.of(CD_void), ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC,
                        code -> code.invokedynamic(DynamicCallSiteDesc.of(boot, "run", MethodTypeDesc.of(CD_void))).return_()));

        assertThat(verify(Map.of("demo.Evil", bytes))).singleElement().satisfies(violation -> {
            assertThat(violation.rule()).isEqualTo("invokedynamic");
            assertThat(violation).hasToString("demo.Evil.run → invokedynamic demo.Evil.boot (only the bootstraps javac"
                    + " emits for lambdas, string concatenation, records and pattern switches are allowed)");
        });
    }

    @Test
    void aDynamicConstantWithAnotherBootstrapIsRefused() throws Exception {
        DynamicConstantDesc<Object> out = DynamicConstantDesc.ofNamed(ConstantDescs.BSM_GET_STATIC_FINAL, "out",
                ClassDesc.of("java.io.PrintStream"), ClassDesc.of("java.lang.System"));
        byte[] bytes = evil(builder -> builder.withMethodBody("run", MethodTypeDesc.of(ConstantDescs.CD_Object),
                ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC, code -> code.ldc(out).areturn()));

        assertThat(verify(Map.of("demo.Evil", bytes))).extracting(Violation::toString).containsExactly(
                "demo.Evil.run → dynamic constant java.lang.invoke.ConstantBootstraps.getStaticFinal (only the bootstrap"
                        + " javac emits for the enum constants of pattern switches is allowed)");
    }

    @Test
    void javacsDynamicConstantBootstrapStillHasItsMethodHandleChecked() throws Exception {
        // ConstantBootstraps.invoke calls the handle it is given: the handle is judged like a call.
        DynamicConstantDesc<Object> exit = DynamicConstantDesc.ofNamed(ConstantDescs.BSM_INVOKE, "exit", ConstantDescs.CD_Object,
                MethodHandleDesc.ofMethod(DirectMethodHandleDesc.Kind.STATIC, ClassDesc.of("java.lang.System"), "exit",
                        MethodTypeDesc.of(CD_void, CD_int)), 3);
        byte[] bytes = evil(builder -> builder.withMethodBody("run", MethodTypeDesc.of(ConstantDescs.CD_Object),
                ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC, code -> code.ldc(exit).areturn()));

        assertThat(verify(Map.of("demo.Evil", bytes))).extracting(Violation::toString).containsExactly(
                "demo.Evil.run → java.lang.System.exit(int) (System is denied: process control)");
    }

    @Test
    void aMethodHandleThatSetsAStaticFieldIsAStaticWrite() throws Exception {
        byte[] bytes = evil(builder -> builder
                .withField("x", CD_int, ClassFile.ACC_STATIC | ClassFile.ACC_FINAL)
                .withMethodBody("run", MethodTypeDesc.of(ConstantDescs.CD_Object), ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC,
                        code -> code.ldc(MethodHandleDesc.ofField(DirectMethodHandleDesc.Kind.STATIC_SETTER, EVIL, "x", CD_int))
                                .areturn()));

        assertThat(verify(Map.of("demo.Evil", bytes))).extracting(Violation::toString).containsExactly(
                "demo.Evil.run → a method handle for assignment to demo.Evil.x"
                        + " (static fields may be set only by their own class's static initializer)");
    }

    @Test
    void aStaticInitialiserMaySetOnlyItsOwnClassesFields() throws Exception {
        ClassDesc other = ClassDesc.of("demo.Other");
        byte[] otherBytes = ClassFile.of().build(other, builder -> builder
                .withField("x", CD_int, ClassFile.ACC_STATIC | ClassFile.ACC_FINAL)
                .withMethodBody("<clinit>", MethodTypeDesc.of(CD_void), ClassFile.ACC_STATIC,
                        code -> code.iconst_1().putstatic(other, "x", CD_int).return_()));
        byte[] evilBytes = evil(builder -> builder.withMethodBody("<clinit>", MethodTypeDesc.of(CD_void), ClassFile.ACC_STATIC,
                code -> code.iconst_2().putstatic(other, "x", CD_int).return_()));
        Map<String, byte[]> classes = new LinkedHashMap<>();
        classes.put("demo.Other", otherBytes);
        classes.put("demo.Evil", evilBytes);

        assertThat(verify(classes)).extracting(Violation::toString).containsExactly(
                "demo.Evil.<clinit> → assignment to demo.Other.x (static fields may be set only by their own class's static initializer)");
    }

    @Test
    void anUnreadableClassFileIsReportedWithTheOthers() throws Exception {
        byte[] exits = evil(builder -> builder.withMethodBody("run", MethodTypeDesc.of(CD_void), ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC,
                code -> code.iconst_0().invokestatic(ClassDesc.of("java.lang.System"), "exit", MethodTypeDesc.of(CD_void, CD_int)).return_()));
        Map<String, byte[]> classes = new LinkedHashMap<>();
        classes.put("demo.Evil", exits);
        classes.put("demo.Garbage", "not a class file".getBytes(StandardCharsets.UTF_8));

        List<Violation> violations = verify(classes);

        assertThat(violations).extracting(Violation::rule).containsExactly("process control", "class file");
        assertThat(violations.get(1).toString()).startsWith("demo.Garbage → its class file (it cannot be read: ");
    }

    @Test
    void classFilesTheLoaderWouldNeverDefineAreNotLookedAt() throws Exception {
        // A vat's copy of a JDK or API class is ignored by its loader, so the verifier ignores it too.
        byte[] exits = ClassFile.of().build(ClassDesc.of("java.lang.Evil"), builder -> builder.withMethodBody("run",
                MethodTypeDesc.of(CD_void), ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC,
                code -> code.iconst_0().invokestatic(ClassDesc.of("java.lang.System"), "exit", MethodTypeDesc.of(CD_void, CD_int)).return_()));

        assertThat(verify(Map.of("java.lang.Evil", exits, "io.jocap.vat.Evil", exits))).isEmpty();
    }

    @Test
    void checkingOneClassAloneThrowsWithEveryViolation() {
        byte[] bytes = evil(builder -> builder
                .withField("count", CD_int, ClassFile.ACC_STATIC)
                .withMethodBody("run", MethodTypeDesc.of(CD_void), ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC | ClassFile.ACC_SYNCHRONIZED,
                        code -> code.return_()));

        assertThatThrownBy(() -> VatVerifier.standard().check("demo.Evil", bytes))
                .isInstanceOf(VatLoadException.class)
                .hasMessage("the verifier refused its classes in memory (2 violations; see docs/verifier.md):\n"
                        + "  demo.Evil → static int count (static fields must be final)\n"
                        + "  demo.Evil.run → synchronized method (monitors are denied)");
    }
}
