package io.jocap.worker.verify;

import io.jocap.vat.load.VatClassFiles.Origin;
import java.lang.classfile.BootstrapMethodEntry;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeElement;
import java.lang.classfile.CodeModel;
import java.lang.classfile.FieldModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.Opcode;
import java.lang.classfile.constantpool.ClassEntry;
import java.lang.classfile.constantpool.ConstantDynamicEntry;
import java.lang.classfile.constantpool.LoadableConstantEntry;
import java.lang.classfile.constantpool.MemberRefEntry;
import java.lang.classfile.constantpool.MethodHandleEntry;
import java.lang.classfile.instruction.ConstantInstruction;
import java.lang.classfile.instruction.ExceptionCatch;
import java.lang.classfile.instruction.FieldInstruction;
import java.lang.classfile.instruction.InvokeDynamicInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.MonitorInstruction;
import java.lang.classfile.instruction.NewMultiArrayInstruction;
import java.lang.classfile.instruction.NewReferenceArrayInstruction;
import java.lang.classfile.instruction.TypeCheckInstruction;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.invoke.MethodHandleInfo;
import java.lang.reflect.AccessFlag;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Checks one vat class: what it declares (its supertypes, its static fields, its methods' flags)
 * and every reference its code makes. Reports each violation to a sink; knows nothing of messages.
 */
final class ClassVerifier {
    static final String STATIC_STATE = "static state";
    static final String MONITORS = "monitors";
    static final String NATIVE_CODE = "native code";
    static final String FINALIZERS = "finalizers";
    static final String SERIALIZATION = "serialization";
    static final String INVOKEDYNAMIC = "invokedynamic";
    static final String CLASS_FILE = "class file";

    /** The bootstrap methods javac uses for invokedynamic, as {@code class.method}. */
    private static final Set<String> CALL_SITE_BOOTSTRAPS = Set.of(
            "java.lang.invoke.LambdaMetafactory.metafactory",
            "java.lang.invoke.LambdaMetafactory.altMetafactory",
            "java.lang.invoke.StringConcatFactory.makeConcatWithConstants",
            "java.lang.invoke.StringConcatFactory.makeConcat",
            "java.lang.runtime.ObjectMethods.bootstrap",
            "java.lang.runtime.SwitchBootstraps.typeSwitch",
            "java.lang.runtime.SwitchBootstraps.enumSwitch");

    /**
     * The bootstrap javac uses for dynamic constants (the enum constants of a pattern switch): it
     * calls the method handle it is given, which is checked like any other reference.
     */
    private static final Set<String> CONSTANT_BOOTSTRAPS = Set.of("java.lang.invoke.ConstantBootstraps.invoke");

    /** Serialization hooks by name and descriptor: code the JDK's serialization would run. */
    private static final Map<String, String> SERIALIZATION_HOOKS = Map.of(
            "writeObject", "(Ljava/io/ObjectOutputStream;)V",
            "readObject", "(Ljava/io/ObjectInputStream;)V",
            "readObjectNoData", "()V",
            "writeReplace", "()Ljava/lang/Object;",
            "readResolve", "()Ljava/lang/Object;",
            "writeExternal", "(Ljava/io/ObjectOutput;)V",
            "readExternal", "(Ljava/io/ObjectInput;)V");

    private final String className;
    private final ClassModel model;
    private final VatTypes types;
    private final JdkPolicy policy;
    private final Consumer<Violation> sink;

    ClassVerifier(String className, ClassModel model, VatTypes types, JdkPolicy policy, Consumer<Violation> sink) {
        this.className = className;
        this.model = model;
        this.types = types;
        this.policy = policy;
        this.sink = sink;
    }

    void verify() {
        model.superclass().ifPresent(superclass -> classRef(null, "extends ", superclass));
        for (ClassEntry implemented : model.interfaces()) {
            classRef(null, "implements ", implemented);
        }
        for (FieldModel field : model.fields()) {
            if (field.flags().has(AccessFlag.STATIC)) {
                staticField(field);
            }
        }
        for (MethodModel method : model.methods()) {
            method(method);
        }
    }

    /**
     * Static fields must be final and of an immutable type. javac's own static arrays are let
     * through: an enum's {@code $VALUES} and the {@code $SwitchMap$...} tables of a synthetic
     * class, which only javac's code touches.
     */
    private void staticField(FieldModel field) {
        String name = field.fieldName().stringValue();
        ClassDesc type = field.fieldTypeSymbol();
        if (isJavacTable(field, name, type)) {
            return;
        }
        if (!field.flags().has(AccessFlag.FINAL)) {
            report(null, "static " + Names.typeName(type) + " " + name, STATIC_STATE,
                    "static fields must be final");
        } else if (!types.isImmutableType(type)) {
            report(null, "static final " + Names.typeName(type) + " " + name, STATIC_STATE,
                    "static fields must have an immutable type");
        }
    }

    private boolean isJavacTable(FieldModel field, String name, ClassDesc type) {
        if (!field.flags().has(AccessFlag.SYNTHETIC) || !field.flags().has(AccessFlag.FINAL)) {
            return false;
        }
        if (name.equals("$VALUES")) {
            return model.flags().has(AccessFlag.ENUM) && type.isArray()
                    && type.componentType().equals(model.thisClass().asSymbol());
        }
        return name.startsWith("$SwitchMap$") && model.flags().has(AccessFlag.SYNTHETIC)
                && type.descriptorString().equals("[I");
    }

    private void method(MethodModel method) {
        String name = method.methodName().stringValue();
        String descriptor = method.methodType().stringValue();
        boolean isStatic = method.flags().has(AccessFlag.STATIC);
        if (method.flags().has(AccessFlag.NATIVE)) {
            report(name, "native method", NATIVE_CODE, "native methods are denied");
        }
        if (method.flags().has(AccessFlag.SYNCHRONIZED)) {
            report(name, "synchronized method", MONITORS, "monitors are denied");
        }
        if (!isStatic && name.equals("finalize") && descriptor.equals("()V")) {
            report(name, "finalize()", FINALIZERS, "finalizers are denied");
        }
        if (!isStatic && descriptor.equals(SERIALIZATION_HOOKS.get(name))) {
            report(name, name + "(" + Names.parameters(method.methodTypeSymbol()).replace(",", ", ") + ")",
                    SERIALIZATION, "serialization hooks are denied");
        }
        method.code().ifPresent(code -> code(name, code));
    }

    private void code(String method, CodeModel code) {
        for (CodeElement element : code) {
            switch (element) {
                case InvokeInstruction invoke -> memberRef(method, invoke.method(), false);
                case FieldInstruction field -> {
                    if (field.opcode() == Opcode.PUTSTATIC && !(method.equals("<clinit>")
                            && field.owner().asInternalName().equals(model.thisClass().asInternalName()))) {
                        staticWrite(method, field.field(), "");
                    }
                    memberRef(method, field.field(), true);
                }
                case InvokeDynamicInstruction indy -> callSite(method, indy.invokedynamic().bootstrap());
                // new C is not judged by itself: the constructor call that must follow it is.
                case NewReferenceArrayInstruction array -> classRef(method, "", array.componentType());
                case NewMultiArrayInstruction array -> classRef(method, "", array.arrayType());
                case TypeCheckInstruction check -> classRef(method, "", check.type());
                case ConstantInstruction.LoadConstantInstruction constant -> constant(method, constant.constantEntry());
                case MonitorInstruction monitor -> {
                    if (monitor.opcode() == Opcode.MONITORENTER) {
                        report(method, "synchronized block", MONITORS, "monitors are denied");
                    }
                }
                case ExceptionCatch handler -> handler.catchType().ifPresent(type -> classRef(method, "catch ", type));
                default -> {}
            }
        }
    }

    private void constant(String method, LoadableConstantEntry constant) {
        switch (constant) {
            case ClassEntry type -> classRef(method, "", type);
            case MethodHandleEntry handle -> methodHandle(method, handle);
            case ConstantDynamicEntry dynamic -> dynamicConstant(method, dynamic.bootstrap());
            default -> {}
        }
    }

    /** invokedynamic: only javac's bootstraps; their static arguments are checked like code. */
    private void callSite(String method, BootstrapMethodEntry bootstrap) {
        if (isBootstrap(bootstrap.bootstrapMethod(), CALL_SITE_BOOTSTRAPS)) {
            bootstrap.arguments().forEach(argument -> constant(method, argument));
        } else {
            report(method, "invokedynamic " + describe(bootstrap.bootstrapMethod()), INVOKEDYNAMIC,
                    "only the bootstraps javac emits for lambdas, string concatenation, records and"
                            + " pattern switches are allowed");
        }
    }

    private void dynamicConstant(String method, BootstrapMethodEntry bootstrap) {
        if (isBootstrap(bootstrap.bootstrapMethod(), CONSTANT_BOOTSTRAPS)) {
            bootstrap.arguments().forEach(argument -> constant(method, argument));
        } else {
            report(method, "dynamic constant " + describe(bootstrap.bootstrapMethod()), INVOKEDYNAMIC,
                    "only the bootstrap javac emits for the enum constants of pattern switches is allowed");
        }
    }

    private static boolean isBootstrap(MethodHandleEntry handle, Set<String> allowed) {
        MemberRefEntry target = handle.reference();
        return handle.kind() == MethodHandleInfo.REF_invokeStatic
                && allowed.contains(Names.binaryName(target.owner().asInternalName()) + "." + target.name().stringValue());
    }

    private static String describe(MethodHandleEntry handle) {
        MemberRefEntry target = handle.reference();
        return Names.binaryName(target.owner().asInternalName()) + "." + target.name().stringValue();
    }

    /** A method handle constant reaches its member as a call or a field access would. */
    private void methodHandle(String method, MethodHandleEntry handle) {
        boolean field = handle.kind() <= MethodHandleInfo.REF_putStatic;
        if (handle.kind() == MethodHandleInfo.REF_putStatic) {
            staticWrite(method, handle.reference(), "a method handle for ");
        }
        memberRef(method, handle.reference(), field);
    }

    private void staticWrite(String method, MemberRefEntry field, String how) {
        report(method, how + "assignment to " + Names.binaryName(field.owner().asInternalName()) + "."
                + field.name().stringValue(), STATIC_STATE, "static fields may be set only by their own class's static initializer");
    }

    /** A reference to a field (descriptor ignored) or method, judged where it leads in the JDK. */
    private void memberRef(String method, MemberRefEntry member, boolean field) {
        String owner = member.owner().asInternalName();
        String name = member.name().stringValue();
        String descriptor = field ? null : member.type().stringValue();
        // Arrays have Object's members (clone() included).
        String reached = owner.startsWith("[") ? "java.lang.Object"
                : types.jdkClassReached(Names.binaryName(owner), name, descriptor);
        if (reached == null) {
            return;
        }
        JdkPolicy.Decision decision = policy.member(reached, name, descriptor);
        if (!decision.allowed()) {
            String target = Names.member(reached, name, field ? null : MethodTypeDesc.ofDescriptor(descriptor));
            report(method, target, decision.rule(), decision.reason());
        }
    }

    /** A class named by the code or the class (arrays of it included); only JDK classes are judged. */
    private void classRef(String method, String how, ClassEntry type) {
        String className = Names.elementClass(type.asInternalName());
        if (className == null || types.origin(className) != Origin.JDK) {
            return;
        }
        JdkPolicy.Decision decision = policy.classRef(className);
        if (!decision.allowed()) {
            report(method, how + className, decision.rule(), decision.reason());
        }
    }

    private void report(String member, String target, String rule, String reason) {
        sink.accept(new Violation(className, member, target, rule, reason));
    }
}
