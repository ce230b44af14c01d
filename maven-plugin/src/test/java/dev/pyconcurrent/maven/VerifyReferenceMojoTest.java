package dev.pyconcurrent.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** verify-reference is a test: -DskipTests skips it, so a build without tests needs no python3.13. */
class VerifyReferenceMojoTest {
    @TempDir
    Path dir;

    @Test
    void skipTestsSkipsItWithoutLookingForPython() throws Exception {
        TestNotebooks.demo(dir);
        VerifyReferenceMojo m = new VerifyReferenceMojo();
        RecordingLog log = new RecordingLog();
        m.setLog(log);
        m.notebooks = dir.toFile();
        m.python = "/nonexistent/python3.13";
        m.recordTimeout = 60;
        MojoExecutionException e = assertThrows(MojoExecutionException.class, m::execute);
        assertTrue(e.getMessage().startsWith("no runnable /nonexistent/python3.13"), e.getMessage());
        m.skipTests = true;
        log.lines.clear();
        m.execute();
        assertEquals(List.of("pyconcurrent verify-reference skipped"), log.at("info"));
    }
}
