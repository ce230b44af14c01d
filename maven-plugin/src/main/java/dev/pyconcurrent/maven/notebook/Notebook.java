package dev.pyconcurrent.maven.notebook;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An nbformat 4.5 notebook of the pyconcurrent kind (DESIGN §5): Java code cells, each with its
 * Python twin in {@code metadata.pyconcurrent.python}, Markdown cells for the text, and the
 * outputs CPython printed for the twins.
 */
public final class Notebook {
    public static final String KERNEL_NAME = "pyconcurrent";

    private final Path path;
    private final ObjectNode root;
    private final List<Cell> cells = new ArrayList<>();

    private Notebook(Path path, ObjectNode root) {
        this.path = path;
        this.root = root;
        indexCells();
    }

    private void indexCells() {
        cells.clear();
        JsonNode list = root.path("cells");
        for (int i = 0; i < list.size(); i++) {
            cells.add(new Cell((ObjectNode) list.get(i), i));
        }
    }

    /**
     * Puts before every code cell that has a Python twin a Markdown cell showing that twin,
     * collapsed ({@link Cell#twinView}), so that a reader sees it in any Jupyter front end;
     * removes the views of cells that no longer have a twin and refreshes the others.
     *
     * @return true if the cells changed
     */
    public boolean syncTwinViews() {
        ArrayNode fresh = NbJson.MAPPER.createArrayNode();
        for (Cell c : cells) {
            if (c.isTwinView()) continue;
            if (c.isCode() && c.python() != null) fresh.add(c.twinView());
            fresh.add(c.json());
        }
        if (fresh.equals(root.get("cells"))) return false;
        root.set("cells", fresh);
        indexCells();
        return true;
    }

    public static Notebook read(Path path) throws IOException {
        return parse(path, Files.readString(path, StandardCharsets.UTF_8));
    }

    /**
     * @throws IllegalArgumentException saying what is wrong, without the path:
     *         {@code not valid JSON at line 3, column 7}, or what nbformat 4 structure is missing
     */
    public static Notebook parse(Path path, String text) {
        JsonNode root;
        try {
            root = NbJson.MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new IllegalArgumentException("not valid JSON"
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()), e);
        }
        if (root == null || !root.isObject() || !root.path("cells").isArray()) {
            throw new IllegalArgumentException("not an nbformat notebook (no cells list)");
        }
        if (root.path("nbformat").asInt() != 4) {
            throw new IllegalArgumentException("nbformat " + root.path("nbformat") + " (4 expected)");
        }
        return new Notebook(path, (ObjectNode) root);
    }

    public Path path() {
        return path;
    }

    /** The file name without {@code .ipynb}: {@code threading}. */
    public String name() {
        String file = path.getFileName().toString();
        return file.endsWith(".ipynb") ? file.substring(0, file.length() - 6) : file;
    }

    public List<Cell> cells() {
        return cells;
    }

    public List<Cell> codeCells() {
        return cells.stream().filter(Cell::isCode).toList();
    }

    public ObjectNode metadata() {
        return root.with("metadata");
    }

    /** The kernelspec name the notebook asks for ({@code pyconcurrent}), or null. */
    public String kernelName() {
        JsonNode name = root.path("metadata").path("kernelspec").get("name");
        return name == null ? null : name.asText();
    }

    /** The CPython version the outputs were recorded with, or null if never recorded. */
    public String recordedWith() {
        JsonNode v = root.path("metadata").path("pyconcurrent").get("python_version");
        return v == null || v.isNull() ? null : v.asText();
    }

    /** Stamps where the expected outputs come from ({@code metadata.pyconcurrent}). */
    public void stampPython(String implementation, String version) {
        ObjectNode meta = metadata().with("pyconcurrent");
        meta.put("python_implementation", implementation);
        meta.put("python_version", version);
    }

    /** The title: the first Markdown level-1 heading, else the file name. */
    public String title() {
        for (Cell c : cells) {
            if (!c.isMarkdown() || c.isTwinView()) continue;
            for (String line : c.source().split("\n")) {
                if (line.startsWith("# ")) return line.substring(2).trim();
            }
        }
        return name();
    }

    /** The notebook in nbformat's canonical text (sorted keys, one-space indent). */
    public String text() {
        return NbJson.write(root);
    }

    public void write(Path target) throws IOException {
        Files.writeString(target, text(), StandardCharsets.UTF_8);
    }

    /** A deep copy, as if read again from the same file. */
    public Notebook copy() {
        return new Notebook(path, root.deepCopy());
    }
}
