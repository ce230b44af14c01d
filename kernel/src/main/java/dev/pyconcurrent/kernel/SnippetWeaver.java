package dev.pyconcurrent.kernel;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

import java.util.HashSet;
import java.util.Set;

/**
 * What the kernel changes in a snippet class before loading it, so that a cell's code can be
 * stopped and cannot end the kernel, on any JDK:
 * <ul>
 *   <li>a call to {@link StopPoints#reach()} at the start of every method and before every
 *       backward jump (a loop's way back);</li>
 *   <li>{@code System.exit(n)}, {@code Runtime.exit(n)} and {@code Runtime.halt(n)} call
 *       {@link ExitGuard}'s replacements instead, which raise {@code SystemExit(n)} in a cell.</li>
 * </ul>
 * The inserted call takes and leaves nothing on the operand stack, and a replaced call consumes
 * the same operands, so stack sizes and stack map frames stay as javac wrote them; ASM only moves
 * offsets. A class that cannot be woven (a class-file version this ASM does not know, a method
 * pushed past 64 KB, ASM missing from the class path) is loaded as it is: it runs, it just cannot
 * be stopped inside its loops.
 */
final class SnippetWeaver {
    private SnippetWeaver() {}

    private static final String STOP_POINTS = Type.getInternalName(StopPoints.class);
    private static final String EXIT_GUARD = Type.getInternalName(ExitGuard.class);

    static byte[] weave(byte[] classFile) {
        try {
            ClassReader reader = new ClassReader(classFile);
            ClassWriter writer = new ClassWriter(reader, 0);
            reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
                @Override
                public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                    MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
                    return (access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0 ? mv : new Woven(mv);
                }
            }, 0);
            return writer.toByteArray();
        } catch (RuntimeException | LinkageError e) {
            return classFile;
        }
    }

    private static final class Woven extends MethodVisitor {
        private final Set<Label> seen = new HashSet<>();

        Woven(MethodVisitor mv) { super(Opcodes.ASM9, mv); }

        @Override
        public void visitCode() {
            super.visitCode();
            reach();
        }

        @Override
        public void visitLabel(Label label) {
            seen.add(label);
            super.visitLabel(label);
        }

        @Override
        public void visitJumpInsn(int opcode, Label label) {
            if (seen.contains(label)) reach();   // a label already passed: the jump goes back
            super.visitJumpInsn(opcode, label);
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
            if (opcode == Opcodes.INVOKESTATIC && owner.equals("java/lang/System") && name.equals("exit") && descriptor.equals("(I)V")) {
                super.visitMethodInsn(Opcodes.INVOKESTATIC, EXIT_GUARD, "exit", "(I)V", false);
            } else if (opcode == Opcodes.INVOKEVIRTUAL && owner.equals("java/lang/Runtime") && (name.equals("exit") || name.equals("halt"))
                    && descriptor.equals("(I)V")) {
                super.visitMethodInsn(Opcodes.INVOKESTATIC, EXIT_GUARD, name, "(Ljava/lang/Runtime;I)V", false);
            } else {
                super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
            }
        }

        private void reach() {
            super.visitMethodInsn(Opcodes.INVOKESTATIC, STOP_POINTS, "reach", "()V", false);
        }
    }
}
