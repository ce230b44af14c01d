package dev.pyconcurrent.os;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaCommandTest {
    /** The child's main: prints its arguments and whether a class from the extra entry loads. */
    public static final class Echo {
        public static void main(String[] args) throws Exception {
            String extra;
            try {
                Class.forName("Marker");
                extra = "marker";
            } catch (ClassNotFoundException e) {
                extra = "no-marker";
            }
            System.out.println(String.join(",", args) + " " + extra + " " + System.getProperty("pc.flag"));
        }
    }

    /** A JVM that grants the runtime native access (JDK 22+) passes the grant on, so both use the same FFM paths. */
    private static final List<String> GRANT = NativeAccess.GRANTED ? List.of("--enable-native-access=ALL-UNNAMED") : List.of();

    @Test
    void theNativeAccessGrantIsPassedOnWhereTheBuildRunsTestsOnJdk22() {
        assertEquals(Boolean.getBoolean("pyconcurrent.test.expectFfm"), NativeAccess.GRANTED);
    }

    @Test
    void startsAJvmLikeThisOneWithFlagsExtraEntriesAndArguments(@TempDir Path dir) throws Exception {
        // an extra class path entry holding one class: the child must load it from there
        Files.write(dir.resolve("Marker.class"), markerClassBytes());
        List<String> argv = JavaCommand.ofThisJvm().flag("-Dpc.flag=on")
                .addClassPath(dir.toString()).mainClass(Echo.class.getName()).args("a", "b c").toList();
        int at = GRANT.size();
        assertEquals(JavaCommand.thisJava().toString(), argv.get(0));
        assertEquals(GRANT, argv.subList(1, 1 + at));
        assertEquals("-Dpc.flag=on", argv.get(1 + at));
        assertTrue(argv.get(3 + at).endsWith(File.pathSeparator + dir), argv.get(3 + at));
        assertEquals("a,b c marker on", run(argv));
    }

    @Test
    void jarCommandsTakeNoExtraEntriesAndClassPathCommandsNeedAMain() {
        List<String> expected = new java.util.ArrayList<>(List.of(JavaCommand.thisJava().toString()));
        expected.addAll(GRANT);
        expected.addAll(List.of("-jar", "k.jar", "x"));
        assertEquals(expected, JavaCommand.ofThisJvm().jar(Path.of("k.jar")).args("x").toList());
        assertThrows(IllegalStateException.class,
                () -> JavaCommand.ofThisJvm().jar(Path.of("k.jar")).addClassPath("d").toList());
        assertThrows(IllegalStateException.class, () -> JavaCommand.ofThisJvm().toList());
    }

    @Test
    void classPathOfNamesWhereClassesCameFrom() {
        String cp = JavaCommand.classPathOf(JavaCommand.class, JavaCommandTest.class, JavaCommand.class);
        String[] parts = cp.split(File.pathSeparator);
        assertEquals(2, parts.length, cp);
        assertTrue(parts[0].endsWith("classes"), cp);
        assertTrue(parts[1].endsWith("test-classes"), cp);
        // JDK classes have no code source: this JVM's class path stands in
        assertEquals(System.getProperty("java.class.path"), JavaCommand.classPathOf(String.class));
    }

    private static String run(List<String> argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child did not exit");
            assertEquals(0, p.exitValue(), out);
            return out;
        } finally {
            p.destroyForcibly();
        }
    }

    /** A minimal class file for an empty public class {@code Marker} (javac's output for {@code public class Marker {}}). */
    private static byte[] markerClassBytes() throws Exception {
        var javac = javax.tools.ToolProvider.getSystemJavaCompiler();
        Path src = Files.createTempDirectory("marker");
        try {
            Path file = src.resolve("Marker.java");
            Files.writeString(file, "public class Marker {}");
            assertEquals(0, javac.run(null, null, null, "-d", src.toString(), file.toString()));
            return Files.readAllBytes(src.resolve("Marker.class"));
        } finally {
            for (Path f : List.of(src.resolve("Marker.java"), src.resolve("Marker.class"), src)) Files.deleteIfExists(f);
        }
    }
}
