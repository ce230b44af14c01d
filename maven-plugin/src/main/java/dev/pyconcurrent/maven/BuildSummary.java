package dev.pyconcurrent.maven;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.plugin.logging.Log;

/**
 * The one-line results the {@code summary} goal gathers at the end of the build: each goal
 * that has something to say writes its line to a file of its own ({@code summary-<kind>.txt})
 * in its module's report directory.
 */
final class BuildSummary {
    /** The kinds, in the order the summary shows them. */
    static final String[] KINDS = {"check", "reference", "site"};

    private BuildSummary() {}

    static Path file(File reports, String kind) {
        return reports.toPath().resolve("summary-" + kind + ".txt");
    }

    /**
     * Writes {@code line} as the {@code kind} line into {@code reports} (nowhere when null); a
     * summary that cannot be written is a warning, never a failed goal.
     */
    static void write(File reports, String kind, String line, Log log) {
        if (reports == null) return;
        Path file = file(reports, kind);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, line + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            log.warn("cannot write the build summary line " + file + ": " + e.getMessage());
        }
    }
}
