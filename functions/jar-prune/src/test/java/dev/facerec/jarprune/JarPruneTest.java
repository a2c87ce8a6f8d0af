package dev.facerec.jarprune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

class JarPruneTest {

    private static final JarPrune PRUNE = new JarPrune(List.of(Pattern.compile("sdk/[^/]+/model/.*")));

    @TempDir
    Path dir;

    @Test
    void prune_shouldKeepWhatTheCodeReachesAndDropTheModelClassesThatOnlyHoldEachOtherUp() throws Exception {
        // GIVEN an app class that builds one request; another request and its builder refer only to each other
        // (as an SDK request and its builder do), and the app's InnerClasses list names that builder
        Path jar = jar(Map.of(
                "app/Handler.class", Classes.handler(),
                "app/Unreferenced.class", Classes.empty("app/Unreferenced"),
                "sdk/s3/model/UsedRequest.class", Classes.holding("sdk/s3/model/UsedRequest", "sdk/s3/model/Part"),
                "sdk/s3/model/Part.class", Classes.empty("sdk/s3/model/Part"),
                "sdk/s3/model/UnusedRequest.class",
                        Classes.holding("sdk/s3/model/UnusedRequest", "sdk/s3/model/UnusedRequest$Builder"),
                "sdk/s3/model/UnusedRequest$Builder.class",
                        Classes.holding("sdk/s3/model/UnusedRequest$Builder", "sdk/s3/model/UnusedRequest"),
                "sdk/s3/model/Loaded.class", Classes.empty("sdk/s3/model/Loaded"),
                "META-INF/services/sdk.Provider", "# providers\nsdk.s3.model.Loaded\n".getBytes(StandardCharsets.UTF_8),
                "sdk/s3/model/rules.json", "{}".getBytes(StandardCharsets.UTF_8)));
        Path out = dir.resolve("out");

        // WHEN
        JarPrune.Result result = PRUNE.prune(jar, out);

        // THEN the two that hold each other up go, everything else stays: the app's classes (reached or not), the
        // model classes they reach, a service provider, and the files that are not classes
        assertThat(result.removed())
                .containsExactlyInAnyOrder("sdk/s3/model/UnusedRequest", "sdk/s3/model/UnusedRequest$Builder");
        assertThat(result.classes()).isEqualTo(7);
        assertThat(result.prunable()).isEqualTo(5);
        assertThat(Jars.files(out))
                .containsExactlyInAnyOrder(
                        "app/Handler.class",
                        "app/Unreferenced.class",
                        "sdk/s3/model/UsedRequest.class",
                        "sdk/s3/model/Part.class",
                        "sdk/s3/model/Loaded.class",
                        "META-INF/services/sdk.Provider",
                        "sdk/s3/model/rules.json");
    }

    @Test
    void prune_shouldLeaveClassesThatLoadAndRunWithoutListsOfRemovedClassesOrLocalVariableTables() throws Exception {
        // GIVEN
        Path jar = jar(Map.of(
                "app/Handler.class", Classes.handler(),
                "sdk/s3/model/UsedRequest.class", Classes.holding("sdk/s3/model/UsedRequest", "sdk/s3/model/Part"),
                "sdk/s3/model/Part.class", Classes.empty("sdk/s3/model/Part"),
                "sdk/s3/model/UnusedRequest$Builder.class", Classes.empty("sdk/s3/model/UnusedRequest$Builder")));
        Path out = dir.resolve("out");

        // WHEN
        PRUNE.prune(jar, out);

        // THEN the handler lists no removed class and has no local variable table, and it still verifies and runs
        byte[] handler = Files.readAllBytes(out.resolve("app/Handler.class"));
        List<String> innerClasses = new ArrayList<>();
        List<String> locals = new ArrayList<>();
        new ClassReader(handler).accept(new Recorder(innerClasses, locals), 0);
        assertThat(innerClasses).isEmpty();
        assertThat(locals).isEmpty();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {out.toUri().toURL()}, null)) {
            Object made = loader.loadClass("app.Handler").getMethod("make").invoke(null);
            assertThat(made.getClass().getName()).isEqualTo("sdk.s3.model.UsedRequest");
        }
        // (the input's handler had both, so the test sees a change)
        List<String> inputInner = new ArrayList<>();
        List<String> inputLocals = new ArrayList<>();
        new ClassReader(Classes.handler()).accept(new Recorder(inputInner, inputLocals), 0);
        assertThat(inputInner).containsExactly("sdk/s3/model/UnusedRequest$Builder");
        assertThat(inputLocals).containsExactly("request");
    }

    @Test
    void prune_shouldKeepWhatAMultiReleaseClassNeeds() throws Exception {
        // GIVEN a model class that only the Java 11 variant of a class refers to
        Path jar = jar(Map.of(
                "META-INF/versions/11/app/Variant.class",
                Classes.holding("app/Variant", "sdk/s3/model/ForJava11"),
                "sdk/s3/model/ForJava11.class",
                Classes.empty("sdk/s3/model/ForJava11"),
                "sdk/s3/model/Unused.class",
                Classes.empty("sdk/s3/model/Unused")));

        // WHEN
        JarPrune.Result result = PRUNE.prune(jar, dir.resolve("out"));

        // THEN it stays, with the variant as it was
        assertThat(result.removed()).containsExactly("sdk/s3/model/Unused");
        assertThat(Jars.files(dir.resolve("out")))
                .containsExactlyInAnyOrder("META-INF/versions/11/app/Variant.class", "sdk/s3/model/ForJava11.class");
    }

    @Test
    void prune_shouldEmptyTheOutputDirectoryFirst() throws Exception {
        Path out = Files.createDirectories(dir.resolve("out/stale"));
        Files.writeString(out.resolve("Old.class"), "from an earlier build");

        PRUNE.prune(jar(Map.of("app/Unreferenced.class", Classes.empty("app/Unreferenced"))), dir.resolve("out"));

        assertThat(Jars.files(dir.resolve("out"))).containsExactly("app/Unreferenced.class");
    }

    @Test
    void prune_shouldRefuseAnEntryThatWouldLandOutsideTheOutputDirectory() throws Exception {
        Path jar = jar(Map.of("../escaped.txt", new byte[] {1}));

        assertThatThrownBy(() -> PRUNE.prune(jar, dir.resolve("out")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("../escaped.txt");
        assertThat(dir.resolve("escaped.txt")).doesNotExist();
    }

    private Path jar(Map<String, byte[]> entries) throws IOException {
        return Jars.write(dir.resolve("in.jar"), entries);
    }

    /** Records the InnerClasses entries and local variable names of a class. */
    private static final class Recorder extends ClassVisitor {
        private final List<String> innerClasses;
        private final List<String> locals;

        Recorder(List<String> innerClasses, List<String> locals) {
            super(Opcodes.ASM9);
            this.innerClasses = innerClasses;
            this.locals = locals;
        }

        @Override
        public void visitInnerClass(String name, String outerName, String innerName, int access) {
            innerClasses.add(name);
        }

        @Override
        public MethodVisitor visitMethod(
                int access, String name, String descriptor, String signature, String[] exceptions) {
            return new MethodVisitor(Opcodes.ASM9) {
                @Override
                public void visitLocalVariable(
                        String name, String descriptor, String signature, Label start, Label end, int index) {
                    locals.add(name);
                }
            };
        }
    }
}
