package dev.pyconcurrent.maven.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pyconcurrent.maven.compare.Normalizer;
import dev.pyconcurrent.maven.notebook.Cell;
import dev.pyconcurrent.maven.notebook.NbJson;
import dev.pyconcurrent.maven.notebook.Notebook;
import dev.pyconcurrent.maven.notebook.Outputs;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * The {@code record} logic: runs every Python twin of a notebook in order in one CPython
 * process (shared namespace) and stores what each printed and raised as the cell's outputs.
 * Cells tagged {@code python-3.14} keep their outputs (taken from the CPython docs); a Java cell
 * without a twin gets no outputs, and is a problem unless tagged {@code java-only}. Each twin is
 * also shown, collapsed, in a Markdown cell before its code cell ({@link Notebook#syncTwinViews}). A cell
 * whose stored output equals the new one after normalization keeps the stored text, so
 * re-recording an unchanged notebook gives the same bytes even when CPython prints addresses
 * or idents that change from run to run.
 */
public final class Recorder {
    private final String python;
    private final double timeoutSeconds;
    private final Normalizer normalizer;

    /**
     * @param python a runnable interpreter ({@link Python#resolve})
     * @param timeoutSeconds how long one notebook's twins may run in all
     */
    public Recorder(String python, double timeoutSeconds, Normalizer normalizer) {
        this.python = python;
        this.timeoutSeconds = timeoutSeconds;
        this.normalizer = normalizer;
    }

    /** What recording a notebook gave: the interpreter's version, and the problems found (empty if fine). */
    public record Result(String pythonVersion, List<String> problems) {}

    /** Records {@code notebook}'s outputs in place (the caller writes the file). */
    public Result record(Notebook notebook) throws IOException, InterruptedException {
        notebook.syncTwinViews();
        List<String> problems = new ArrayList<>();
        ArrayNode cells = NbJson.MAPPER.createArrayNode();
        Map<Integer, Cell> byIndex = new HashMap<>();
        for (Cell cell : notebook.codeCells()) {
            if (cell.isPython314()) {
                if (cell.expectedFrom() == null) {
                    problems.add(name(notebook, cell) + " is tagged " + Cell.PYTHON_314 + " but its metadata.pyconcurrent."
                            + Cell.EXPECTED_FROM + " does not say where its expected output comes from");
                }
                continue;
            }
            if (cell.lacksTwin()) problems.add(name(notebook, cell) + ": no Python twin (" + Cell.TWIN_KEY + ")");
            if (cell.raisesOnlyInJava() && cell.javaError() == null) {
                problems.add(name(notebook, cell) + " raises only in Java (metadata.pyconcurrent." + Cell.RAISES
                        + " = java) but its metadata.pyconcurrent." + Cell.JAVA_ERROR + " does not name the exception");
            }
            if (cell.python() == null) {
                cell.outputs(Outputs.NONE, null); // nothing to record: java-only, or reported above
                continue;
            }
            byIndex.put(cell.index(), cell);
            ObjectNode c = cells.addObject();
            c.put("index", cell.index());
            c.put("source", cell.python());
        }
        Path work = Files.createTempDirectory("pyconcurrent-record");
        try {
            Path driver = work.resolve("record_driver.py");
            try (InputStream in = Recorder.class.getResourceAsStream("/dev/pyconcurrent/maven/record_driver.py")) {
                Files.copy(in, driver);
            }
            Path input = work.resolve("cells.json");
            Path output = work.resolve("results.json");
            Files.writeString(input, NbJson.write(cells), StandardCharsets.UTF_8);
            Path dir = notebook.path().toAbsolutePath().getParent();
            Path log = work.resolve("python.log");
            ProcessBuilder pb = new ProcessBuilder(python, "-X", "utf8", driver.toString(), input.toString(), output.toString())
                    .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("PYTHONIOENCODING", "utf-8");
            pb.environment().remove("PYTHONSTARTUP");
            Process p = pb.start();
            p.getOutputStream().close();
            if (!p.waitFor((long) (timeoutSeconds * 1000), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor();
                throw new IOException(notebook.path() + ": the Python twins did not finish within " + timeoutSeconds
                        + " s\n" + Files.readString(log));
            }
            if (p.exitValue() != 0 || !Files.exists(output)) {
                throw new IOException(notebook.path() + ": " + python + " exited with " + p.exitValue() + "\n" + Files.readString(log));
            }
            JsonNode results = NbJson.parse(Files.readString(output, StandardCharsets.UTF_8));
            String version = results.path("python").asText();
            int count = 0;
            for (JsonNode r : results.path("cells")) {
                Cell cell = byIndex.get(r.path("index").asInt());
                List<String> traceback = new ArrayList<>();
                r.path("traceback").forEach(line -> traceback.add(line.asText()));
                Outputs fresh = new Outputs(r.path("stdout").asText(), r.path("stderr").asText(), textOrNull(r.get("result")),
                        textOrNull(r.get("ename")), textOrNull(r.get("evalue")), traceback);
                if (fresh.raised() && cell.raisesOnlyInJava()) {
                    problems.add(name(notebook, cell) + " raised " + fresh.error() + " in CPython but says only Java raises"
                            + " (metadata.pyconcurrent." + Cell.RAISES + " = java)");
                } else if (fresh.raised() && !cell.hasTag(Cell.RAISES_EXCEPTION)) {
                    problems.add(name(notebook, cell) + " raised " + fresh.error() + " in CPython but is not tagged "
                            + Cell.RAISES_EXCEPTION);
                }
                if (!fresh.raised() && cell.hasTag(Cell.RAISES_EXCEPTION) && !cell.raisesOnlyInJava()) {
                    problems.add(name(notebook, cell) + " is tagged " + Cell.RAISES_EXCEPTION + " but raised nothing in CPython");
                }
                Outputs stored = cell.outputs();
                Outputs kept = equivalent(cell, stored, fresh) ? stored : fresh;
                cell.outputs(kept, ++count);
            }
            notebook.stampPython(results.path("implementation").asText("cpython"), version);
            return new Result(version, problems);
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /**
     * Same after normalization (lines sorted for {@code sort-lines} cells), and the same
     * traceback, so a changed traceback is re-recorded.
     */
    public boolean equivalent(Cell cell, Outputs a, Outputs b) {
        boolean sort = cell.hasTag(Cell.SORT_LINES);
        return normalized(a, sort).sameAs(normalized(b, sort))
                && normalizer.apply(String.join("", a.traceback())).equals(normalizer.apply(String.join("", b.traceback())));
    }

    private Outputs normalized(Outputs o, boolean sort) {
        UnaryOperator<String> n = sort ? s -> Normalizer.sortLines(normalizer.apply(s)) : normalizer;
        return new Outputs(n.apply(o.stdout()), n.apply(o.stderr()), normalizer.apply(o.result()),
                o.ename(), normalizer.apply(o.evalue()), List.of());
    }

    private static String textOrNull(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }

    private static String name(Notebook nb, Cell cell) {
        return nb.path().getFileName() + " " + cell.label();
    }
}
