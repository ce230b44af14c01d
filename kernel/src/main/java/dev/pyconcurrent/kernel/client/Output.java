package dev.pyconcurrent.kernel.client;

import java.util.List;
import java.util.Map;

/**
 * One output of a cell, in arrival order: a {@code stream} ({@link #name} stdout/stderr and
 * {@link #text}), an {@code execute_result} or {@code display_data} ({@link #data}: MIME type to
 * data, image data base64 as sent), or an {@code error} ({@link #ename}, {@link #evalue},
 * {@link #traceback}).
 */
public record Output(String type, String name, String text, Map<String, String> data,
                     String ename, String evalue, List<String> traceback) {

    public static Output stream(String name, String text) {
        return new Output("stream", name, text, Map.of(), null, null, List.of());
    }

    public static Output data(String type, Map<String, String> data) {
        return new Output(type, null, null, data, null, null, List.of());
    }

    public static Output error(String ename, String evalue, List<String> traceback) {
        return new Output("error", null, null, Map.of(), ename, evalue, traceback);
    }

    public boolean isStream() { return type.equals("stream"); }
    public boolean isError() { return type.equals("error"); }

    /** The text/plain form of a result or display, else null. */
    public String plainText() { return data.get("text/plain"); }
}
