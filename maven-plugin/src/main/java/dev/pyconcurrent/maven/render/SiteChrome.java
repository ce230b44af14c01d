package dev.pyconcurrent.maven.render;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What every rendered page gets around Asciidoctor's HTML: a navigation bar at the top (home,
 * tutorials, deviations, and a tutorial's previous and next), and, inline so that the page makes
 * no request of its own, the styles and the small script that adds a copy button to each code
 * block ({@code site-chrome.html}).
 */
public final class SiteChrome {
    private static final Pattern BODY = Pattern.compile("<body[^>]*>");
    private static final String CHROME = resource("/dev/pyconcurrent/maven/site-chrome.html");

    private SiteChrome() {}

    /** A link of the bar: where to, its text, and its {@code rel} ({@code home}, {@code prev}, {@code next}, or null). */
    public record Link(String href, String text, String rel) {}

    /**
     * The bar for one page.
     *
     * @param home the site's overview (or the tutorials index when there is no site), relative to the page
     * @param tutorials the tutorials index, or null on that page itself
     * @param deviations the deviations page, or null when the site has none
     * @param prev the previous tutorial, or null
     * @param next the next tutorial, or null
     */
    public static String nav(String home, String tutorials, String deviations, Link prev, Link next) {
        List<Link> links = new ArrayList<>();
        links.add(new Link(home, "Home", "home"));
        if (tutorials != null) links.add(new Link(tutorials, "Tutorials", null));
        if (deviations != null) links.add(new Link(deviations, "Deviations from CPython", null));
        StringBuilder sb = new StringBuilder("<nav class=\"site-nav\">");
        for (Link l : links) a(sb, l, l.text());
        if (prev != null || next != null) {
            sb.append("<span class=\"prev-next\">");
            if (prev != null) a(sb, prev, "\u2190 " + prev.text());
            if (next != null) a(sb, next, next.text() + " \u2192");
            sb.append("</span>");
        }
        return sb.append("</nav>").toString();
    }

    private static void a(StringBuilder sb, Link l, String text) {
        sb.append("<a href=\"").append(escape(l.href())).append('"');
        if (l.rel() != null) sb.append(" rel=\"").append(l.rel()).append('"');
        sb.append('>').append(escape(text)).append("</a>");
    }

    /** {@code html} with {@code nav} opening the body and the styles and copy-button script closing it. */
    public static String decorate(String html, String nav) {
        Matcher body = BODY.matcher(html);
        if (!body.find()) return html;
        int close = html.lastIndexOf("</body>");
        if (close < body.end()) return html;
        return html.substring(0, body.end()) + "\n" + nav + html.substring(body.end(), close) + CHROME + html.substring(close);
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String resource(String name) {
        try (InputStream in = SiteChrome.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
