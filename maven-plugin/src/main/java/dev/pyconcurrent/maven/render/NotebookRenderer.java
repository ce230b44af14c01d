package dev.pyconcurrent.maven.render;

import dev.pyconcurrent.maven.notebook.Cell;
import dev.pyconcurrent.maven.notebook.Notebook;
import dev.pyconcurrent.maven.notebook.Outputs;
import java.util.List;

/**
 * A notebook as an AsciiDoc tutorial: the Markdown cells as prose (the first level-1 heading
 * becomes the document title), each code cell as a two-column block (the Python twin beside
 * the Java source), then the output CPython printed for it (stdout, stderr, the value, the
 * exception), which the {@code check} goal proved the Java cell prints too.
 */
public final class NotebookRenderer {
    /** Cell separator inside the two-column tables: code never contains it in practice (and is escaped if it does). */
    private static final String SEP = "¦";

    private NotebookRenderer() {}

    public static String toAsciiDoc(Notebook notebook) {
        StringBuilder out = new StringBuilder();
        String title = notebook.title();
        out.append("= ").append(MarkdownToAsciiDoc.escape(title)).append('\n');
        out.append(":toc: left\n:toclevels: 2\n:source-highlighter: rouge\n");
        out.append(":nofooter:\n:docinfo: shared\n:webfonts!:\n");
        if (notebook.recordedWith() != null) out.append(":python-version: ").append(notebook.recordedWith()).append('\n');
        out.append('\n');
        if (notebook.recordedWith() != null) {
            out.append("[.recorded]\nExpected outputs recorded with CPython {python-version}; every Java cell is checked to print the same, except where marked *Not checked*.\n\n");
        }
        boolean titleSkipped = false;
        for (Cell cell : notebook.cells()) {
            if (cell.isTwinView()) continue; // the twin is beside its Java source already
            if (cell.isMarkdown()) {
                String md = cell.source();
                if (!titleSkipped && title.equals(MarkdownToAsciiDoc.title(md))) {
                    md = dropFirstH1(md);
                    titleSkipped = true;
                }
                out.append(MarkdownToAsciiDoc.convert(md, 0)).append('\n');
            } else if (cell.isCode()) {
                code(cell, out);
            }
        }
        return out.toString();
    }

    private static String dropFirstH1(String md) {
        List<String> lines = md.lines().toList();
        StringBuilder sb = new StringBuilder();
        boolean dropped = false;
        for (String line : lines) {
            if (!dropped && line.startsWith("# ")) {
                dropped = true;
                continue;
            }
            sb.append(line).append('\n');
        }
        return sb.toString();
    }

    private static void code(Cell cell, StringBuilder out) {
        String id = cell.id() == null ? "cell-" + cell.index() : "cell-" + cell.id();
        out.append("[[").append(id.replaceAll("[^A-Za-z0-9_-]", "_")).append("]]\n");
        if (cell.python() != null) {
            out.append("[cols=\"1a,1a\",options=\"header\",frame=none,grid=cols,separator=").append(SEP).append(",role=twin]\n|===\n");
            out.append(SEP).append("Python ").append(SEP).append("Java\n\n");
            out.append(SEP).append('\n');
            source("python", cell.python(), out);
            out.append(SEP).append('\n');
            source("java", cell.source(), out);
            out.append("|===\n\n");
        } else {
            out.append(".Java\n");
            source("java", cell.source(), out);
            out.append('\n');
        }
        if (cell.uncheckedReason() != null) {
            out.append("[.unchecked]\n*Not checked against CPython*: ").append(MarkdownToAsciiDoc.escape(cell.uncheckedReason())).append(".\n\n");
        }
        if (cell.isPython314()) {
            out.append("NOTE: Python 3.14 API; the expected output is ")
                    .append(cell.expectedFrom() == null ? "the one the CPython 3.14 documentation shows" : MarkdownToAsciiDoc.escape(cell.expectedFrom()))
                    .append(".\n\n");
        }
        Outputs o = cell.outputs();
        literal("Output", "cell-stdout", o.stdout(), out);
        literal("Standard error", "cell-stderr", o.stderr(), out);
        if (o.result() != null) literal("Value", "cell-result", o.result(), out);
        if (o.raised()) {
            String text = o.traceback().isEmpty() ? o.error() : String.join("", o.traceback());
            literal("Raises", "cell-exception", text, out);
        }
    }

    /**
     * A source block. Every line is indented by one space and the block says {@code indent=0}
     * (which strips the common indentation again): Asciidoctor's table parser drops lines that
     * start with {@code //} as AsciiDoc comments, even inside a listing in a cell, and Java's
     * comments must survive.
     */
    private static void source(String language, String code, StringBuilder out) {
        String body = code.replace(SEP, "\\" + SEP);
        if (!body.endsWith("\n")) body += "\n";
        out.append("[source,").append(language).append(",indent=0]\n----\n");
        for (String line : body.split("\n", -1)) {
            if (!line.isEmpty()) out.append(' ').append(line);
            out.append('\n');
        }
        out.setLength(out.length() - 1);
        out.append("----\n");
    }

    private static void literal(String title, String role, String text, StringBuilder out) {
        if (text == null || text.isEmpty()) return;
        out.append('.').append(title).append("\n[.").append(role).append("]\n....\n")
                .append(text.endsWith("\n") ? text : text + "\n").append("....\n\n");
    }

    /** The index page: one link per tutorial, with its title. */
    public static String index(String title, List<Notebook> notebooks) {
        StringBuilder out = new StringBuilder();
        out.append("= ").append(MarkdownToAsciiDoc.escape(title)).append("\n:nofooter:\n:docinfo: shared\n:webfonts!:\n\n");
        out.append("Each tutorial shows a Python module's API next to its pyconcurrent Java equivalent, with the output "
                + "CPython 3.13 prints; the Java cells are checked to print the same.\n\n");
        for (Notebook nb : notebooks) {
            out.append("* link:").append(nb.name()).append(".html[").append(MarkdownToAsciiDoc.escape(nb.title())).append("]\n");
        }
        return out.toString();
    }
}
