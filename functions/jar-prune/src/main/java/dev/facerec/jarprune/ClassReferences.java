package dev.facerec.jarprune;

import java.util.HashSet;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.commons.ClassRemapper;
import org.objectweb.asm.commons.Remapper;

/**
 * The classes one class file needs: every class named by its superclass, interfaces, fields, methods, code, stack
 * maps, signatures, annotations and its own enclosing class. Links from a class down to the classes it merely lists
 * (the InnerClasses entries of other classes, NestMembers, PermittedSubclasses) are not needs: a class that only
 * such a list names is never loaded through it.
 */
final class ClassReferences {

    private ClassReferences() {}

    /** The internal names (a/b/C) of the classes that the class file {@code bytes} refers to, itself excluded. */
    static Set<String> of(byte[] bytes) {
        ClassReader reader = new ClassReader(bytes);
        String self = reader.getClassName();
        Set<String> names = new HashSet<>();
        Remapper recorder = new Remapper() {
            @Override
            public String map(String internalName) {
                names.add(internalName);
                return internalName;
            }
        };
        // The remapper visits a method's code only when the visitor behind it asks for it: a writer does.
        ClassVisitor remapper = new ClassRemapper(new ClassWriter(0), recorder);
        reader.accept(new DownwardListsSkipped(self, names, remapper), 0);
        names.remove(self);
        names.removeIf(name -> name.startsWith("["));
        return names;
    }

    /** Passes everything on to the recorder except the lists that name classes below this one. */
    private static final class DownwardListsSkipped extends ClassVisitor {
        private final String self;
        private final Set<String> names;

        DownwardListsSkipped(String self, Set<String> names, ClassVisitor next) {
            super(Opcodes.ASM9, next);
            this.self = self;
            this.names = names;
        }

        @Override
        public void visitInnerClass(String name, String outerName, String innerName, int access) {
            // Only this class's own entry is a need: it names the class that encloses it.
            if (name.equals(self) && outerName != null) {
                names.add(outerName);
            }
        }

        @Override
        public void visitNestMember(String nestMember) {}

        @Override
        public void visitPermittedSubclass(String permittedSubclass) {}
    }
}
