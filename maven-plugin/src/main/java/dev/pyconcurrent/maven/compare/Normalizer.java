package dev.pyconcurrent.maven.compare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Rewrites output text so that what legitimately differs between two runs (or between CPython
 * and the JVM) compares equal: memory addresses, thread idents and native ids, process ids,
 * durations, and the frames of tracebacks. Applied to both the expected and the actual output.
 */
public final class Normalizer implements UnaryOperator<String> {
    private final String name;
    private final UnaryOperator<String> rewrite;

    private Normalizer(String name, UnaryOperator<String> rewrite) {
        this.name = name;
        this.rewrite = rewrite;
    }

    public String name() {
        return name;
    }

    @Override
    public String apply(String text) {
        return text == null ? null : rewrite.apply(text);
    }

    /** A regex normalizer: every match of {@code regex} becomes {@code replacement} ($1 refers to groups). */
    public static Normalizer regex(String name, String regex, String replacement) {
        Pattern p = Pattern.compile(regex, Pattern.MULTILINE);
        return new Normalizer(name, s -> p.matcher(s).replaceAll(replacement));
    }

    /** {@code 0x7f3a9c0b2d10} → {@code 0x…} (object reprs). */
    public static final Normalizer ADDRESSES = regex("addresses", "\\b0x[0-9a-fA-F]+\\b", "0x…");

    /**
     * Thread idents and native ids: {@code <Thread(worker, started 140234)>},
     * {@code started daemon 12}, {@code stopped 140234}, {@code owner=140234} (an RLock's repr), {@code ident=…}, {@code native_id: …}, {@code get_ident() 5}.
     */
    public static final Normalizer IDENTS = chain("idents",
            regex("idents", "\\b((?:started|stopped)(?: daemon)?) \\d+", "$1 <ident>"),
            regex("idents", "\\b(owner=)\\d+", "$1<ident>"),
            regex("idents", "\\b((?:ident|native_id|thread_id|get_ident\\(\\)|get_native_id\\(\\))(?:\\s*[=:]\\s*|\\s+))\\d+",
                    "$1<ident>"));

    /** {@code pid=4242}, {@code pid: 4242}, {@code parent=1}, {@code ppid 7} → {@code <pid>}. */
    public static final Normalizer PIDS = regex("pids", "\\b((?:pid|ppid|parent|getpid\\(\\)|getppid\\(\\))(?:\\s*[=:]\\s*|\\s+))\\d+", "$1<pid>");

    /** {@code 0.0123s}, {@code 12 ms}, {@code 1.5 seconds}, {@code 3e-05 s} → {@code <duration>}. */
    public static final Normalizer DURATIONS = regex("durations",
            "(?<![\\w.])\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?\\s?(?:s|ms|us|µs|ns|sec|secs|seconds|milliseconds)\\b",
            "<duration>");

    /**
     * Traceback bodies: between {@code Traceback (most recent call last):} and the exception
     * line, the {@code File …} frames, their source lines and caret lines are dropped (Java and
     * CPython frames cannot match; the exception line still does).
     */
    public static final Normalizer TRACEBACKS = new Normalizer("tracebacks", Normalizer::collapseTracebacks);

    /** The built-in normalizers, in the order they run. */
    public static List<Normalizer> builtIns() {
        return List.of(TRACEBACKS, ADDRESSES, IDENTS, PIDS, DURATIONS);
    }

    public static Normalizer chain(String name, Normalizer... parts) {
        List<Normalizer> list = new ArrayList<>(Arrays.asList(parts));
        return chain(name, list);
    }

    public static Normalizer chain(String name, List<Normalizer> parts) {
        List<Normalizer> list = List.copyOf(parts);
        return new Normalizer(name, s -> {
            String out = s;
            for (Normalizer n : list) out = n.apply(out);
            return out;
        });
    }

    /** Output whose line order is free ({@code sort-lines}): the lines sorted, the final newline kept. */
    public static String sortLines(String text) {
        if (text == null || text.isEmpty()) return text;
        boolean newline = text.endsWith("\n");
        List<String> lines = new ArrayList<>(Arrays.asList((newline ? text.substring(0, text.length() - 1) : text).split("\n", -1)));
        lines.sort(null);
        return String.join("\n", lines) + (newline ? "\n" : "");
    }

    private static final Pattern FRAME = Pattern.compile("^(?:  File \".*|    .*|\\s*\\^[\\^~ ]*|\\s*\\.\\.\\..*|  \\[Previous line repeated.*)$");

    private static String collapseTracebacks(String text) {
        if (!text.contains("Traceback (most recent call last):")) return text;
        String[] lines = text.split("\n", -1);
        StringBuilder out = new StringBuilder();
        boolean inTraceback = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.equals("Traceback (most recent call last):")) {
                inTraceback = true;
                out.append(line).append("\n  ...");
            } else if (inTraceback && FRAME.matcher(line).matches()) {
                continue;
            } else {
                inTraceback = false;
                out.append(line);
            }
            if (i < lines.length - 1) out.append('\n');
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "Normalizer[" + name + "]";
    }
}
