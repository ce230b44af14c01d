package dev.pyconcurrent.maven;

import dev.pyconcurrent.maven.record.Python;
import dev.pyconcurrent.maven.record.Recorder;
import dev.pyconcurrent.maven.notebook.Notebook;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Parameter;

/** The goals that run the Python twins in CPython. */
public abstract class AbstractPythonMojo extends AbstractNotebookMojo {
    /**
     * The CPython that produces the expected outputs. When it is the default {@code python3.13}
     * and that is not runnable, {@code ~/.pyenv/versions/3.13*}{@code /bin/python3.13} is tried.
     */
    @Parameter(property = "pyconcurrent.python", defaultValue = Python.DEFAULT)
    protected String python;

    /** Seconds one notebook's Python twins may run in all. */
    @Parameter(property = "pyconcurrent.recordTimeout", defaultValue = "600")
    protected double recordTimeout;

    protected Recorder recorder(Notebook notebook) throws MojoExecutionException {
        String exe;
        try {
            exe = Python.resolve(python);
        } catch (IllegalStateException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
        return new Recorder(exe, recordTimeout, normalizerFor(notebook));
    }
}
