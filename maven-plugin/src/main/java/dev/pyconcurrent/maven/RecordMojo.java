package dev.pyconcurrent.maven;

import dev.pyconcurrent.maven.notebook.Notebook;
import dev.pyconcurrent.maven.record.Recorder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Records the expected outputs: runs every cell's Python twin ({@code metadata.pyconcurrent.python})
 * of each notebook in order in one CPython process, and writes what each printed and raised
 * as the cell's outputs (nbformat 4.5, stable key order), stamping the Python version in the
 * notebook's metadata. Cells tagged {@code python-3.14} keep their outputs.
 * {@code mvn pyconcurrent:record [-Dpyconcurrent.includes=threading.ipynb]}
 */
@Mojo(name = "record", threadSafe = true, requiresProject = false)
public class RecordMojo extends AbstractPythonMojo {
    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        List<Notebook> nbs = findNotebooks();
        if (noNotebooks(nbs)) return;
        List<String> problems = new ArrayList<>(unreadable.values());
        for (Notebook nb : nbs) {
            try {
                String before = nb.text();
                Recorder.Result r = recorder(nb).record(nb);
                String after = nb.text();
                if (!after.equals(before)) nb.write(nb.path());
                getLog().info(relative(nb) + ": " + nb.codeCells().size() + " code cells recorded with CPython "
                        + r.pythonVersion() + (after.equals(before) ? " (unchanged)" : " (updated)"));
                r.problems().forEach(p -> getLog().error(p));
                problems.addAll(r.problems());
            } catch (IOException e) {
                throw new MojoExecutionException("recording " + nb.path() + " failed: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MojoExecutionException("interrupted", e);
            }
        }
        if (!problems.isEmpty()) {
            throw new MojoFailureException("recorded, but the notebooks need fixing:\n  " + String.join("\n  ", problems));
        }
    }
}
