package dev.pyconcurrent.kernel;

import com.google.gson.JsonObject;
import dev.pyconcurrent.builtins.Py;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;

import java.util.Base64;
import java.util.Map;

/**
 * Rich output from a cell ({@code display_data}): IPython's {@code display(obj)},
 * {@code display(HTML(...))}, {@code display(Image(...))}. Imported in every session.
 * <pre>{@code
 * Display.html("<b>bold</b>");
 * Display.png(Files.readAllBytes(Path.of("plot.png")));
 * Display.display(List.of(1, 2));     // text/plain: [1, 2]
 * }</pre>
 * Outside a kernel (plain Java) the text/plain form is printed.
 */
public final class Display {
    private Display() {}

    /** Publishes a MIME bundle; set by the kernel that runs in this JVM. */
    interface Sink {
        void display(Map<String, Object> data, Map<String, Object> metadata);
    }

    static volatile Sink sink;

    /** {@code display(obj)}: the object's Python repr as text/plain. */
    public static void display(Object o) {
        if (o instanceof DisplayData d) {
            bundle(d);
            return;
        }
        send(Map.of("text/plain", Py.repr(o)), Map.of());
    }

    /** HTML with a text/plain fallback. */
    public static void html(String html) {
        send(Map.of("text/html", html, "text/plain", "<IPython.core.display.HTML object>"), Map.of());
    }

    /** Markdown with a text/plain fallback. */
    public static void markdown(String markdown) {
        send(Map.of("text/markdown", markdown, "text/plain", markdown), Map.of());
    }

    /** A PNG image (the bytes of a .png file). */
    public static void png(byte[] png) {
        send(Map.of("image/png", Base64.getEncoder().encodeToString(png), "text/plain", "<IPython.core.display.Image object>"),
                Map.of());
    }

    /** Any MIME bundle built with basekernel's {@link DisplayData}. */
    public static void bundle(DisplayData data) {
        JsonObject tree = new com.google.gson.Gson().toJsonTree(data).getAsJsonObject();
        Map<String, Object> d = new java.util.LinkedHashMap<>();
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        if (tree.has("data")) tree.getAsJsonObject("data").entrySet().forEach(e -> d.put(e.getKey(), e.getValue()));
        if (tree.has("metadata")) tree.getAsJsonObject("metadata").entrySet().forEach(e -> m.put(e.getKey(), e.getValue()));
        send(d, m);
    }

    /** A MIME bundle given as a map (MIME type to data). */
    public static void bundle(Map<String, Object> data) {
        send(data, Map.of());
    }

    private static void send(Map<String, Object> data, Map<String, Object> metadata) {
        Sink s = sink;
        if (s != null) {
            s.display(data, metadata);
        } else {
            Object text = data.get("text/plain");
            System.out.println(text == null ? data.keySet().toString() : text);
        }
    }
}
