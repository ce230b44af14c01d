package dev.pyconcurrent.maven;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Prints what the build proved, as the last lines before Maven's own summary: the notebooks'
 * cells passed / failed / skipped ({@code check}), the references re-verified against CPython
 * ({@code verify-reference}), and where the site is ({@code render-docs}). It reads the lines
 * those goals wrote in this build (older files are reported as not run). Bound to {@code verify}
 * and {@code install} in the last module, it prints once: at {@code verify} only when the build
 * goes no further.
 */
@Mojo(name = "summary", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true, requiresProject = false)
public class SummaryMojo extends AbstractMojo {
    static final String RULE = "------------------------------------------------------------------------";

    /** The report directories the goals wrote their summary lines to, searched in order. */
    @Parameter
    protected List<File> reports;

    @Parameter(defaultValue = "${session.request.startTime}", readonly = true)
    protected Date buildStarted;

    @Parameter(defaultValue = "${session.goals}", readonly = true)
    protected List<String> requested;

    @Parameter(defaultValue = "${mojoExecution.lifecyclePhase}", readonly = true)
    protected String phase;

    @Override
    public void execute() {
        if ("verify".equals(phase) && requested != null
                && requested.stream().anyMatch(g -> g.equals("install") || g.equals("deploy"))) {
            getLog().debug("the summary comes at install");
            return;
        }
        getLog().info(RULE);
        for (String line : lines()) getLog().info(line);
    }

    /** One line per kind: the freshest of this build, or that it did not run. */
    List<String> lines() {
        List<String> lines = new ArrayList<>();
        for (String kind : BuildSummary.KINDS) {
            String line = null;
            for (File dir : reports == null ? List.<File>of() : reports) {
                Path f = BuildSummary.file(dir, kind);
                if (fresh(f)) line = read(f);
            }
            lines.add(line != null ? line : kind.equals("check") ? "notebooks: not checked in this build"
                    : kind.equals("reference") ? "reference: not re-verified in this build" : "site: not rendered in this build");
        }
        return lines;
    }

    private boolean fresh(Path f) {
        try {
            return Files.isRegularFile(f)
                    && (buildStarted == null || Files.getLastModifiedTime(f).toMillis() >= buildStarted.getTime() - 1000);
        } catch (IOException e) {
            return false;
        }
    }

    private static String read(Path f) {
        try {
            return Files.readString(f, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return null;
        }
    }
}
