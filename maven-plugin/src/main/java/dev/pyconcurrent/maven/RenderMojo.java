package dev.pyconcurrent.maven;

import dev.pyconcurrent.maven.notebook.Notebook;
import dev.pyconcurrent.maven.render.HtmlConverter;
import dev.pyconcurrent.maven.render.NotebookRenderer;
import dev.pyconcurrent.maven.render.SiteChrome;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
                    renderTutorials(nbs, indexTitle, out, converter, null, null);
                }
                getLog().info("Rendered " + nbs.size() + " tutorial(s): " + out.resolve("index.html").toUri());
            } else {
                renderTutorials(nbs, indexTitle, out, null, null, null);
                getLog().info("Rendered " + nbs.size() + " tutorial(s) as AsciiDoc in " + out);
            }
        } catch (IOException e) {
            throw new MojoExecutionException("rendering failed: " + e.getMessage(), e);
        }
        failOnUnreadable();
    }

    /**
     * Writes each notebook's AsciiDoc and the index's into {@code out}, and converts them to
     * HTML beside them when {@code converter} is given, each page with a navigation bar: home,
     * the index, the deviations page, and a tutorial's previous and next.
     *
     * @param siteHome the site's overview relative to {@code out}, or null when the tutorials are all there is
     * @param deviations the deviations page relative to {@code out}, or null when there is none
     */
    static void renderTutorials(List<Notebook> nbs, String indexTitle, Path out, HtmlConverter converter,
                                String siteHome, String deviations) throws IOException {
        Files.createDirectories(out);
        for (Notebook nb : nbs) {
            Files.writeString(out.resolve(nb.name() + ".adoc"), NotebookRenderer.toAsciiDoc(nb), StandardCharsets.UTF_8);
        }
        Path index = out.resolve("index.adoc");
        Files.writeString(index, NotebookRenderer.index(indexTitle, nbs), StandardCharsets.UTF_8);
        if (converter == null) return;
        HtmlConverter.tutorialStyles(out);
        String home = siteHome == null ? "index.html" : siteHome;
        String tutorials = siteHome == null ? null : "index.html";
        converter.convert(index, out.resolve("index.html"), Map.of(), SiteChrome.nav(home, null, deviations, null, null));
        for (int i = 0; i < nbs.size(); i++) {
            SiteChrome.Link prev = i == 0 ? null : link(nbs.get(i - 1), "prev");
            SiteChrome.Link next = i == nbs.size() - 1 ? null : link(nbs.get(i + 1), "next");
            Notebook nb = nbs.get(i);
            converter.convert(out.resolve(nb.name() + ".adoc"), out.resolve(nb.name() + ".html"), Map.of(),
                    SiteChrome.nav(home, tutorials, deviations, prev, next));
        }
    }

    private static SiteChrome.Link link(Notebook nb, String rel) {
        return new SiteChrome.Link(nb.name() + ".html", nb.title(), rel);
    }
}
