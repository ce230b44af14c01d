package dev.pyconcurrent.kernel;

import com.google.gson.JsonObject;
import dev.pyconcurrent.kernel.client.KernelClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * inspect_request on JDK members when the JDK has no {@code src.zip} (Debian without
 * {@code openjdk-17-source}): still {@code found: true} with every signature, only without javadoc.
 * JShell looks for {@code $java.home/lib/src.zip} (then {@code $java.home/../src.zip}); the kernel
 * here runs on this JDK seen through a directory of links to everything of it but {@code src.zip},
 * named by {@code -Djava.home}.
 */
@Timeout(120)
class InspectWithoutJdkSourcesTest {
    private static final Duration T = Duration.ofSeconds(30);

    @Test
    void jdkMembersAreFoundWithTheirSignaturesOnly() throws IOException {
        Path tmp = Files.createTempDirectory("no-src-zip-");
        Path jdk = jdkWithoutSources(Path.of(System.getProperty("java.home")), tmp.resolve("jdk"));
        try (KernelClient k = KernelClient.start(KernelClient.options().jvmArg("-Djava.home=" + jdk))) {
            assertEquals("'" + jdk + "'", k.execute("System.getProperty(\"java.home\")", T).result());

            List<String> max = inspect(k, "Math.max(", 9);
            assertEquals(List.of("int Math.max(int a, int b)", "long Math.max(long a, long b)",
                    "float Math.max(float a, float b)", "double Math.max(double a, double b)"), max);

            List<String> valueOf = inspect(k, "String.valueOf", "String.valueOf".length());
            assertTrue(valueOf.contains("String String.valueOf(Object obj)"), valueOf.toString());
            assertTrue(valueOf.contains("String String.valueOf(char[] data, int offset, int count)"), valueOf.toString());
            assertEquals(9, valueOf.size(), valueOf.toString());

            String lock = "java.util.concurrent.locks.ReentrantLock";
            List<String> rl = inspect(k, lock, lock.length());
            assertEquals(List.of(lock, lock + "()", lock + "(boolean fair)"), rl);
        } finally {
            deleteLinks(tmp);
        }
    }

    /** The lines of the inspect reply's text/plain: with no javadoc, only signatures separated by blank lines. */
    private static List<String> inspect(KernelClient k, String code, int cursor) {
        JsonObject i = new JsonObject();
        i.addProperty("code", code);
        i.addProperty("cursor_pos", cursor);
        i.addProperty("detail_level", 0);
        JsonObject r = k.request("inspect_request", i, T);
        assertEquals("ok", r.get("status").getAsString(), r.toString());
        assertTrue(r.get("found").getAsBoolean(), r.toString());
        String text = r.getAsJsonObject("data").get("text/plain").getAsString();
        assertFalse(text.contains("Returns") || text.contains("Creates"), "no javadoc without src.zip: " + text);
        return text.lines().filter(l -> !l.isBlank()).toList();
    }

    /** {@code home} as links to each of its entries, and of {@code lib}'s, except {@code lib/src.zip}. */
    private static Path jdkWithoutSources(Path home, Path copy) throws IOException {
        Files.createDirectories(copy.resolve("lib"));
        try (Stream<Path> top = Files.list(home); Stream<Path> lib = Files.list(home.resolve("lib"))) {
            for (Path p : top.toList()) {
                if (!p.getFileName().toString().equals("lib")) Files.createSymbolicLink(copy.resolve(p.getFileName().toString()), p.toRealPath());
            }
            for (Path p : lib.toList()) {
                if (!p.getFileName().toString().equals("src.zip")) Files.createSymbolicLink(copy.resolve("lib").resolve(p.getFileName().toString()), p.toRealPath());
            }
        }
        assertFalse(Files.exists(copy.resolve("lib/src.zip")) || Files.exists(copy.resolveSibling("src.zip")));
        return copy;
    }

    /** Deletes the links and their directories, never what they point to. */
    private static void deleteLinks(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {   // does not follow links
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
