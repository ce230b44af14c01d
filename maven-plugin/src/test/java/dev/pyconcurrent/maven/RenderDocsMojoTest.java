package dev.pyconcurrent.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** render-docs: guides (with their included parts) and the notebooks' tutorials in one site. */
class RenderDocsMojoTest {
    @TempDir
    Path dir;

    @Test
    void guidesAndTutorialsRenderedIntoOneSite() throws Exception {
        Path guides = Files.createDirectories(dir.resolve("docs/parts"));
        guides = guides.getParent();
        Files.writeString(guides.resolve("index.adoc"), "= Overview\n\n{tutorials-count} tutorial(s).\n\n"
                + "ifdef::guide-extra[]\nlink:extra.html[Extra]\nendif::[]\n"
                + "ifdef::guide-missing[]\nlink:missing.html[Missing]\nendif::[]\n");
        Files.writeString(guides.resolve("extra.adoc"), "= Extra\n\ninclude::parts/one.adoc[]\n");
        Files.writeString(guides.resolve("parts/one.adoc"), "== Part one\n\nIncluded text.\n");
        Path nbs = Files.createDirectories(dir.resolve("notebooks"));
        Files.writeString(nbs.resolve("nb.ipynb"), "{\"cells\": [{\"cell_type\": \"markdown\", \"id\": \"t\", \"metadata\": {}, "
                + "\"source\": \"# A tutorial\"}, {\"cell_type\": \"code\", \"execution_count\": null, \"id\": \"c\", "
                + "\"metadata\": {\"pyconcurrent\": {\"python\": \"print(1)\"}}, \"outputs\": [{\"name\": \"stdout\", "
                + "\"output_type\": \"stream\", \"text\": \"1\\n\"}], \"source\": \"Py.print(1);\"}], \"metadata\": {}, "
                + "\"nbformat\": 4, \"nbformat_minor\": 5}");

        RenderDocsMojo m = new RenderDocsMojo();
        m.guides = guides.toFile();
        m.notebooks = nbs.toFile();
        m.siteDirectory = dir.resolve("site").toFile();
        m.indexTitle = "Tutorials";
        m.summaryDirectory = dir.resolve("reports").toFile();
        m.setLog(new RecordingLog());
        m.execute();
        assertEquals("site: " + dir.resolve("site/index.html").toUri() + " (2 guides, 1 tutorials)\n",
                Files.readString(dir.resolve("reports/summary-site.txt")));

        Path site = dir.resolve("site");
        String index = Files.readString(site.resolve("index.html"));
        assertTrue(index.contains("<title>Overview</title>"), index);
        assertTrue(index.contains("1 tutorial(s)."), index);
        assertTrue(index.contains("<a href=\"extra.html\">Extra</a>"), "a guide that exists is linked: " + index);
        assertFalse(index.contains("missing.html"), "a guide that does not exist is not: " + index);
        String extra = Files.readString(site.resolve("extra.html"));
        assertTrue(extra.contains("Part one") && extra.contains("Included text."), "parts are included: " + extra);
        assertFalse(Files.exists(site.resolve("one.html")) || Files.exists(site.resolve("parts/one.html")), "parts are not guides");
        assertTrue(Files.readString(site.resolve("tutorials/index.html")).contains("<a href=\"nb.html\">A tutorial</a>"));
        String tutorial = Files.readString(site.resolve("tutorials/nb.html"));
        assertTrue(tutorial.contains("<title>A tutorial</title>") && tutorial.contains("<pre>1</pre>"), tutorial);
    }
}
