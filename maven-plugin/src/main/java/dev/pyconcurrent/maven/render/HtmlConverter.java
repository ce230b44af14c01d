package dev.pyconcurrent.maven.render;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
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

    /**
     * Converts each {@code .adoc} file to an {@code .html} beside it, with the tutorials'
     * stylesheet additions ({@code docinfo.html}) written to the same directory.
     */
    public List<Path> convert(List<Path> adocFiles) throws IOException {
        if (adocFiles.isEmpty()) return List.of();
        Path dir = adocFiles.get(0).toAbsolutePath().getParent();
        try (InputStream css = HtmlConverter.class.getResourceAsStream("/dev/pyconcurrent/maven/docinfo.html")) {
            Files.copy(css, dir.resolve("docinfo.html"), StandardCopyOption.REPLACE_EXISTING);
        }
        return adocFiles.stream().map(f -> {
            Path html = f.resolveSibling(f.getFileName().toString().replaceFirst("\\.adoc$", ".html"));
            asciidoctor.convertFile(f.toFile(), Options.builder()
                    .backend("html5").safe(SafeMode.UNSAFE).toFile(html.toFile()).build());
            return html;
        }).toList();
    }

    /**
     * Converts one {@code .adoc} file to {@code html} (its includes resolved against the
     * source's directory), with extra document attributes.
     */
    public void convert(Path adoc, Path html, Map<String, Object> attributes) throws IOException {
        Files.createDirectories(html.toAbsolutePath().getParent());
        AttributesBuilder attrs = Attributes.builder();
        attributes.forEach(attrs::attribute);
        asciidoctor.convertFile(adoc.toFile(), Options.builder()
                .backend("html5").safe(SafeMode.UNSAFE)
                .baseDir(adoc.toAbsolutePath().getParent().toFile())
                .attributes(attrs.build())
                .toFile(html.toFile()).build());
    }

    @Override
    public void close() {
        asciidoctor.shutdown();
    }
}
