package dev.facerec.jarprune;

import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/** Small class files for the tests, written with ASM: straight-line code, so they need no stack maps. */
final class Classes {

    static final String REQUEST_HANDLER = "com/amazonaws/services/lambda/runtime/RequestHandler";

    private Classes() {}

    /** A public class with a public no-argument constructor and nothing else. */
    static byte[] empty(String name) {
        ClassWriter writer = start(name);
        writer.visitEnd();
        return writer.toByteArray();
    }

    /** A class with a field of type {@code held} and a constructor. */
    static byte[] holding(String name, String held) {
        ClassWriter writer = start(name);
        writer.visitField(Opcodes.ACC_PUBLIC, "held", "L" + held + ";", null, null)
                .visitEnd();
        writer.visitEnd();
        return writer.toByteArray();
    }

    /**
     * {@code app/Handler}: {@code public static Object make()} returns a new {@code sdk/s3/model/UsedRequest} held in
     * a local variable named {@code request} (a local variable table entry), and its InnerClasses attribute lists
     * {@code sdk/s3/model/UnusedRequest$Builder}, which nothing else in it refers to.
     */
    static byte[] handler() {
        ClassWriter writer = start("app/Handler");
        writer.visitInnerClass(
                "sdk/s3/model/UnusedRequest$Builder",
                "sdk/s3/model/UnusedRequest",
                "Builder",
                Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC);
        MethodVisitor make =
                writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "make", "()Ljava/lang/Object;", null, null);
        make.visitCode();
        Label start = new Label();
        Label end = new Label();
        make.visitTypeInsn(Opcodes.NEW, "sdk/s3/model/UsedRequest");
        make.visitInsn(Opcodes.DUP);
        make.visitMethodInsn(Opcodes.INVOKESPECIAL, "sdk/s3/model/UsedRequest", "<init>", "()V", false);
        make.visitVarInsn(Opcodes.ASTORE, 0);
        make.visitLabel(start);
        make.visitVarInsn(Opcodes.ALOAD, 0);
        make.visitLabel(end);
        make.visitInsn(Opcodes.ARETURN);
        make.visitLocalVariable("request", "Ljava/lang/Object;", null, start, end, 0);
        make.visitMaxs(2, 1);
        make.visitEnd();
        writer.visitEnd();
        return writer.toByteArray();
    }

    /** {@code com/amazonaws/services/lambda/runtime/RequestHandler}: an interface with one method. */
    static byte[] requestHandlerInterface() {
        ClassWriter writer = new ClassWriter(0);
        writer.visit(
                Opcodes.V17,
                Opcodes.ACC_PUBLIC | Opcodes.ACC_INTERFACE | Opcodes.ACC_ABSTRACT,
                REQUEST_HANDLER,
                null,
                "java/lang/Object",
                null);
        writer.visitMethod(
                        Opcodes.ACC_PUBLIC | Opcodes.ACC_ABSTRACT,
                        "handleRequest",
                        "(Ljava/lang/Object;)Ljava/lang/Object;",
                        null,
                        null)
                .visitEnd();
        writer.visitEnd();
        return writer.toByteArray();
    }

    /** {@code app/FunctionHandler}: implements the RequestHandler above, returning a new {@code made}. */
    static byte[] functionHandler(String made) {
        ClassWriter writer = new ClassWriter(0);
        writer.visit(
                Opcodes.V17,
                Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER,
                "app/FunctionHandler",
                null,
                "java/lang/Object",
                new String[] {REQUEST_HANDLER});
        constructor(writer);
        MethodVisitor handle = writer.visitMethod(
                Opcodes.ACC_PUBLIC, "handleRequest", "(Ljava/lang/Object;)Ljava/lang/Object;", null, null);
        handle.visitCode();
        handle.visitTypeInsn(Opcodes.NEW, made);
        handle.visitInsn(Opcodes.DUP);
        handle.visitMethodInsn(Opcodes.INVOKESPECIAL, made, "<init>", "()V", false);
        handle.visitInsn(Opcodes.ARETURN);
        handle.visitMaxs(2, 2);
        handle.visitEnd();
        writer.visitEnd();
        return writer.toByteArray();
    }

    private static ClassWriter start(String name) {
        ClassWriter writer = new ClassWriter(0);
        writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, name, null, "java/lang/Object", null);
        constructor(writer);
        return writer;
    }

    private static void constructor(ClassWriter writer) {
        MethodVisitor init = writer.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(Opcodes.ALOAD, 0);
        init.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        init.visitInsn(Opcodes.RETURN);
        init.visitMaxs(1, 1);
        init.visitEnd();
    }
}
