package dev.pyconcurrent.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pyconcurrent.builtins.Traceback;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.function.Executable;

/**
 * CPython 3.13's recorded behaviour, the expected side of the runtime's unit tests.
 *
 * <p>Each {@code src/test/python/reference/<topic>.py} defines cases; {@code record.py} runs them
 * under {@code python3.13} and stores stdout and the raised exception per case in
 * {@code src/test/resources/cpython/<topic>.json}. A test runs the same thing in Java and
 * compares through {@link #assertPrints} / {@link #assertRaises}. Memory addresses are
 * normalized to {@code 0x…} on both sides.
 */
public final class CPython {
    private CPython() {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, JsonNode> TOPICS = new ConcurrentHashMap<>();

    /** A recorded case: what CPython printed and, if it raised, the exception's name and str. */
    public record Case(String stdout, String exceptionType, String exceptionMessage) {}

    public static Case of(String topic, String name) {
        JsonNode cases = TOPICS.computeIfAbsent(topic, CPython::load).get("cases");
        JsonNode c = cases.get(name);
        if (c == null) throw new IllegalArgumentException("no case " + name + " in reference/" + topic + ".py (re-run record.py?)");
        JsonNode exc = c.get("exception");
        boolean raised = exc != null && !exc.isNull();
        return new Case(c.get("stdout").asText(), raised ? exc.get("type").asText() : null,
                raised ? exc.get("message").asText() : null);
    }

    private static JsonNode load(String topic) {
        try (InputStream in = CPython.class.getResourceAsStream("/cpython/" + topic + ".json")) {
            if (in == null) throw new IllegalArgumentException("no recording for topic " + topic);
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces what differs between runs (addresses) as record.py does. */
    public static String normalize(String text) {
        return text.replaceAll("0x[0-9a-fA-F]+", "0x…");
    }

    /** Runs {@code body} and returns what it wrote to {@code System.out}. */
    public static String stdout(Executable body) {
        PrintStream saved = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            body.execute();
        } catch (Throwable t) {
            System.setOut(saved);
            fail("unexpected " + t, t);
        } finally {
            System.setOut(saved);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    /** Asserts that {@code body} prints what CPython printed for {@code topic/name}. */
    public static void assertPrints(String topic, String name, Executable body) {
        Case expected = of(topic, name);
        if (expected.exceptionType() != null) fail(topic + "/" + name + " raised in CPython: use assertRaises");
        assertEquals(expected.stdout(), normalize(stdout(body)), topic + "/" + name);
    }

    /** Asserts that {@code body} raises the exception CPython raised for {@code topic/name}: same name, same str. */
    public static <T extends Throwable> T assertRaises(Class<T> type, String topic, String name, Executable body) {
        Case expected = of(topic, name);
        if (expected.exceptionType() == null) fail(topic + "/" + name + " did not raise in CPython");
        T t = assertThrows(type, body);
        assertEquals(expected.exceptionType() + ": " + expected.exceptionMessage(),
                Traceback.name(t) + ": " + normalize(Traceback.message(t)), topic + "/" + name);
        return t;
    }

    /** {@link #assertRaises} that also compares what the case printed before it raised. */
    public static <T extends Throwable> T assertRaisesAfterPrinting(Class<T> type, String topic, String name, Executable body) {
        PrintStream saved = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        T t;
        try {
            t = assertRaises(type, topic, name, body);
        } finally {
            System.setOut(saved);
        }
        assertEquals(of(topic, name).stdout(), normalize(buf.toString(StandardCharsets.UTF_8)), topic + "/" + name + " stdout");
        return t;
    }

    /** The python3.13 to run: {@code -Dpyconcurrent.python}, else the one on PATH, else pyenv's. */
    public static String executable() {
        List<String> candidates = new ArrayList<>();
        candidates.add(System.getProperty("pyconcurrent.python", "python3.13"));
        Path pyenv = Path.of(System.getProperty("user.home"), ".pyenv", "versions");
        if (Files.isDirectory(pyenv)) {
            try (Stream<Path> versions = Files.list(pyenv)) {
                versions.filter(v -> v.getFileName().toString().startsWith("3.13"))
                        .map(v -> v.resolve("bin/python3.13").toString()).sorted().forEach(candidates::add);
            } catch (IOException ignored) {
                // no pyenv: the PATH candidate stays
            }
        }
        for (String c : candidates) {
            try {
                Process p = new ProcessBuilder(c, "-c", "import sys; assert sys.version_info[:2] == (3, 13)")
                        .redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor() == 0) return c;
            } catch (IOException e) {
                // try the next candidate
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IllegalStateException("python3.13 not found: tried " + candidates);
    }
}
