package dev.pyconcurrent.maven;

import dev.pyconcurrent.maven.notebook.Notebook;
import dev.pyconcurrent.maven.render.HtmlConverter;
import dev.pyconcurrent.maven.render.SiteChrome;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Renders the documentation site: every guide ({@code *.adoc} directly in {@code guides}; files in
 * sub-directories are parts they include) to {@code <name>.html} in {@code siteDirectory}, and
 * the notebooks as tutorials under {@code siteDirectory/tutorials}, with one asciidoctorj
 * runtime. Each guide sees the attribute {@code guide-<name>} for every guide rendered (so the
 * overview can link a guide only when it exists) and {@code tutorials-count}.
 */
@Mojo(name = "render-docs", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true, requiresProject = false)
public class RenderDocsMojo extends AbstractNotebookMojo {
    /** The directory of the guides. */
    @Parameter(property = "pyconcurrent.docs.guides", defaultValue = "${project.basedir}")
    protected File guides;

    /** Where the site goes (guides at its root, tutorials in {@code tutorials/}). */
    @Parameter(property = "pyconcurrent.docs.outputDirectory", defaultValue = "${project.build.directory}/site")
    protected File siteDirectory;

    /** The tutorials index page's title. */
    @Parameter(property = "pyconcurrent.render.title", defaultValue = "pyconcurrent tutorials")
    protected String indexTitle;

    /** Where the line the build summary shows ({@code summary} goal) is written. */
    @Parameter(defaultValue = "${project.build.directory}/pyconcurrent-reports")
    protected File summaryDirectory;

    /** Skips rendering ({@code -Dpyconcurrent.docs.skip}). */
    @Parameter(property = "pyconcurrent.docs.skip", defaultValue = "false")
    protected boolean skip;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("pyconcurrent render-docs skipped");
            return;
        }
        List<Notebook> nbs = findNotebooks();
        Path site = siteDirectory.toPath().toAbsolutePath();
        List<Path> guideFiles;
        try (Stream<Path> files = Files.list(guides.toPath().toAbsolutePath())) {
            guideFiles = files.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".adoc")).sorted().toList();
        } catch (IOException e) {
            throw new MojoExecutionException("cannot list the guides in " + guides + ": " + e.getMessage(), e);
        }
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (Path g : guideFiles) attributes.put("guide-" + baseName(g), "");
        attributes.put("tutorials-count", String.valueOf(nbs.size()));
        String deviations = guideFiles.stream().anyMatch(g -> baseName(g).equals("deviations")) ? "deviations.html" : null;
        try (HtmlConverter converter = new HtmlConverter()) {
            if (!nbs.isEmpty()) {
                RenderMojo.renderTutorials(nbs, indexTitle, site.resolve("tutorials"), converter,
                        "../index.html", deviations == null ? null : "../" + deviations);
            }
            String nav = SiteChrome.nav("index.html", nbs.isEmpty() ? null : "tutorials/index.html", deviations, null, null);
            for (Path g : guideFiles) converter.convert(g, site.resolve(baseName(g) + ".html"), attributes, nav);
        } catch (IOException e) {
            throw new MojoExecutionException("rendering failed: " + e.getMessage(), e);
        }
        getLog().info("Rendered " + guideFiles.size() + " guide(s) and " + nbs.size() + " tutorial(s): "
                + site.resolve("index.html").toUri());
        BuildSummary.write(summaryDirectory, "site", "site: " + site.resolve("index.html").toUri()
                + " (" + guideFiles.size() + " guides, " + nbs.size() + " tutorials)", getLog());
        failOnUnreadable();
    }

    private static String baseName(Path adoc) {
        return adoc.getFileName().toString().replaceFirst("\\.adoc$", "");
    }
}
