package dev.pyconcurrent.maven;

import dev.pyconcurrent.maven.check.CellResult;
import dev.pyconcurrent.maven.check.CheckRun;
import dev.pyconcurrent.maven.check.JUnitReport;
import dev.pyconcurrent.maven.check.Kernel;
import dev.pyconcurrent.maven.check.KernelFactories;
import dev.pyconcurrent.maven.check.NotebookResult;
import dev.pyconcurrent.maven.notebook.Notebook;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Runs every notebook's Java cells through the pyconcurrent kernel (over the Jupyter protocol)
 * and compares what each printed and raised with the CPython output recorded in the notebook,
 * after normalization. Reports a unified diff per failing cell, a summary line per notebook,
 * Surefire-format XML under {@code target/pyconcurrent-reports/}, the closing line
 * {@code N passed, N failed, N skipped}, and fails the build listing the failing cells.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true, requiresProject = false)
public class CheckMojo extends AbstractNotebookMojo {
    /** Skips the check ({@code -Dpyconcurrent.skip}). */
    @Parameter(property = "pyconcurrent.skip", defaultValue = "false")
    protected boolean skip;

    /** Also skipped with Surefire's {@code -DskipTests}. */
    @Parameter(property = "skipTests", defaultValue = "false")
    protected boolean skipTests;

    /** Stop at the first failing cell (the remaining cells are reported as skipped). */
    @Parameter(property = "pyconcurrent.failFast", defaultValue = "false")
    protected boolean failFast;

    /** Seconds a cell may run unless its {@code metadata.pyconcurrent.timeout} says otherwise. */
    @Parameter(property = "pyconcurrent.timeout", defaultValue = "60")
    protected double timeout;

    /** How many notebooks run at once, each in a kernel of its own. */
    @Parameter(property = "pyconcurrent.parallel", defaultValue = "1")
    protected int parallel;

    /** Where the Surefire-format XML reports go. */
    @Parameter(property = "pyconcurrent.reportsDirectory", defaultValue = "${project.build.directory}/pyconcurrent-reports")
    protected File reportsDirectory;

    /** Settings passed to the kernel factory (e.g. {@code java}, {@code jvmArgs}, {@code classpath}), as the factory documents. */
    @Parameter
    protected Map<String, String> kernel;

    /** Don't fail the build on failing cells (the reports still say so). */
    @Parameter(property = "pyconcurrent.testFailureIgnore", defaultValue = "false")
    protected boolean testFailureIgnore;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip || skipTests) {
            getLog().info("pyconcurrent check skipped");
            BuildSummary.write(reportsDirectory, "check", "notebooks: not checked (skipped)", getLog());
            return;
        }
        List<Notebook> nbs = findNotebooks();
        if (noNotebooks(nbs)) return;
        Kernel.Factory factory;
        try {
            factory = KernelFactories.load(kernel == null ? Map.of() : kernel, getClass().getClassLoader());
        } catch (Kernel.KernelException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
        getLog().info("Checking " + nbs.size() + " notebook(s)" + (parallel > 1 ? ", " + parallel + " at a time" : ""));
        CheckRun run = new CheckRun(factory, this::normalizerFor, timeout, parallel, failFast);
        List<String> failing = new ArrayList<>();
        List<NotebookResult> results;
        try {
            results = run.run(nbs, r -> {
                for (CellResult c : r.cells()) {
                    if (c.failed()) {
                        getLog().error(c.report());
                        failing.add(relative(r.notebook()) + " " + c.cell().label() + ": " + c.message());
                    }
                }
                try {
                    JUnitReport.write(r, reportsDirectory.toPath(), "notebooks.");
                } catch (IOException e) {
                    getLog().warn("cannot write the report for " + r.notebook().path() + ": " + e.getMessage());
                }
                String line = r.summary();
                if (r.failed() > 0) getLog().error(line);
                else getLog().info(line);
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MojoExecutionException("interrupted", e);
        }
        unreadable.forEach((path, problem) -> {
            try {
                JUnitReport.writeUnreadable(path.getFileName().toString().replaceFirst("\\.ipynb$", ""), problem,
                        reportsDirectory.toPath(), "notebooks.");
            } catch (IOException e) {
                getLog().warn("cannot write the report for " + path + ": " + e.getMessage());
            }
        });
        String closing = CheckRun.closingLine(results)
                + (unreadable.isEmpty() ? "" : ", " + unreadable.size() + " notebook(s) could not be read");
        getLog().info("Reports in " + reportsDirectory);
        // the closing line alone on its line, as test runners print it
        System.out.println(closing);
        System.out.flush();
        BuildSummary.write(reportsDirectory, "check",
                "notebooks: " + closing.replace(", ", " / ") + " (cells of " + results.size() + " notebook(s))", getLog());
        List<String> problems = new ArrayList<>();
        if (!failing.isEmpty()) problems.add(failing.size() + " notebook cell(s) failed:\n  " + String.join("\n  ", failing));
        if (!unreadable.isEmpty()) {
            problems.add(unreadable.size() + " notebook(s) could not be read:\n  " + String.join("\n  ", unreadable.values()));
        }
        if (!problems.isEmpty()) {
            String msg = String.join("\n", problems);
            if (testFailureIgnore) getLog().error(msg);
            else throw new MojoFailureException(msg);
        }
    }
}
