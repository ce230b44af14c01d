package dev.pyconcurrent.maven.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** One cell of a {@link Notebook}: a view over its JSON object (changes write through). */
public final class Cell {
    public static final String RAISES_EXCEPTION = "raises-exception";
    public static final String SKIP_CHECK = "skip-check";
    public static final String IGNORE_OUTPUT = "ignore-output";
    public static final String SORT_LINES = "sort-lines";
    /** A cell whose API exists only in CPython 3.14: checked against the output the CPython docs show. */
    public static final String PYTHON_314 = "python-3.14";
    /** Where a {@link #PYTHON_314} cell's expected output comes from (metadata.pyconcurrent.expected_from). */
    public static final String EXPECTED_FROM = "expected_from";
    /** A Java cell with no Python twin on purpose (set-up only Java needs): run, never compared. */
    public static final String JAVA_ONLY = "java-only";
    /** {@code metadata.pyconcurrent.raises}: which side raises in a {@link #RAISES_EXCEPTION} cell ({@code both} unless said). */
    public static final String RAISES = "raises";
    /** The {@link #RAISES} value of a cell that raises only in Java (its twin runs fine). */
    public static final String JAVA_SIDE = "java";
    /** {@code metadata.pyconcurrent.java_error}: the exception name a Java-only raising cell raises. */
    public static final String JAVA_ERROR = "java_error";
    /** {@code metadata.pyconcurrent.twin_of}: the Markdown cell showing the twin of the code cell with this id. */
    public static final String TWIN_OF = "twin_of";
    /** The metadata that names a Python twin, as messages spell it. */
    public static final String TWIN_KEY = "metadata.pyconcurrent.python";

    private final ObjectNode node;
    private final int index;

    Cell(ObjectNode node, int index) {
        this.node = node;
        this.index = index;
    }

    /** Position in the notebook's cell list, from 0 (as nbformat's JSON array). */
    public int index() {
        return index;
    }

    /** nbformat 4.5's cell id, or null in older notebooks. */
    public String id() {
        JsonNode id = node.get("id");
        return id == null || id.isNull() ? null : id.asText();
    }

    /** {@code cell[3] (id a1b2)}: how reports name this cell. */
    public String label() {
        return "cell[" + index + "]" + (id() == null ? "" : " (id " + id() + ")");
    }

    public String type() {
        return node.path("cell_type").asText();
    }

    public boolean isCode() {
        return "code".equals(type());
    }

    public boolean isMarkdown() {
        return "markdown".equals(type());
    }

    /** The cell's source: Java for a code cell, Markdown for a markdown cell. */
    public String source() {
        return NbJson.text(node.get("source"));
    }

    /** The Python twin ({@code metadata.pyconcurrent.python}), or null. */
    public String python() {
        JsonNode py = node.path("metadata").path("pyconcurrent").get("python");
        return py == null || py.isNull() ? null : NbJson.text(py);
    }

    public List<String> tags() {
        List<String> tags = new ArrayList<>();
        node.path("metadata").path("tags").forEach(t -> tags.add(t.asText()));
        return tags;
    }

    public boolean hasTag(String tag) {
        return tags().contains(tag);
    }

    /** {@code metadata.pyconcurrent.timeout} in seconds, or null for the global default. */
    public Double timeout() {
        JsonNode t = node.path("metadata").path("pyconcurrent").get("timeout");
        return t == null || !t.isNumber() ? null : t.doubleValue();
    }

    /** {@code metadata.pyconcurrent.expected_from}, or null. */
    public String expectedFrom() {
        return pyconcurrent(EXPECTED_FROM);
    }

    /**
     * True for a {@link #RAISES_EXCEPTION} cell whose {@code metadata.pyconcurrent.raises} is
     * {@code java}: the Java cell raises ({@link #javaError()}), its Python twin does not. The tag
     * lets Jupyter's Run All go on past it; record expects the twin not to raise; check expects
     * the Java error instead of the twin's output.
     */
    public boolean raisesOnlyInJava() {
        return hasTag(RAISES_EXCEPTION) && JAVA_SIDE.equals(pyconcurrent(RAISES));
    }

    /** {@code metadata.pyconcurrent.java_error}, or null. */
    public String javaError() {
        return pyconcurrent(JAVA_ERROR);
    }

    /** True for a code cell tagged {@link #JAVA_ONLY}: no twin wanted. */
    public boolean isJavaOnly() {
        return hasTag(JAVA_ONLY);
    }

    /** True for a Java cell that should have a Python twin and has none. */
    public boolean lacksTwin() {
        return isCode() && !isJavaOnly() && python() == null;
    }

