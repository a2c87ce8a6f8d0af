package dev.facerec.infra;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The classes a class file names and the methods it calls, read from its constant pool (JVM specification §4.4). */
final class ClassReferences {

    /** A method reference: the internal name of its class ({@code a/b/C}) and the method's name. */
    record MethodRef(String owner, String name) {}

    private ClassReferences() {}

    /** The internal names ({@code a/b/C}) of the classes the class file names (not array types). */
    static List<String> classRefs(byte[] classFile) throws IOException {
        return read(classFile).classNames().stream()
                .filter(name -> !name.startsWith("["))
                .toList();
    }

    static List<MethodRef> methodRefs(byte[] classFile) throws IOException {
        return read(classFile).methods();
    }

    private record ConstantPool(List<String> classNames, List<MethodRef> methods) {}

    private static ConstantPool read(byte[] classFile) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort(); // minor version
        in.readUnsignedShort(); // major version
        int count = in.readUnsignedShort();
        Map<Integer, String> utf8 = new HashMap<>();
        Map<Integer, Integer> classNames = new HashMap<>();
        Map<Integer, Integer> nameOfNameAndType = new HashMap<>();
        List<int[]> methods = new ArrayList<>();
        for (int index = 1; index < count; index++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8.put(index, in.readUTF());
                case 3, 4 -> in.readInt();
                case 5, 6 -> {
                    in.readLong();
                    index++;
                }
                case 7 -> classNames.put(index, in.readUnsignedShort());
                case 8, 16, 19, 20 -> in.readUnsignedShort();
                case 10, 11 -> methods.add(new int[] {in.readUnsignedShort(), in.readUnsignedShort()});
                case 12 -> {
                    nameOfNameAndType.put(index, in.readUnsignedShort());
                    in.readUnsignedShort();
                }
                case 9, 17, 18 -> in.readInt();
                case 15 -> {
                    in.readUnsignedByte();
                    in.readUnsignedShort();
                }
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        return new ConstantPool(
                classNames.values().stream().map(utf8::get).toList(),
                methods.stream()
                        .map(m -> new MethodRef(utf8.get(classNames.get(m[0])), utf8.get(nameOfNameAndType.get(m[1]))))
                        .toList());
    }
}
