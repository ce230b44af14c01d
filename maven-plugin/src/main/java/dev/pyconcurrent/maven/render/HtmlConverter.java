package dev.pyconcurrent.maven.render;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import org.asciidoctor.Asciidoctor;
import org.asciidoctor.Attributes;
import org.asciidoctor.AttributesBuilder;
import org.asciidoctor.Options;
import org.asciidoctor.SafeMode;

/** AsciiDoc → HTML with asciidoctorj (one JRuby runtime for all files: it is slow to start). */
public final class HtmlConverter implements AutoCloseable {
    private final Asciidoctor asciidoctor;

    public HtmlConverter() {
        this.asciidoctor = Asciidoctor.Factory.create();
    }

    /** Writes the tutorials' stylesheet additions ({@code docinfo.html}, which their pages ask for) into {@code dir}. */
    public static void tutorialStyles(Path dir) throws IOException {
        Files.createDirectories(dir);
        try (InputStream css = HtmlConverter.class.getResourceAsStream("/dev/pyconcurrent/maven/docinfo.html")) {
            Files.copy(css, dir.resolve("docinfo.html"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Converts one {@code .adoc} file to {@code html} (its includes and docinfo resolved against
     * the source's directory), with extra document attributes, then adds the site's chrome with
     * {@code nav} ({@link SiteChrome}). Web fonts are always off: a page fetches nothing from
     * outside the machine (Asciidoctor's default stylesheet would link Google's fonts).
     */
    public void convert(Path adoc, Path html, Map<String, Object> attributes, String nav) throws IOException {
        Files.createDirectories(html.toAbsolutePath().getParent());
        AttributesBuilder attrs = Attributes.builder().attribute("webfonts", null); // null unsets it, even against the document
        attributes.forEach(attrs::attribute);
        asciidoctor.convertFile(adoc.toFile(), Options.builder()
                .backend("html5").safe(SafeMode.UNSAFE)
                .baseDir(adoc.toAbsolutePath().getParent().toFile())
                .attributes(attrs.build())
                .toFile(html.toAbsolutePath().toFile()).build());
        Files.writeString(html, SiteChrome.decorate(Files.readString(html, StandardCharsets.UTF_8), nav), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        asciidoctor.shutdown();
    }
}
