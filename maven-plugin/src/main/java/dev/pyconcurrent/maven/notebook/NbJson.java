package dev.pyconcurrent.maven.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON with Jackson and writes it the way Jupyter's {@code nbformat} does
 * ({@code json.dumps(nb, sort_keys=True, indent=1, ensure_ascii=False)} plus a newline), so a
 * notebook written by this plugin and one saved by Jupyter look alike, and writing the same
 * tree twice gives the same bytes.
 */
public final class NbJson {
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private NbJson() {}

    public static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The canonical text: keys sorted, one-space indent, non-ASCII kept, trailing newline. */
    public static String write(JsonNode node) {
        StringBuilder out = new StringBuilder();
        write(node, out, 0);
        return out.append('\n').toString();
    }

    private static void write(JsonNode node, StringBuilder out, int depth) {
        if (node.isObject()) {
            if (node.isEmpty()) {
                out.append("{}");
                return;
            }
            List<String> keys = new ArrayList<>();
            node.fieldNames().forEachRemaining(keys::add);
            keys.sort(null); // Python sorts str keys by code point; for the BMP, so does String
            out.append('{');
            for (int i = 0; i < keys.size(); i++) {
                out.append(i == 0 ? "" : ",").append('\n');
                indent(out, depth + 1);
                string(keys.get(i), out);
                out.append(": ");
                write(node.get(keys.get(i)), out, depth + 1);
            }
            out.append('\n');
            indent(out, depth);
            out.append('}');
        } else if (node.isArray()) {
            if (node.isEmpty()) {
                out.append("[]");
                return;
            }
            out.append('[');
            Iterator<JsonNode> it = node.elements();
            boolean first = true;
            while (it.hasNext()) {
                out.append(first ? "" : ",").append('\n');
                first = false;
                indent(out, depth + 1);
                write(it.next(), out, depth + 1);
            }
            out.append('\n');
            indent(out, depth);
            out.append(']');
        } else if (node.isTextual()) {
            string(node.textValue(), out);
        } else if (node.isNull() || node.isMissingNode()) {
            out.append("null");
        } else if (node.isBoolean()) {
            out.append(node.booleanValue() ? "true" : "false");
        } else if (node.isIntegralNumber()) {
            out.append(node.bigIntegerValue());
        } else if (node.isNumber()) {
            out.append(pythonFloat(node.doubleValue()));
        } else {
            out.append(node.toString());
        }
    }

    /** Python's {@code repr(float)} for the values a notebook holds (timeouts). */
    static String pythonFloat(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e16) return BigDecimal.valueOf(d).toBigInteger() + ".0";
        String s = Double.toString(d);
        if (!s.contains("E")) return s;
        double abs = Math.abs(d);
        if (abs >= 1e-4 && abs < 1e16) return new BigDecimal(s).toPlainString();
        String[] parts = s.split("E");
        int exp = Integer.parseInt(parts[1]);
        String mantissa = parts[0].endsWith(".0") ? parts[0].substring(0, parts[0].length() - 2) : parts[0];
        return mantissa + "e" + (exp < 0 ? "-" : "+") + String.format("%02d", Math.abs(exp));
    }

    private static void indent(StringBuilder out, int depth) {
        out.append(" ".repeat(depth));
    }

    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        out.append('"');
    }

    /** A notebook's multi-line string field: a string or a list of strings, joined. */
    public static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) return "";
        if (node.isTextual()) return node.textValue();
        StringBuilder sb = new StringBuilder();
        node.forEach(part -> sb.append(part.asText()));
        return sb.toString();
    }

    /** nbformat's {@code split_lines}: the lines of {@code text}, each keeping its newline. */
    public static com.fasterxml.jackson.databind.node.ArrayNode lines(String text) {
        var array = MAPPER.createArrayNode();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                array.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) array.add(text.substring(start));
        return array;
    }

    public static ObjectNode object(Map<String, ?> values) {
        return MAPPER.valueToTree(values);
    }
}
