package dev.pyconcurrent.maven;

import dev.pyconcurrent.maven.compare.Normalizer;
import dev.pyconcurrent.maven.notebook.Notebook;
import java.io.File;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/** What every goal shares: which notebooks, and the normalizers. */
public abstract class AbstractNotebookMojo extends AbstractMojo {
    /** The directory searched for notebooks. */
    @Parameter(property = "pyconcurrent.notebooks", defaultValue = "${project.basedir}")
    protected File notebooks;

    /** Globs (relative to {@code notebooks}) of the notebooks to take. */
    @Parameter(property = "pyconcurrent.includes", defaultValue = "**/*.ipynb")
    protected List<String> includes;

    /** Globs of notebooks to leave out ({@code target/} and {@code .ipynb_checkpoints/} always are). */
    @Parameter(property = "pyconcurrent.excludes")
    protected List<String> excludes;

    /** Extra regex normalizers, applied after the built-in ones, to every notebook or to those matching their {@code notebooks} glob. */
    @Parameter
    protected List<NormalizerRule> normalizers;

    /**
     * Fail when no notebook matches (like Surefire's {@code failIfNoSpecifiedTests}): a mistyped
     * {@code -Dpyconcurrent.includes} must not pass silently.
     */
    @Parameter(property = "pyconcurrent.failIfNoNotebooks", defaultValue = "true")
    protected boolean failIfNoNotebooks = true;

    /** The notebooks {@link #findNotebooks()} could not read, each with its message; the goal fails with them at its end. */
    protected final Map<Path, String> unreadable = new LinkedHashMap<>();

    /**
     * The notebooks to work on, sorted by path. A notebook that cannot be read is not among
     * them: it is logged as an error and kept in {@link #unreadable}, so the others still run.
     */
    protected List<Notebook> findNotebooks() throws MojoExecutionException {
        unreadable.clear();
        Path root = notebooks.toPath().toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            getLog().info("No notebooks directory " + root);
            return List.of();
        }
        List<PathMatcher> in = matchers(includes == null || includes.isEmpty() ? List.of("**/*.ipynb") : includes);
        List<String> ex = new ArrayList<>(excludes == null ? List.of() : excludes);
        ex.addAll(List.of("target/**", "**/target/**", "**/.ipynb_checkpoints/**"));
        List<PathMatcher> out = matchers(ex);
        List<Path> found;
        try (Stream<Path> files = Files.walk(root)) {
            found = files.filter(Files::isRegularFile)
                    .filter(p -> matches(in, root.relativize(p)) && !matches(out, root.relativize(p)))
                    .sorted().toList();
        } catch (IOException e) {
            throw new MojoExecutionException("cannot list " + root + ": " + e.getMessage(), e);
        }
        List<Notebook> result = new ArrayList<>();
        for (Path p : found) {
            try {
                result.add(Notebook.read(p));
            } catch (IOException | IllegalArgumentException e) {
                String problem = "notebook " + root.relativize(p) + ": " + e.getMessage();
                getLog().error(problem);
                unreadable.put(p, problem);
            }
        }
        return result;
    }

    /**
     * True when there is nothing to do: no notebook matched. That fails the build unless
     * {@code failIfNoNotebooks} is off.
     */
    protected boolean noNotebooks(List<Notebook> found) throws MojoFailureException {
        if (!found.isEmpty() || !unreadable.isEmpty()) return false;
        String none = "No notebooks match " + (includes == null || includes.isEmpty() ? "**/*.ipynb" : String.join(",", includes))
                + (excludes == null || excludes.isEmpty() ? "" : " (excluding " + String.join(",", excludes) + ")")
                + " in " + notebooks.toPath().toAbsolutePath().normalize();
        if (failIfNoNotebooks) throw new MojoFailureException(none + " (-Dpyconcurrent.failIfNoNotebooks=false allows it)");
        getLog().info(none);
        return true;
    }

    /** Fails the build naming every unreadable notebook, after the goal did what it could with the others. */
    protected void failOnUnreadable() throws MojoFailureException {
        if (!unreadable.isEmpty()) {
            throw new MojoFailureException(unreadable.size() + " notebook(s) could not be read:\n  " + String.join("\n  ", unreadable.values()));
        }
    }

    /** {@code **}{@code /x.ipynb} also matches {@code x.ipynb} at the root, as Ant-style globs do. */
    static List<PathMatcher> matchers(List<String> globs) {
        List<PathMatcher> list = new ArrayList<>();
        for (String g : globs) {
            String glob = g.trim();
            if (glob.isEmpty()) continue;
            list.add(FileSystems.getDefault().getPathMatcher("glob:" + glob));
            if (glob.startsWith("**/")) list.add(FileSystems.getDefault().getPathMatcher("glob:" + glob.substring(3)));
        }
        return list;
    }

    static boolean matches(List<PathMatcher> matchers, Path relative) {
        return matchers.stream().anyMatch(m -> m.matches(relative));
    }

    /** The built-in normalizers followed by the configured ones that apply to {@code notebook}. */
    protected Normalizer normalizerFor(Notebook notebook) {
        List<Normalizer> chain = new ArrayList<>(Normalizer.builtIns());
        if (normalizers != null) {
            Path root = notebooks.toPath().toAbsolutePath().normalize();
            Path rel = root.relativize(notebook.path().toAbsolutePath().normalize());
            for (NormalizerRule rule : normalizers) {
                if (rule.getPattern() == null) continue;
                if (rule.getNotebooks() != null && !matches(matchers(List.of(rule.getNotebooks())), rel)
                        && !matches(matchers(List.of(rule.getNotebooks())), rel.getFileName())) {
                    continue;
                }
                chain.add(Normalizer.regex(rule.toString(), rule.getPattern(), rule.getReplacement()));
            }
        }
        return Normalizer.chain("notebook " + notebook.name(), chain);
    }

    protected String relative(Notebook nb) {
        return notebooks.toPath().toAbsolutePath().normalize().relativize(nb.path().toAbsolutePath().normalize()).toString();
    }
}
