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
 * Inserts {@code StopPoints.reach()} into a snippet class: at the start of every method and
 * before every backward jump (a loop's way back). The call takes and leaves nothing on the
 * operand stack, so stack sizes and stack map frames stay as javac wrote them; ASM only moves
 * offsets. A class that cannot be woven (a class-file version this ASM does not know, a method
 * pushed past 64 KB, ASM missing from the class path) is loaded as it is: it runs, it just cannot
 * be stopped inside its loops.
 */
final class StopPointWeaver {
    private StopPointWeaver() {}

    private static final String OWNER = Type.getInternalName(StopPoints.class);

    static byte[] weave(byte[] classFile) {
        try {
            ClassReader reader = new ClassReader(classFile);
            ClassWriter writer = new ClassWriter(reader, 0);
            reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
                @Override
                public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                    MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
                    return (access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0 ? mv : new Points(mv);
                }
            }, 0);
            return writer.toByteArray();
        } catch (RuntimeException | LinkageError e) {
            return classFile;
        }
    }

    private static final class Points extends MethodVisitor {
        private final Set<Label> seen = new HashSet<>();

        Points(MethodVisitor mv) { super(Opcodes.ASM9, mv); }

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

        private void reach() {
            super.visitMethodInsn(Opcodes.INVOKESTATIC, OWNER, "reach", "()V", false);
        }
    }
}