    /**
     * Why this code cell's output is not compared with CPython's, or null when it is: a
     * {@code skip-check}, {@code ignore-output}, {@code java-only} or Java-only raising cell,
     * with the reason its metadata gives ({@code skip_reason} or {@code deviation}) when it does.
     */
    public String uncheckedReason() {
        String why = hasTag(SKIP_CHECK) ? "not run by the check"
                : raisesOnlyInJava() ? "the Java cell raises " + (javaError() == null ? "an exception" : javaError()) + " instead"
                : hasTag(IGNORE_OUTPUT) ? "output not compared"
                : isJavaOnly() ? "Java only, no Python twin"
                : null;
        if (why == null) return null;
        String reason = pyconcurrent("skip_reason") != null ? pyconcurrent("skip_reason") : pyconcurrent("deviation");
        return reason == null ? why : why + ": " + reason;
    }

    private String pyconcurrent(String key) {
        JsonNode t = node.path("metadata").path("pyconcurrent").get(key);
        return t == null || t.isNull() ? null : t.asText();
    }

    /** True for cells whose expected output is not CPython 3.13's (record and verify-reference leave them). */
    public boolean isPython314() {
        return hasTag(PYTHON_314);
    }

    /** The stored outputs, read back from nbformat's stream / execute_result / error outputs. */
    public Outputs outputs() {
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        String result = null;
        String ename = null;
        String evalue = null;
        List<String> traceback = new ArrayList<>();
        for (JsonNode o : node.path("outputs")) {
            switch (o.path("output_type").asText()) {
                case "stream" -> ("stderr".equals(o.path("name").asText()) ? err : out).append(NbJson.text(o.get("text")));
                case "execute_result", "display_data" -> {
                    JsonNode plain = o.path("data").get("text/plain");
                    if (plain != null) result = (result == null ? "" : result + "\n") + NbJson.text(plain);
                }
                case "error" -> {
                    ename = o.path("ename").asText();
                    evalue = o.path("evalue").asText();
                    o.path("traceback").forEach(line -> traceback.add(line.asText()));
                }
                default -> { }
            }
        }
        return new Outputs(out.toString(), err.toString(), result, ename, evalue, traceback);
    }

    /** Replaces the outputs with {@code outputs} in nbformat's shape, in Jupyter's order. */
    public void outputs(Outputs outputs, Integer executionCount) {
        ArrayNode list = NbJson.MAPPER.createArrayNode();
        if (!outputs.stdout().isEmpty()) list.add(stream("stdout", outputs.stdout()));
        if (!outputs.stderr().isEmpty()) list.add(stream("stderr", outputs.stderr()));
        if (outputs.result() != null) {
            ObjectNode r = list.addObject();
            r.putObject("data").set("text/plain", NbJson.lines(outputs.result()));
            if (executionCount == null) r.putNull("execution_count");
            else r.put("execution_count", executionCount);
            r.putObject("metadata");
            r.put("output_type", "execute_result");
        }
        if (outputs.raised()) {
            ObjectNode e = list.addObject();
            e.put("ename", outputs.ename());
            e.put("evalue", outputs.evalue() == null ? "" : outputs.evalue());
            e.put("output_type", "error");
            ArrayNode tb = e.putArray("traceback");
            outputs.traceback().forEach(tb::add);
        }
        node.set("outputs", list);
        if (executionCount == null) node.putNull("execution_count");
        else node.put("execution_count", executionCount);
    }

    private static ObjectNode stream(String name, String text) {
        ObjectNode s = NbJson.MAPPER.createObjectNode();
        s.put("name", name);
        s.put("output_type", "stream");
        s.set("text", NbJson.lines(text));
        return s;
    }

    /**
     * True for the Markdown cell that shows a code cell's Python twin in Jupyter
     * ({@code metadata.pyconcurrent.twin_of}); generated by {@code record}, never edited by hand.
     */
    public boolean isTwinView() {
        return isMarkdown() && pyconcurrent(TWIN_OF) != null;
    }

    /**
     * The Markdown cell that shows this cell's Python twin, collapsed: an HTML
     * {@code <details>} block, which Jupyter Notebook, JupyterLab and GitHub render as a
     * "Python twin" line that opens on a click.
     */
    ObjectNode twinView() {
        String code = python().endsWith("\n") ? python() : python() + "\n";
        String fence = "```";
        while (code.contains(fence)) fence += "`";
        ObjectNode view = NbJson.MAPPER.createObjectNode();
        view.put("cell_type", "markdown");
        String owner = id() == null ? "cell-" + index : id();
        if (id() != null) view.put("id", owner + "-py");
        view.putObject("metadata").putObject("pyconcurrent").put(TWIN_OF, owner);
        view.set("source", NbJson.lines("<details><summary>Python twin</summary>\n\n" + fence + "python\n" + code + fence
                + "\n\n</details>"));
        return view;
    }

    ObjectNode json() {
        return node;
    }
}
