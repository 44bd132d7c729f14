package dev.customs.checked;

import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeElement;
import java.lang.classfile.CodeModel;
import java.lang.classfile.CodeTransform;
import java.lang.classfile.MethodModel;
import java.lang.classfile.Opcode;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.ReturnInstruction;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.nio.charset.StandardCharsets;
import java.security.ProtectionDomain;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Rewrites, in application classes as they load (never the JDK's), each call of {@code Linker.downcallHandle},
 * {@code Linker.upcallStub} and {@code Arena.ofConfined/ofShared/ofAuto} into a call of the same name on
 * {@link Checked}, with the receiver as first argument: the operand stack is the same before and after, so nothing
 * else in the method changes. JNA's {@code Native} gets one call at the end of its static initializer, which installs
 * the callback exception handler.
 */
final class CallSiteRewriter implements ClassFileTransformer {
    private static final ClassDesc LINKER = ClassDesc.of("java.lang.foreign.Linker");
    private static final ClassDesc ARENA = ClassDesc.of("java.lang.foreign.Arena");
    private static final ClassDesc CHECKED = ClassDesc.of(Checked.class.getName());
    private static final ClassDesc JNA_HOOK = ClassDesc.of(JnaHook.class.getName());
    private static final byte[] FOREIGN = "java/lang/foreign/".getBytes(StandardCharsets.US_ASCII);
    private static final Set<String> ARENA_FACTORIES = Set.of("ofConfined", "ofShared", "ofAuto");

    private final Instrumentation instrumentation;
    private final Module agentModule = CallSiteRewriter.class.getModule();
    private final AtomicLong classesRewritten = new AtomicLong();
    private final AtomicLong sitesRewritten = new AtomicLong();

    CallSiteRewriter(Instrumentation instrumentation) {
        this.instrumentation = instrumentation;
    }

    long classesRewritten() {
        return classesRewritten.get();
    }

    long sitesRewritten() {
        return sitesRewritten.get();
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> redefined,
                            ProtectionDomain domain, byte[] bytes) {
        try {
            if (className == null || loader == null || loader == ClassLoader.getPlatformClassLoader()
                    || isJdk(className) || className.startsWith("dev/customs/checked/")) {
                return null;
            }
            if (className.equals("com/sun/jna/Native")) {
                return readable(module, hookJna(bytes, loader));
            }
            if (!contains(bytes, FOREIGN)) {
                return null;
            }
            return readable(module, rewrite(bytes, loader));
        } catch (Throwable t) {
            // A class that cannot be rewritten is loaded as it is: its FFM calls are not checked, and we say so.
            System.err.println("customs-checked: could not rewrite " + className + " (" + t
                    + "); its FFM calls run unchecked");
            return null;
        }
    }

    private static boolean isJdk(String name) {
        return name.startsWith("java/") || name.startsWith("javax/") || name.startsWith("jdk/")
                || name.startsWith("sun/") || name.startsWith("com/sun/") && !name.startsWith("com/sun/jna/");
    }

    /** A class in a named module must read the agent's (unnamed) module to call it. */
    private byte[] readable(Module module, byte[] rewritten) {
        if (rewritten != null && module != null && module.isNamed() && !module.canRead(agentModule)) {
            instrumentation.redefineModule(module, Set.of(agentModule), Map.of(), Map.of(), Set.of(), Map.of());
        }
        return rewritten;
    }

    private static ClassFile classFile(ClassLoader loader) {
        return ClassFile.of(ClassFile.ClassHierarchyResolverOption.of(
                ClassHierarchyResolver.ofResourceParsing(loader).orElse(ClassHierarchyResolver.defaultResolver())));
    }

    private byte[] rewrite(byte[] bytes, ClassLoader loader) {
        ClassFile cf = classFile(loader);
        ClassModel model = cf.parse(bytes);
        boolean any = model.methods().stream().anyMatch(CallSiteRewriter::hasSite);
        if (!any) {
            return null;
        }
        CodeTransform swap = (builder, element) -> {
            if (element instanceof InvokeInstruction i && isSite(i)) {
                sitesRewritten.incrementAndGet();
                MethodTypeDesc type = i.opcode() == Opcode.INVOKESTATIC ? i.typeSymbol()
                        : i.typeSymbol().insertParameterTypes(0, i.owner().asSymbol());
                builder.invokestatic(CHECKED, i.name().stringValue(), type, false);
            } else {
                builder.with(element);
            }
        };
        byte[] out = cf.transformClass(model,
                ClassTransform.transformingMethodBodies(CallSiteRewriter::hasSite, swap));
        classesRewritten.incrementAndGet();
        return out;
    }

    private static boolean hasSite(MethodModel method) {
        return method.code().map(CallSiteRewriter::hasSite).orElse(false);
    }

    private static boolean hasSite(CodeModel code) {
        for (CodeElement e : code) {
            if (e instanceof InvokeInstruction i && isSite(i)) {
                return true;
            }
        }
        return false;
    }

    static boolean isSite(InvokeInstruction i) {
        ClassDesc owner = i.owner().asSymbol();
        String name = i.name().stringValue();
        if (owner.equals(LINKER) && i.opcode() == Opcode.INVOKEINTERFACE) {
            return name.equals("downcallHandle") || name.equals("upcallStub");
        }
        return owner.equals(ARENA) && i.opcode() == Opcode.INVOKESTATIC && ARENA_FACTORIES.contains(name)
                && i.typeSymbol().parameterCount() == 0;
    }

    /** Calls {@link JnaHook#install(Class)} with {@code Native.class} before each return of its static initializer. */
    private static byte[] hookJna(byte[] bytes, ClassLoader loader) {
        ClassFile cf = classFile(loader);
        ClassModel model = cf.parse(bytes);
        ClassDesc nativeClass = model.thisClass().asSymbol();
        CodeTransform hook = (builder, element) -> {
            if (element instanceof ReturnInstruction) {
                builder.ldc(nativeClass);
                builder.invokestatic(JNA_HOOK, "install",
                        MethodTypeDesc.of(ClassDesc.ofDescriptor("V"), ClassDesc.of("java.lang.Class")), false);
            }
            builder.with(element);
        };
        return cf.transformClass(model, ClassTransform.transformingMethodBodies(
                m -> m.methodName().equalsString("<clinit>"), hook));
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0, last = haystack.length - needle.length; i <= last; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
