package dev.pyconcurrent.maven;

import dev.pyconcurrent.maven.notebook.Notebook;
import dev.pyconcurrent.maven.render.HtmlConverter;
import dev.pyconcurrent.maven.render.NotebookRenderer;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Renders the notebooks as tutorials: each notebook → AsciiDoc (Markdown through
 * commonmark-java's syntax tree; each code cell as the Python twin beside the Java source,
 * then the output) → HTML with asciidoctorj, plus an index page linking them all.
 */
@Mojo(name = "render", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true, requiresProject = false)
public class RenderMojo extends AbstractNotebookMojo {
    /** Where the .adoc and .html files go. */
    @Parameter(property = "pyconcurrent.render.outputDirectory", defaultValue = "${project.build.directory}/tutorials")
    protected File outputDirectory;

    /** Also convert to HTML (false: AsciiDoc only). */
    @Parameter(property = "pyconcurrent.render.html", defaultValue = "true")
    protected boolean html;

    /** The index page's title. */
    @Parameter(property = "pyconcurrent.render.title", defaultValue = "pyconcurrent tutorials")
    protected String indexTitle;

    /** Skips rendering ({@code -Dpyconcurrent.render.skip}). */
    @Parameter(property = "pyconcurrent.render.skip", defaultValue = "false")
    protected boolean skip;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("pyconcurrent render skipped");
            return;
        }
        List<Notebook> nbs = findNotebooks();
        Path out = outputDirectory.toPath().toAbsolutePath();
        try {
            if (html) {
                try (HtmlConverter converter = new HtmlConverter()) {
                    renderTutorials(nbs, indexTitle, out, converter);
                }
                getLog().info("Rendered " + nbs.size() + " tutorial(s): " + out.resolve("index.html").toUri());
            } else {
                renderTutorials(nbs, indexTitle, out, null);
                getLog().info("Rendered " + nbs.size() + " tutorial(s) as AsciiDoc in " + out);
            }
        } catch (IOException e) {
            throw new MojoExecutionException("rendering failed: " + e.getMessage(), e);
        }
        failOnUnreadable();
    }

    /**
     * Writes each notebook's AsciiDoc and the index's into {@code out}, and converts them to
     * HTML beside them when {@code converter} is given.
     */
    static void renderTutorials(List<Notebook> nbs, String indexTitle, Path out, HtmlConverter converter) throws IOException {
        List<Path> adocs = new ArrayList<>();
        Files.createDirectories(out);
        for (Notebook nb : nbs) {
            Path adoc = out.resolve(nb.name() + ".adoc");
            Files.writeString(adoc, NotebookRenderer.toAsciiDoc(nb), StandardCharsets.UTF_8);
            adocs.add(adoc);
        }
        Path index = out.resolve("index.adoc");
        Files.writeString(index, NotebookRenderer.index(indexTitle, nbs), StandardCharsets.UTF_8);
        adocs.add(index);
        if (converter != null) converter.convert(adocs);
    }
}
