package dev.pyconcurrent.kernel.client;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.pyconcurrent.kernel.wire.Message;

import java.util.ArrayList;
import java.util.LinkedHashMap;
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

    /** The output an iopub message carries, or null (status and other messages). */
    static Output of(Message m) {
        JsonObject c = m.content;
        switch (m.msgType()) {
            case "stream":
                return Output.stream(Message.str(c, "name", "stdout"), Message.str(c, "text", ""));
            case "execute_result":
            case "display_data":
                Map<String, String> data = new LinkedHashMap<>();
                JsonElement d = c.get("data");
                if (d != null && d.isJsonObject()) {
                    for (Map.Entry<String, JsonElement> e : d.getAsJsonObject().entrySet()) {
                        data.put(e.getKey(), e.getValue().isJsonPrimitive() ? e.getValue().getAsString() : e.getValue().toString());
                    }
                }
                return Output.data(m.msgType(), Map.copyOf(data));
            case "error":
                List<String> tb = new ArrayList<>();
                JsonElement t = c.get("traceback");
                if (t != null && t.isJsonArray()) t.getAsJsonArray().forEach(x -> tb.add(x.getAsString()));
                return Output.error(Message.str(c, "ename", ""), Message.str(c, "evalue", ""), List.copyOf(tb));
            default:
                return null;
        }
    }
}
