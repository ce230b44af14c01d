package dev.pyconcurrent.kernel;

import com.google.gson.JsonObject;
import dev.pyconcurrent.builtins.Py;
import dev.pyconcurrent.kernel.wire.Channel;
import dev.pyconcurrent.kernel.wire.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The kernel's small pieces, without a kernel process. */
class PartsTest {

    @Test
    void signatureIsHmacSha256OfTheFourParts() throws Exception {
        Channel c = new Channel("hmac-sha256", "key");
        // python3 -c "import hmac,hashlib; print(hmac.new(b'key', b'abcd', hashlib.sha256).hexdigest())"
        assertEquals("2a31ec0ee8d878c9eece9fb0df79b3b90b2256240163aa5ee50d176d3d1121f8",
                c.sign("a".getBytes(), "b".getBytes(), "c".getBytes(), "d".getBytes()));
        assertEquals(new Channel("hmac-sha256", "key").sign("abcd".getBytes()),
                c.sign("ab".getBytes(), "cd".getBytes()));
        assertEquals("", new Channel("hmac-sha256", "").sign("x".getBytes()), "empty key: no signing");
    }

    @Test
    void decodeRejectsBadSignaturesAndMalformedMessages() throws Exception {
        Channel c = new Channel("hmac-sha256", "k");
        Message m = Message.create("kernel_info_request", "s", "u", new JsonObject());
        List<byte[]> frames = frames(c, m);
        assertEquals("kernel_info_request", c.decode(frames).msgType());
        frames.set(2, "0000".getBytes());
        assertThrows(Channel.BadMessage.class, () -> c.decode(frames));
        assertThrows(Channel.BadMessage.class, () -> c.decode(List.of("x".getBytes())));
        byte[][] parts = {"[1]".getBytes(), "{}".getBytes(), "{}".getBytes(), "{}".getBytes()};
        List<byte[]> notObject = new ArrayList<>(List.of("<IDS|MSG>".getBytes(), c.sign(parts).getBytes()));
        notObject.addAll(List.of(parts));
        assertThrows(Channel.BadMessage.class, () -> c.decode(notObject));
    }

