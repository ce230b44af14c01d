package dev.pyconcurrent.docs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Opens the rendered site (target/site, made by the plugin's render-docs goal in package) in
 * headless Chromium and checks what the browser built from it: the overview, the tutorials
 * index and one tutorial (title, the Python and Java code side by side, the outputs), and takes
 * a screenshot of that tutorial (target/screenshots/). Skipped when /usr/bin/chromium is absent.
 */
class SiteRenderIT {
    static final Path CHROMIUM = Path.of(System.getProperty("pyconcurrent.chromium", "/usr/bin/chromium"));
    static final Path SITE = Path.of(System.getProperty("pyconcurrent.site", "target/site")).toAbsolutePath();
    static final Path GUIDES = Path.of(System.getProperty("pyconcurrent.guides", ".")).toAbsolutePath();
    static final Pattern HREF = Pattern.compile("<a href=\"([^\"#]+)\"[^>]*>([^<]*)</a>");

    @BeforeEach
    void needsChromium() {
        if (!Files.isExecutable(CHROMIUM)) {
            String why = CHROMIUM + " is absent: the site's browser check is skipped (apt-get install -y chromium)";
            System.err.println("[WARNING] SiteRenderIT: " + why);
            Assumptions.abort(why);
        }
    }

    @Test
    void overviewLinksTheGuidesAndTheTutorialsAndShowsTheMappingTable() throws Exception {
        String dom = dumpDom(SITE.resolve("index.html"));
        assertTrue(dom.contains("<title>pyconcurrent</title>"), "title");
        assertTrue(dom.contains("<h1>pyconcurrent</h1>"), "heading");
        String mapping = element(dom, "<table class=\"tableblock frame-all grid-all stretch mapping\">", "</table>");
        for (String s : List.of("<th class=\"tableblock halign-left valign-top\">Python</th>", ">Java</th>",
                "Threading.currentThread()", "new Thread(() -&gt; worker())", "cond.signalAll()",
                "try (var held = lock.enter()) {", "Popen.options().captureOutput(true)", "catch (PyException e)")) {
            assertTrue(mapping.contains(s), "mapping table shows " + s);
        }
        List<String> links = links(dom).stream().map(l -> l[0]).toList();
        assertTrue(links.contains("tutorials/index.html"), "links the tutorials: " + links);
        try (Stream<Path> guides = Files.list(GUIDES)) {
            for (Path g : guides.filter(p -> p.toString().endsWith(".adoc") && !p.endsWith("index.adoc")).toList()) {
                String html = g.getFileName().toString().replace(".adoc", ".html");
                assertTrue(links.contains(html), "links the guide " + html + ": " + links);
            }
        }
        for (String l : links) {
            if (!l.contains(":")) assertTrue(Files.isRegularFile(SITE.resolve(l)), "link target exists: " + l);
        }
    }

    @Test
    void deviationsIncludeEveryModulesSection() throws Exception {
        String dom = dumpDom(SITE.resolve("deviations.html"));
        assertTrue(dom.contains("<title>Deviations from CPython</title>"), "title");
        try (Stream<Path> parts = Files.list(GUIDES.resolve("deviations"))) {
            long headings = 0;
            for (Path part : parts.filter(p -> p.toString().endsWith(".adoc")).toList()) {
                long h = Files.readAllLines(part).stream().filter(l -> l.startsWith("== ")).count();
                assertTrue(h > 0, part + " has a section");
                headings += h;
            }
            long sections = Pattern.compile("<h2 id=").matcher(dom).results().count();
            assertEquals(headings, sections, "every section of docs/deviations/*.adoc is in the page");
        }
        assertFalse(dom.contains("Unresolved directive"), "every include resolved");
    }

    @Test
    void aTutorialShowsPythonBesideJavaAndTheOutputs() throws Exception {
        List<String[]> tutorials = links(dumpDom(SITE.resolve("tutorials/index.html")));
        assertFalse(tutorials.isEmpty(), "the tutorials index links the tutorials");
        for (String[] t : tutorials) assertTrue(Files.isRegularFile(SITE.resolve("tutorials").resolve(t[0])), "exists: " + t[0]);
        String[] tutorial = tutorials.stream().filter(t -> t[0].equals("queue.html")).findFirst().orElse(tutorials.get(0));
        Path page = SITE.resolve("tutorials").resolve(tutorial[0]);
        String dom = dumpDom(page);

        assertTrue(dom.contains("<title>" + tutorial[1] + "</title>"), "title " + tutorial[1]);
        assertTrue(dom.contains("<h1>" + tutorial[1] + "</h1>"), "heading " + tutorial[1]);

        List<String> twins = elements(dom, "<table id=\"cell-", "</table>").stream()
                .filter(t -> t.contains(" twin\"")).toList();
        assertTrue(twins.size() >= 3, "code cells as Python | Java tables: " + twins.size());
        for (String twin : twins) {
            assertTrue(twin.contains(">Python</th>") && twin.contains(">Java</th>"), "headed Python | Java: " + twin);
            int py = twin.indexOf("<code data-lang=\"python\">");
            int java = twin.indexOf("<code data-lang=\"java\">");
            assertTrue(py >= 0 && java > py, "the Python twin, then the Java source: " + twin);
        }
        assertTrue(twins.stream().anyMatch(t -> t.contains("<span class=\"nc\">Py</span>")), "Java highlighted by rouge");

        List<String> outputs = elements(dom, "<div class=\"literalblock cell-stdout\">", "</pre>");
        assertFalse(outputs.isEmpty(), "outputs shown");
        for (String o : outputs) {
            assertTrue(o.contains("<div class=\"title\">Output</div>"), o);
            assertFalse(o.substring(o.indexOf("<pre>") + 5).isBlank(), "non-empty output: " + o);
        }
        assertTrue(dom.contains("table.twin"), "the tutorials' stylesheet additions are in the page");

        Path png = screenshot(page, Path.of("target", "screenshots", tutorial[0].replace(".html", ".png")));
        byte[] head = Arrays.copyOf(Files.readAllBytes(png), 8);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, head, "a PNG");
        assertTrue(Files.size(png) > 20_000, "the screenshot shows something: " + Files.size(png) + " bytes");
    }

    @Test
    void everyPageLinksHomeTheTutorialsTheDeviationsAndItsNeighbourTutorials() throws Exception {
        List<String> tutorials = links(dumpDom(SITE.resolve("tutorials/index.html"))).stream().map(l -> l[0]).toList();
        assertTrue(tutorials.size() >= 2, "tutorials: " + tutorials);
        List<Path> pages = new ArrayList<>();
        try (Stream<Path> guides = Files.list(SITE)) {
            guides.filter(p -> p.toString().endsWith(".html")).sorted().forEach(pages::add);
        }
        pages.add(SITE.resolve("tutorials/index.html"));
        tutorials.forEach(t -> pages.add(SITE.resolve("tutorials").resolve(t)));
        for (Path page : pages) {
            List<String[]> nav = links(element(dumpDom(page), "<nav class=\"site-nav\">", "</nav>"));
            Path dir = page.getParent();
            List<Path> targets = nav.stream().map(l -> dir.resolve(l[0]).normalize()).toList();
            for (Path t : targets) assertTrue(Files.isRegularFile(t), page + " links " + t + ", which exists");
            assertTrue(targets.contains(SITE.resolve("index.html")), page + " links home: " + targets);
            assertTrue(targets.contains(SITE.resolve("deviations.html")), page + " links the deviations: " + targets);
            int i = tutorials.indexOf(page.getFileName().toString());
            if (!dir.equals(SITE.resolve("tutorials")) || i < 0) continue;
            Path prev = i == 0 ? null : dir.resolve(tutorials.get(i - 1));
            Path next = i == tutorials.size() - 1 ? null : dir.resolve(tutorials.get(i + 1));
            assertTrue(targets.contains(SITE.resolve("tutorials/index.html")), page + " links the tutorials: " + targets);
            if (prev != null) assertTrue(targets.contains(prev), page + " links the previous tutorial " + prev);
            if (next != null) assertTrue(targets.contains(next), page + " links the next tutorial " + next);
            assertEquals((prev == null ? 0 : 1) + (next == null ? 0 : 1),
                    nav.stream().filter(l -> l[1].startsWith("\u2190 ") || l[1].endsWith(" \u2192")).count(), page + ": previous/next");
        }
    }

    @Test
    void codeBlocksHaveCopyButtonsAndUncheckedCellsAreMarked() throws Exception {
        String dom = dumpDom(SITE.resolve("tutorials/threading.html"));
        long blocks = elements(dom, "<div class=\"listingblock", "</pre>").size();
        long buttons = Pattern.compile("<button class=\"copy\" type=\"button\">Copy</button>").matcher(dom).results().count();
        assertTrue(blocks > 50, "code blocks: " + blocks);
        assertEquals(blocks, buttons, "one copy button per code block");
        String unchecked = cell(dom, "semaphore-half");
        assertTrue(unchecked.contains("<div class=\"paragraph unchecked\">")
                && unchecked.contains("the Java cell raises CompilationError instead"), unchecked);
        assertTrue(cell(dom, "settrace-called").contains("<div class=\"paragraph unchecked\">"), "a skip-check cell is marked");
        assertFalse(cell(dom, "semaphore-negative").contains("unchecked"), "a checked cell is not marked");
    }

    /** The page from a code cell's table to the next cell's. */
    static String cell(String dom, String id) {
        int start = dom.indexOf("<table id=\"cell-" + id + "\"");
        assertTrue(start >= 0, "cell " + id + " rendered");
        int end = dom.indexOf("<table id=\"cell-", start + 1);
        return dom.substring(start, end < 0 ? dom.length() : end);
    }

    @Test
    void theRequestCheckSeesARequestToAnotherHost() throws Exception {
        Path page = Files.createDirectories(Path.of("target", "request-check")).resolve("external.html").toAbsolutePath();
        Files.writeString(page, "<html><head><link rel=\"stylesheet\" href=\"https://fonts.example.org/css?family=X\"></head>"
                + "<body><img src=\"http://images.example.org/x.png\"></body></html>");
        Path netLog = Files.createTempFile("chromium-netlog", ".json");
        try {
            chromium(netLog, "--dump-dom", page.toUri().toString());
            assertEquals(List.of("https://fonts.example.org/css?family=X", "http://images.example.org/x.png"),
                    externalRequests(netLog).stream().sorted(Comparator.reverseOrder()).toList());
        } finally {
            Files.deleteIfExists(netLog);
        }
    }

    // --- Chromium ---

    static String dumpDom(Path html) throws Exception {
        assertTrue(Files.isRegularFile(html), html + " was rendered (mvn package in docs/)");
        return new String(chromium("--dump-dom", html.toUri().toString()), StandardCharsets.UTF_8);
    }

    static Path screenshot(Path html, Path png) throws Exception {
        Files.createDirectories(png.toAbsolutePath().getParent());
        Files.deleteIfExists(png);
        chromium("--window-size=1280,1600", "--screenshot=" + png.toAbsolutePath(), html.toUri().toString());
        assertTrue(Files.isRegularFile(png), "screenshot written: " + png);
        System.out.println("SiteRenderIT: screenshot of " + html + ": " + png.toAbsolutePath());
        return png;
    }

    /**
     * Runs headless Chromium with a throw-away profile and no network chatter; returns its
     * stdout. Every page it opens must make no request to another host: host names resolve to
     * nothing (so no request can leave the machine) and Chromium's network log is read for the
     * page's requests to http(s) URLs.
     */
    static byte[] chromium(String... args) throws Exception {
        Path netLog = Files.createTempFile("chromium-netlog", ".json");
        try {
            byte[] out = chromium(netLog, args);
            List<String> external = externalRequests(netLog);
            assertEquals(List.of(), external, "the page makes no request to another host: " + List.of(args));
            return out;
        } finally {
            Files.deleteIfExists(netLog);
        }
    }

    /** A request of the page (its network isolation key is the file:// origin) to an http(s) or ws(s) URL. */
    static final Pattern PAGE_REQUEST = Pattern.compile(
            "\"network_isolation_key\":\"file://.*?\"url\":\"((?:https?|wss?)://[^\"]*)\"");

    /** The URLs of other hosts the page asked for, from Chromium's network log. */
    static List<String> externalRequests(Path netLog) throws IOException {
        List<String> urls = new ArrayList<>();
        for (String line : Files.readAllLines(netLog, StandardCharsets.UTF_8)) {
            Matcher m = PAGE_REQUEST.matcher(line);
            if (m.find() && !urls.contains(m.group(1))) urls.add(m.group(1));
        }
        return urls;
    }

    static byte[] chromium(Path netLog, String... args) throws Exception {
        Path profile = Files.createTempDirectory("chromium-profile");
        List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--host-resolver-rules=MAP * ~NOTFOUND",
                "--log-net-log=" + netLog));
        cmd.addAll(List.of(args));
        Path err = Files.createTempFile("chromium", ".err");
        try {
            Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
            p.getOutputStream().close();
            byte[] out;
            try (var in = p.getInputStream()) {
                out = in.readAllBytes();
            }
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                fail("chromium did not finish in 60 s: " + cmd);
            }
            if (p.exitValue() != 0) fail("chromium exited with " + p.exitValue() + ": " + cmd + "\n" + Files.readString(err));
            return out;
        } finally {
            Files.deleteIfExists(err);
            deleteTree(profile);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    // --- DOM text ---

    /** The first element starting with {@code open}, up to its {@code close}. */
    static String element(String dom, String open, String close) {
        List<String> all = elements(dom, open, close);
        assertFalse(all.isEmpty(), "no " + open + " in the page");
        return all.get(0);
    }

    static List<String> elements(String dom, String open, String close) {
        List<String> found = new ArrayList<>();
        for (int i = dom.indexOf(open); i >= 0; i = dom.indexOf(open, i + 1)) {
            int end = dom.indexOf(close, i);
            if (end < 0) break;
            found.add(dom.substring(i, end + close.length()));
        }
        return found;
    }

    /** Local links of the page's body (href, text), in order. */
    static List<String[]> links(String dom) {
        List<String[]> links = new ArrayList<>();
        Matcher m = HREF.matcher(dom.substring(Math.max(0, dom.indexOf("<div id=\"content\">"))));
        while (m.find()) links.add(new String[] {m.group(1), m.group(2)});
        return links;
    }
}
