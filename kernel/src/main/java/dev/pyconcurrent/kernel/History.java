package dev.pyconcurrent.kernel;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.pyconcurrent.builtins.ValueError;
import dev.pyconcurrent.kernel.wire.Message;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The session's input history: what a {@code history_request} (tail, range, search) reads. */
final class History {
    private record Entry(int line, String source) {}

    private final List<Entry> entries = new ArrayList<>();

    synchronized void add(int line, String source) {
        entries.add(new Entry(line, source));
    }

    /** The {@code history_reply} content for a request. */
    JsonObject reply(JsonObject c) {
        String access = Message.str(c, "hist_access_type", "tail");
        List<Entry> all;
        synchronized (this) {
            all = new ArrayList<>(entries);
        }
        List<Entry> sel = new ArrayList<>();
        switch (access) {
            case "range" -> {
                int start = Message.integer(c, "start", 1);
                int stop = Message.integer(c, "stop", Integer.MAX_VALUE);
                for (Entry h : all) {
                    if (h.line >= start && h.line < stop) sel.add(h);
                }
            }
            case "search" -> {
                Pattern p = globPattern(Message.str(c, "pattern", "*"));
                boolean unique = Message.bool(c, "unique", false);
                Set<String> seen = new HashSet<>();
                for (Entry h : all) {
                    if (!p.matcher(h.source).matches()) continue;
                    if (unique && !seen.add(h.source)) continue;
                    sel.add(h);
                }
                sel = last(sel, Message.integer(c, "n", sel.size()));
            }
            default -> sel = last(all, Message.integer(c, "n", all.size()));
        }
        JsonArray out = new JsonArray();
        for (Entry h : sel) {
            JsonArray e = new JsonArray();
            e.add(1);
            e.add(h.line);
            e.add(h.source);
            out.add(e);
        }
        JsonObject r = Replies.ok();
        r.add("history", out);
        return r;
    }

    private static List<Entry> last(List<Entry> l, int n) {
        if (n < 0) throw new ValueError("history_request: n must be >= 0, not " + n);
        return l.subList(Math.max(0, l.size() - n), l.size());
    }

    private static Pattern globPattern(String glob) {
        StringBuilder sb = new StringBuilder();
        for (char ch : glob.toCharArray()) {
            switch (ch) {
                case '*' -> sb.append(".*");
                case '?' -> sb.append('.');
                default -> sb.append(Pattern.quote(String.valueOf(ch)));
            }
        }
        return Pattern.compile(sb.toString(), Pattern.DOTALL);
    }
}
