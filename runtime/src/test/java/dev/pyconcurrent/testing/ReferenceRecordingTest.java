package dev.pyconcurrent.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stored recordings are what python3.13 prints now: a stale expected output fails here. */
class ReferenceRecordingTest {
    @Test
    void recordingsMatchCPython(@TempDir Path out) throws Exception {
        Path python = Path.of("src/test/python");
        Process p = new ProcessBuilder(CPython.executable(), python.resolve("record.py").toString(), out.toString())
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(5, TimeUnit.MINUTES)) p.destroyForcibly().waitFor();
        assertEquals(0, p.exitValue(), log);
        Path stored = Path.of("src/test/resources/cpython");
        assertEquals(names(out), names(stored), "every reference script has a stored recording");
        for (String f : names(out)) {
            assertEquals(Files.readString(out.resolve(f)), Files.readString(stored.resolve(f)),
                    f + " is stale: re-run python3.13 src/test/python/record.py");
        }
    }

    private static java.util.List<String> names(Path dir) throws java.io.IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
