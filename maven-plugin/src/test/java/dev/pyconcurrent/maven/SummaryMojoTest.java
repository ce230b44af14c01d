package dev.pyconcurrent.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build's closing summary: this build's lines from the goals, in order, printed once. */
class SummaryMojoTest {
    @TempDir
    Path dir;

    private final RecordingLog log = new RecordingLog();

    private SummaryMojo mojo(String phase, String... goals) throws Exception {
        SummaryMojo m = new SummaryMojo();
        m.reports = List.of(dir.resolve("notebooks").toFile(), dir.resolve("docs").toFile());
        m.buildStarted = new Date();
        m.phase = phase;
        m.requested = List.of(goals);
        m.setLog(log);
        return m;
    }

    @Test
    void showsThisBuildsLinesInOrderAndWhatDidNotRun() throws Exception {
        SummaryMojo m = mojo("verify", "verify");
        BuildSummary.write(dir.resolve("docs").toFile(), "site", "site: file:///x/index.html (7 guides, 5 tutorials)", log);
        BuildSummary.write(dir.resolve("notebooks").toFile(), "check", "notebooks: 3 passed / 0 failed / 1 skipped (cells of 1 notebook(s))", log);
        Path old = BuildSummary.file(dir.resolve("notebooks").toFile(), "reference");
        BuildSummary.write(dir.resolve("notebooks").toFile(), "reference", "reference: re-verified against CPython 3.13.0 (1 notebook(s))", log);
        Files.setLastModifiedTime(old, FileTime.fromMillis(m.buildStarted.getTime() - 60_000));
        m.execute();
        assertEquals(List.of(SummaryMojo.RULE,
                "notebooks: 3 passed / 0 failed / 1 skipped (cells of 1 notebook(s))",
                "reference: not re-verified in this build",
                "site: file:///x/index.html (7 guides, 5 tutorials)"), log.at("info"));
    }

    @Test
    void printsOnceAtTheLastPhaseOfTheBuild() throws Exception {
        mojo("verify", "install").execute();
        assertEquals(List.of(), log.at("info"), "install comes after verify: the summary waits");
        mojo("install", "install").execute();
        assertEquals(4, log.at("info").size(), log.lines.toString());
    }
}