    @Test
    void headersCarryUniqueIdsAndTheUtcTimeToTheMicrosecond() {
        java.time.Instant before = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        java.util.Set<String> ids = new java.util.HashSet<>();
        String last = null;
        for (int i = 0; i < 2000; i++) {
            JsonObject h = Message.create("kernel_info_request", "s", "u", new JsonObject()).header;
            assertTrue(ids.add(Message.str(h, "msg_id", "")), "msg_id repeated");
            last = Message.str(h, "date", "");
            // jupyter_client's form: ISO 8601, six fraction digits, Z
            assertTrue(last.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z"), last);
        }
        java.time.Instant date = java.time.Instant.parse(last);
        assertFalse(date.isBefore(before), date + " before " + before);
        assertFalse(date.isAfter(java.time.Instant.now()), date + " in the future");
    }

    private static List<byte[]> frames(Channel c, Message m) {
        byte[][] parts = {Message.json(m.header), Message.json(m.parentHeader), Message.json(m.metadata), Message.json(m.content)};
        List<byte[]> f = new ArrayList<>();
        f.add("id".getBytes());
        f.add("<IDS|MSG>".getBytes());
        f.add(c.sign(parts).getBytes(StandardCharsets.US_ASCII));
        f.addAll(List.of(parts));
        return f;
    }

    @Test
    void incompleteUtf8TailIsKeptForTheNextFlush() {
        byte[] euro = "a€".getBytes(StandardCharsets.UTF_8);   // 61 e2 82 ac
        assertEquals(4, Sink.completeUtf8(euro));
        assertEquals(1, Sink.completeUtf8(java.util.Arrays.copyOf(euro, 3)));
        assertEquals(1, Sink.completeUtf8(java.util.Arrays.copyOf(euro, 2)));
        byte[] emoji = "😀".getBytes(StandardCharsets.UTF_8);
        assertEquals(4, Sink.completeUtf8(emoji));
        assertEquals(0, Sink.completeUtf8(java.util.Arrays.copyOf(emoji, 3)));
    }

    @Test
    void cursorPositionsAreCodePoints() {
        String s = "a😀b";
        assertEquals(3, Text.charIndex(s, 2));
        assertEquals(2, Text.codePointIndex(s, 3));
        assertEquals(2, Text.openBraces("if (x) { while (y) {"));
        assertEquals(0, Text.openBraces("String s = \"{(\"; // {"));
    }

    @Test
    void startupImportsAreTheRuntimesPublicClasses() {
        List<String> imports = StartupImports.statements(getClass().getClassLoader(), Py.class);
        assertTrue(imports.contains("import dev.pyconcurrent.builtins.*;"), imports.toString());
        assertTrue(imports.contains("import dev.pyconcurrent.time.*;"));
        // a name java.lang also has is imported by name, so the runtime's class wins
        assertTrue(imports.contains("import dev.pyconcurrent.builtins.AssertionError;"), imports.toString());
        assertFalse(imports.contains("import dev.pyconcurrent.builtins.ValueError;"), "no clash, no single import");
        // a name two runtime packages define means what the bare name means in Python
        assertTrue(imports.contains("import dev.pyconcurrent.threading.Event;"), imports.toString());
        assertFalse(imports.contains("import dev.pyconcurrent.sched.Event;"));
        assertTrue(imports.contains("import dev.pyconcurrent.kernel.Display;"));
        assertTrue(imports.contains("import java.util.*;"));
        assertFalse(imports.stream().anyMatch(i -> i.contains(".multiprocessing.") || i.contains(".testing.")), imports.toString());
        assertFalse(imports.stream().anyMatch(i -> i.contains("$")));
    }

    @Test
    void installWritesTheKernelspec(@TempDir Path dir) throws Exception {
        Path spec = Main.install(List.of("--prefix", dir.toString()));
        assertEquals(dir.resolve("share/jupyter/kernels/pyconcurrent"), spec);
        JsonObject k = com.google.gson.JsonParser.parseString(Files.readString(spec.resolve("kernel.json"))).getAsJsonObject();
        assertEquals("Java (pyconcurrent)", k.get("display_name").getAsString());
        assertEquals("java", k.get("language").getAsString());
        assertEquals("message", k.get("interrupt_mode").getAsString());
        assertEquals("{connection_file}", k.getAsJsonArray("argv").get(k.getAsJsonArray("argv").size() - 1).getAsString());
        List<String> argv = new ArrayList<>();
        k.getAsJsonArray("argv").forEach(a -> argv.add(a.getAsString()));
        // the runtime's FFM paths (JDK 22+) need it in the kernel and, passed on, in its children
        assertTrue(argv.indexOf("--enable-native-access=ALL-UNNAMED") < argv.indexOf("{connection_file}")
                && argv.contains("--enable-native-access=ALL-UNNAMED"), argv.toString());
    }

    @Test
    void installCopiesTheJarIntoTheKernelspecAndRunsItFromThere(@TempDir Path dir) throws Exception {
        Path build = Files.writeString(dir.resolve("target-pyconcurrent-kernel.jar"), "a jar");
        Path spec = Main.install(List.of("--prefix", dir.toString(), "--name", "copied", "--jvm-arg", "-Xmx1g"), build);
        Path copy = spec.resolve("pyconcurrent-kernel.jar");
        assertEquals("a jar", Files.readString(copy));
        Files.delete(build);    // as mvn clean would
        List<String> argv = new ArrayList<>();
        com.google.gson.JsonParser.parseString(Files.readString(spec.resolve("kernel.json"))).getAsJsonObject()
                .getAsJsonArray("argv").forEach(a -> argv.add(a.getAsString()));
        assertEquals(copy.toString(), argv.get(argv.indexOf("-jar") + 1), argv.toString());
        assertTrue(argv.contains("-Xmx1g"), argv.toString());
    }

    @Test
    void installRefusesBadOptionsWithAMessage(@TempDir Path dir) {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> Main.install(List.of("--prefix")));
        assertEquals("--prefix needs a value", missing.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> Main.install(List.of("--prefix", dir.toString(), "--frobnicate")));
        assertEquals("unknown option --frobnicate", unknown.getMessage());
    }
}
