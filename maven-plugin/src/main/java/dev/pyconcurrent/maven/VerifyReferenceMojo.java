package dev.pyconcurrent.maven;

import dev.pyconcurrent.maven.notebook.Notebook;
import dev.pyconcurrent.maven.record.ReferenceVerifier;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Re-records every notebook into a temporary copy and fails, with a diff per cell, if the
 * stored expected outputs are no longer what CPython prints (a stale reference). The
 * notebooks are not modified. Cells tagged {@code python-3.14} are left out.
 */
@Mojo(name = "verify-reference", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true, requiresProject = false)
public class VerifyReferenceMojo extends AbstractPythonMojo {
    /** Skips the goal ({@code -Dpyconcurrent.skip}). */
    @Parameter(property = "pyconcurrent.skip", defaultValue = "false")
    protected boolean skip;

    /** Also skipped with Surefire's {@code -DskipTests}: re-verifying is a test, and {@code -DskipTests} needs no python3.13. */
    @Parameter(property = "skipTests", defaultValue = "false")
    protected boolean skipTests;

    /** Where the line the build summary shows ({@code summary} goal) is written. */
    @Parameter(defaultValue = "${project.build.directory}/pyconcurrent-reports")
    protected File summaryDirectory;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip || skipTests) {
            getLog().info("pyconcurrent verify-reference skipped");
            BuildSummary.write(summaryDirectory, "reference", "reference: not re-verified (skipped)", getLog());
            return;
        }
        List<Notebook> nbs = findNotebooks();
        if (noNotebooks(nbs)) return;
        List<String> failures = new ArrayList<>(unreadable.values());
        String version = null;
        for (Notebook nb : nbs) {
            try {
                ReferenceVerifier.Result r = new ReferenceVerifier(recorder(nb)).verify(nb);
                for (ReferenceVerifier.Stale s : r.stale()) {
                    getLog().error(relative(nb) + " " + s.cell().label() + ": stored output is stale\n" + s.diff());
                    failures.add(relative(nb) + " " + s.cell().label() + ": stale output");
                }
                r.problems().forEach(p -> getLog().error(p));
                failures.addAll(r.problems());
                version = r.pythonVersion();
                getLog().info(relative(nb) + ": " + (r.ok() ? "references match CPython " : r.stale().size() + " stale cell(s) against CPython ")
                        + r.pythonVersion());
            } catch (IOException e) {
                throw new MojoExecutionException("re-recording " + nb.path() + " failed: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MojoExecutionException("interrupted", e);
            }
        }
        BuildSummary.write(summaryDirectory, "reference", failures.isEmpty()
                ? "reference: re-verified against CPython " + version + " (" + nbs.size() + " notebook(s))"
                : "reference: " + failures.size() + " problem(s)" + (version == null ? "" : " against CPython " + version), getLog());
        if (!failures.isEmpty()) {
            throw new MojoFailureException("stale expected outputs (re-record with mvn pyconcurrent:record):\n  "
                    + String.join("\n  ", failures));
        }
    }
}
