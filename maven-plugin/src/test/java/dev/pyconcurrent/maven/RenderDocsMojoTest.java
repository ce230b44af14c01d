package dev.pyconcurrent.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** render-docs: guides (with their included parts) and the notebooks' tutorials in one site. */
class RenderDocsMojoTest {
    /** What makes a browser fetch from another host: a stylesheet link, a script, an image, a frame. */
    static final java.util.regex.Pattern FETCHED = java.util.regex.Pattern.compile("(<link[^>]*href|src)=\"(https?:)?//[^\"]*\"");

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
        Files.writeString(guides.resolve("deviations.adoc"), "= Deviations\n:webfonts:\n\nNone.\n");
        Path nbs = Files.createDirectories(dir.resolve("notebooks"));
        for (String second : List.of("nc", "nd")) {
            Files.writeString(nbs.resolve(second + ".ipynb"), "{\"cells\": [{\"cell_type\": \"markdown\", \"id\": \"t\", \"metadata\": {}, "
                    + "\"source\": \"# Tutorial " + second + "\"}], \"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}");
        }
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
        assertEquals("site: " + dir.resolve("site/index.html").toUri() + " (3 guides, 3 tutorials)\n",
                Files.readString(dir.resolve("reports/summary-site.txt")));

        Path site = dir.resolve("site");
        String index = Files.readString(site.resolve("index.html"));
        assertTrue(index.contains("<title>Overview</title>"), index);
        assertTrue(index.contains("3 tutorial(s)."), index);
        assertTrue(index.contains("<a href=\"extra.html\">Extra</a>"), "a guide that exists is linked: " + index);
        assertFalse(index.contains("missing.html"), "a guide that does not exist is not: " + index);
        String extra = Files.readString(site.resolve("extra.html"));
        assertTrue(extra.contains("Part one") && extra.contains("Included text."), "parts are included: " + extra);
        assertFalse(Files.exists(site.resolve("one.html")) || Files.exists(site.resolve("parts/one.html")), "parts are not guides");
        assertTrue(Files.readString(site.resolve("tutorials/index.html")).contains("<a href=\"nb.html\">A tutorial</a>"));
        String tutorial = Files.readString(site.resolve("tutorials/nb.html"));
        assertTrue(tutorial.contains("<title>A tutorial</title>") && tutorial.contains("<pre>1</pre>"), tutorial);

        // every page: home, tutorials, deviations; a tutorial: its neighbours; nothing fetched from outside
        String guideNav = "<nav class=\"site-nav\"><a href=\"index.html\" rel=\"home\">Home</a><a href=\"tutorials/index.html\">Tutorials</a>"
                + "<a href=\"deviations.html\">Deviations from CPython</a></nav>";
        for (String g : List.of("index.html", "extra.html", "deviations.html")) {
            assertTrue(Files.readString(site.resolve(g)).contains(guideNav), g + " has the bar");
        }
        assertTrue(Files.readString(site.resolve("tutorials/nc.html")).contains(
                "<nav class=\"site-nav\"><a href=\"../index.html\" rel=\"home\">Home</a><a href=\"index.html\">Tutorials</a>"
                + "<a href=\"../deviations.html\">Deviations from CPython</a><span class=\"prev-next\">"
                + "<a href=\"nb.html\" rel=\"prev\">\u2190 A tutorial</a><a href=\"nd.html\" rel=\"next\">Tutorial nd \u2192</a></span></nav>"));
        assertTrue(tutorial.contains("<a href=\"nc.html\" rel=\"next\">") && !tutorial.contains("rel=\"prev\""), "the first has no previous");
        try (var pages = Files.walk(site)) {
            for (Path page : pages.filter(f -> f.toString().endsWith(".html") && !f.endsWith("docinfo.html")).toList()) {
                String html = Files.readString(page);
                assertEquals(List.of(), FETCHED.matcher(html).results().map(java.util.regex.MatchResult::group).toList(), page + " fetches nothing from outside");
                assertTrue(html.contains("button.className = 'copy'"), page + " has the copy-button script");
            }
        }
    }
}
