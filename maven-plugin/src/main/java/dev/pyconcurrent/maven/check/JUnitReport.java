package dev.pyconcurrent.maven.check;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes a notebook's results as Surefire does ({@code TEST-<name>.xml}, one
 * {@code <testsuite>} per notebook, one {@code <testcase>} per code cell, {@code <failure>} for
 * a wrong output, {@code <error>} for a timeout or kernel failure, {@code <skipped>}), so CI
 * report readers and the surefire-report plugin take it as is.
 */
public final class JUnitReport {
    private JUnitReport() {}

    public static Path write(NotebookResult result, Path directory, String suitePrefix) throws IOException {
        Files.createDirectories(directory);
        String suite = suitePrefix + result.notebook().name();
        Path file = directory.resolve("TEST-" + suite + ".xml");
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(w);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeStartElement("testsuite");
            x.writeAttribute("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance");
            x.writeAttribute("xsi:noNamespaceSchemaLocation", "https://maven.apache.org/surefire/maven-surefire-plugin/xsd/surefire-test-report.xsd");
            x.writeAttribute("version", "3.0.2");
            x.writeAttribute("name", suite);
            x.writeAttribute("time", seconds(result.seconds()));
            x.writeAttribute("tests", String.valueOf(result.cells().size()));
            x.writeAttribute("errors", String.valueOf(count(result, CellResult.Status.ERROR)));
            x.writeAttribute("skipped", String.valueOf(result.skipped()));
            x.writeAttribute("failures", String.valueOf(count(result, CellResult.Status.FAILED)));
            x.writeCharacters("\n  ");
            x.writeStartElement("properties");
            property(x, "notebook", result.notebook().path().toString());
            if (result.notebook().recordedWith() != null) property(x, "python.version", result.notebook().recordedWith());
            x.writeCharacters("\n  ");
            x.writeEndElement();
            for (CellResult c : result.cells()) {
                x.writeCharacters("\n  ");
                x.writeStartElement("testcase");
                x.writeAttribute("name", c.cell().label());
                x.writeAttribute("classname", suite);
                x.writeAttribute("time", seconds(c.seconds()));
                switch (c.status()) {
                    case FAILED -> problem(x, "failure", "dev.pyconcurrent.maven.OutputMismatch", c);
                    case ERROR -> problem(x, "error", "dev.pyconcurrent.maven.CellError", c);
                    case SKIPPED -> {
                        x.writeCharacters("\n    ");
                        x.writeEmptyElement("skipped");
                        x.writeAttribute("message", c.message());
                    }
                    default -> { }
                }
                if (c.actual() != null && !(c.actual().stdout().isEmpty() && c.actual().stderr().isEmpty())) {
                    if (!c.actual().stdout().isEmpty()) text(x, "system-out", c.actual().stdout());
                    if (!c.actual().stderr().isEmpty()) text(x, "system-err", c.actual().stderr());
                }
                x.writeCharacters(c.status() == CellResult.Status.PASSED && (c.actual() == null
                        || c.actual().stdout().isEmpty() && c.actual().stderr().isEmpty()) ? "" : "\n  ");
                x.writeEndElement();
            }
            x.writeCharacters("\n");
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IOException(e);
        }
        return file;
    }

    private static void problem(XMLStreamWriter x, String element, String type, CellResult c) throws XMLStreamException {
        x.writeCharacters("\n    ");
        x.writeStartElement(element);
        x.writeAttribute("message", clean(c.message()));
        x.writeAttribute("type", type);
        x.writeCharacters(clean(c.report() == null ? "" : c.report()));
        x.writeEndElement();
    }

    private static void text(XMLStreamWriter x, String element, String text) throws XMLStreamException {
        x.writeCharacters("\n    ");
        x.writeStartElement(element);
        x.writeCharacters(clean(text));
        x.writeEndElement();
    }

    private static void property(XMLStreamWriter x, String name, String value) throws XMLStreamException {
        x.writeCharacters("\n    ");
        x.writeEmptyElement("property");
        x.writeAttribute("name", name);
        x.writeAttribute("value", value);
    }

    /** XML 1.0 cannot carry most control characters: shown as {@code \x01}. */
    private static String clean(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            if (cp < 0x20 && cp != '\n' && cp != '\r' && cp != '\t') sb.append(String.format("\\x%02x", cp));
            else sb.appendCodePoint(cp);
        });
        return sb.toString();
    }

    private static long count(NotebookResult r, CellResult.Status s) {
        return r.cells().stream().filter(c -> c.status() == s).count();
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.3f", s);
    }
}
