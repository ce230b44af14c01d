package dev.pyconcurrent.kernel;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.pyconcurrent.kernel.wire.Message;

import java.util.List;

/** The content of the kernel's replies and iopub messages (messaging spec 5.3). */
final class Replies {
    static final String IMPLEMENTATION = "pyconcurrent";
    static final String VERSION = "0.1.0";

    private Replies() {}

    static JsonObject status(String state) {
        JsonObject c = new JsonObject();
        c.addProperty("execution_state", state);
        return c;
    }

    static JsonObject ok() {
        JsonObject c = new JsonObject();
        c.addProperty("status", "ok");
        return c;
    }

    static JsonObject error(String ename, String evalue, List<String> traceback) {
        JsonObject c = new JsonObject();
        c.addProperty("status", "error");
        c.addProperty("ename", ename);
        c.addProperty("evalue", evalue);
        c.add("traceback", Text.array(traceback));
        return c;
    }

    static JsonObject error(Outcome o) {
        return error(o.ename(), o.evalue(), o.traceback());
    }

    /** {@code text/plain} data of a value, as {@code execute_result} and user expressions carry it. */
    static JsonObject data(Object value) {
        JsonObject r = new JsonObject();
        JsonObject data = new JsonObject();
        data.addProperty("text/plain", Evaluator.repr(value));
        r.add("data", data);
        r.add("metadata", new JsonObject());
        return r;
    }

    static JsonObject executeOk(int count, JsonObject userExpressions) {
        JsonObject reply = ok();
        reply.addProperty("execution_count", count);
        reply.add("user_expressions", userExpressions);
        reply.add("payload", new JsonArray());
        return reply;
    }

    /** A queued execute request not run after an error (stop_on_error): no execution count, as ipykernel. */
    static JsonObject aborted() {
        JsonObject r = new JsonObject();
        r.addProperty("status", "aborted");
        return r;
    }

    static JsonObject executeError(int count, Outcome o) {
        JsonObject reply = error(o);
        reply.addProperty("execution_count", count);
        reply.add("user_expressions", new JsonObject());
        reply.add("payload", new JsonArray());
        return reply;
    }

    static JsonObject kernelInfo() {
        JsonObject c = ok();
        c.addProperty("protocol_version", Message.PROTOCOL_VERSION);
        c.addProperty("implementation", IMPLEMENTATION);
        c.addProperty("implementation_version", VERSION);
        JsonObject li = new JsonObject();
        li.addProperty("name", "java");
        li.addProperty("version", Runtime.version().toString());
        li.addProperty("mimetype", "text/x-java");
        li.addProperty("file_extension", ".java");
        li.addProperty("pygments_lexer", "java");
        li.addProperty("codemirror_mode", "text/x-java");
        li.addProperty("nbconvert_exporter", "script");
        c.add("language_info", li);
        c.addProperty("banner", "Java " + Runtime.version() + " (JShell) with pyconcurrent " + VERSION
                + ": Python's concurrent-execution library for Java");
        c.addProperty("debugger", false);
        JsonArray links = new JsonArray();
        links.add(link("pyconcurrent", "https://github.com/pyconcurrent/pyconcurrent"));
        links.add(link("Java SE API", "https://docs.oracle.com/en/java/javase/17/docs/api/"));
        links.add(link("JShell", "https://docs.oracle.com/en/java/javase/17/jshell/"));
        c.add("help_links", links);
        return c;
    }

    private static JsonObject link(String text, String url) {
        JsonObject l = new JsonObject();
        l.addProperty("text", text);
        l.addProperty("url", url);
        return l;
    }

    /** The answer while a cell holds JShell: nothing found / unknown, never a wait behind the cell. */
    static JsonObject busy(String type, String code) {
        JsonObject r = ok();
        switch (type) {
            case "complete_request" -> {
                r.add("matches", new JsonArray());
                int n = code.codePointCount(0, code.length());
                r.addProperty("cursor_start", n);
                r.addProperty("cursor_end", n);
                r.add("metadata", new JsonObject());
            }
            case "inspect_request" -> {
                r.addProperty("found", false);
                r.add("data", new JsonObject());
                r.add("metadata", new JsonObject());
            }
            default -> r.addProperty("status", "unknown");
        }
        return r;
    }

    /** The reply type of a request type ({@code x_request} → {@code x_reply}). */
    static String replyType(String requestType) {
        return requestType.substring(0, requestType.length() - "_request".length()) + "_reply";
    }
}
