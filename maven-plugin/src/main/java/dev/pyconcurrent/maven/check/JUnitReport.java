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

    /**
     * A notebook that could not be read, as Surefire reports a test class that cannot load: a
     * suite of one test, {@code notebook}, in error with {@code message}.
     */
    public static Path writeUnreadable(String name, String message, Path directory, String suitePrefix) throws IOException {
        String suite = suitePrefix + name;
        Path file = directory.resolve("TEST-" + suite + ".xml");
        try (Writer w = open(file)) {
            XMLStreamWriter x = startSuite(w, suite, 0, 1, 1, 0, 0);
            x.writeCharacters("\n  ");
            x.writeStartElement("testcase");
            x.writeAttribute("name", "notebook");
            x.writeAttribute("classname", suite);
            x.writeAttribute("time", seconds(0));
            x.writeCharacters("\n    ");
            x.writeStartElement("error");
            x.writeAttribute("message", clean(message));
            x.writeAttribute("type", "dev.pyconcurrent.maven.UnreadableNotebook");
            x.writeEndElement();
            x.writeCharacters("\n  ");
            x.writeEndElement();
            endSuite(x);
        } catch (XMLStreamException e) {
            throw new IOException(e);
        }
        return file;
    }

    private static Writer open(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        return Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }

    private static XMLStreamWriter startSuite(Writer w, String suite, double time, long tests, long errors, long skipped,
                                              long failures) throws XMLStreamException {
        XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(w);
        x.writeStartDocument("UTF-8", "1.0");
        x.writeCharacters("\n");
        x.writeStartElement("testsuite");
        x.writeAttribute("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance");
        x.writeAttribute("xsi:noNamespaceSchemaLocation", "https://maven.apache.org/surefire/maven-surefire-plugin/xsd/surefire-test-report.xsd");
        x.writeAttribute("version", "3.0.2");
        x.writeAttribute("name", suite);
        x.writeAttribute("time", seconds(time));
        x.writeAttribute("tests", String.valueOf(tests));
        x.writeAttribute("errors", String.valueOf(errors));
        x.writeAttribute("skipped", String.valueOf(skipped));
        x.writeAttribute("failures", String.valueOf(failures));
        return x;
    }

    private static void endSuite(XMLStreamWriter x) throws XMLStreamException {
        x.writeCharacters("\n");
        x.writeEndElement();
        x.writeCharacters("\n");
        x.writeEndDocument();
        x.close();
    }

    public static Path write(NotebookResult result, Path directory, String suitePrefix) throws IOException {
        String suite = suitePrefix + result.notebook().name();
        Path file = directory.resolve("TEST-" + suite + ".xml");
        try (Writer w = open(file)) {
            XMLStreamWriter x = startSuite(w, suite, result.seconds(), result.cells().size(), count(result, CellResult.Status.ERROR),
                    result.skipped(), count(result, CellResult.Status.FAILED));
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
            endSuite(x);
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
