package dev.pyconcurrent.kernel;

import com.google.gson.JsonObject;
import dev.pyconcurrent.builtins.KeyboardInterrupt;
import dev.pyconcurrent.builtins.Py;
import jdk.jshell.Diag;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * One JShell session with the runtime on its class path and the start-up imports evaluated.
 * Not thread-safe by itself: every use holds {@link #lock}, except while a snippet's own code runs
 * (see {@link CellControl}), so cells of several shells run concurrently and compile in turn. A session whose cell could not be
 * stopped is abandoned and replaced by a fresh one (see {@code Kernel}).
 */
final class Evaluator implements AutoCloseable {
    /**
     * How many expression values stay reachable as JShell's {@code $N} variables. JShell imports
     * every live variable into every later snippet, so keeping them all makes each cell slower
     * than the one before (a trivial cell: 20 ms after 400 cells, 51 ms after 1200); the older
     * ones are dropped, as IPython keeps {@code _}, {@code __} and {@code ___}.
     */
    static final int KEPT_VALUES = 10;

    final ReentrantLock lock = new ReentrantLock();
    private final java.util.ArrayDeque<Snippet> values = new java.util.ArrayDeque<>();
    private final JShell jshell;
    private final CellControl control;
    private final SnippetLoader loader;
    private final RuntimeDocs runtimeDocs;
    private final SnippetClassFiles classFiles;
    private final ReplSymbols symbols;

    Evaluator(Path snippetDir, String classPath, List<String> startupImports, PrintStream log) {
        loader = new SnippetLoader(snippetDir);
        control = new CellControl(loader, lock);
        jshell = JShell.builder()
                .executionEngine(new CellControl.Provider(control), java.util.Map.of())
                .out(log).err(log).in(java.io.InputStream.nullInputStream())
                .compilerOptions("-proc:none")   // no annotation-processor discovery on every cell
                .build();
        jshell.addToClasspath(classPath);
        classFiles = SnippetClassFiles.of(jshell, log);
        symbols = ReplSymbols.of(jshell, log);
        // JShell's analysis starts its indexing thread in the group of the thread that first asks
        // for it: here, the kernel's, not the first cell's (whose group it would keep forever).
        jshell.sourceCodeAnalysis();
        runtimeDocs = new RuntimeDocs(loader.classLoader(), this::qualifiedName);
        java.lang.Thread.currentThread().setContextClassLoader(loader.classLoader());
        for (String imp : startupImports) {
            List<SnippetEvent> ev = jshell.eval(imp);
            if (ev.isEmpty() || ev.get(0).status() == Snippet.Status.REJECTED) {
                log.println("pyconcurrent kernel: start-up import rejected: " + imp);
            }
        }
        // Warm the compiler and the invocation path so the first cell is as fast as the rest.
        jshell.eval("int $warmUp = 1 + 1;");
    }

    ClassLoader classLoader() { return loader.classLoader(); }

    /** Interrupts the cell's own thread if it runs the cell's code now, never while JShell compiles. */
    void interruptIfInSnippet(java.lang.Thread t) { control.interruptIfInSnippet(t); }

    // ------------------------------------------------------------------ execute

    /**
     * Evaluates every snippet of {@code code} in order, stopping at the first error or once
     * {@code interrupted} says so. Call on the cell's thread.
     */
    Outcome run(String code, BooleanSupplier interrupted) {
        lock.lock();
        try {
            CellTrace.markInCell(CellTrace.Stage.LOCKED);
            SourceCodeAnalysis sca = jshell.sourceCodeAnalysis();
            String remaining = code;
            Outcome last = Outcome.ok(false, null);
            while (!remaining.isBlank()) {
                if (interrupted.getAsBoolean()) return Outcome.keyboardInterrupt();
                int consumed = code.length() - remaining.length();
                SourceCodeAnalysis.CompletionInfo info = sca.analyzeCompletion(remaining);
                CellTrace.markInCell(CellTrace.Stage.ANALYSED);
                String source = info.source();
                String next = info.remaining();
                if (source == null || info.completeness() == SourceCodeAnalysis.Completeness.DEFINITELY_INCOMPLETE
                        || info.completeness() == SourceCodeAnalysis.Completeness.UNKNOWN && source.isBlank()) {
                    source = remaining;
                    next = "";
                }
                int lead = firstNonBlank(remaining);
                int srcLead = firstNonBlank(source);
                int base = consumed + lead - srcLead;
                control.clear();
                List<SnippetEvent> events = jshell.eval(source);
                CellTrace.markInCell(CellTrace.Stage.EVALUATED);
                symbols.afterEval();
                for (SnippetEvent e : events) {
                    if (e.causeSnippet() != null) continue;
                    Snippet s = e.snippet();
                    if (e.status() == Snippet.Status.REJECTED) {
                        return compileError(code, base, jshell.diagnostics(s).toList());
                    }
                    classFiles.afterEval(s);
                    if (s.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) keepValue(s);
                    if (e.exception() != null) {
                        return runtimeError(e.exception(), interrupted.getAsBoolean());
                    }
                    boolean shows = s.kind() == Snippet.Kind.EXPRESSION && s.subKind() != Snippet.SubKind.ASSIGNMENT_SUBKIND
                            || s.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND;
                    last = shows && control.hasValue() && control.value() != null
                            ? Outcome.ok(true, control.value()) : Outcome.ok(false, null);
                }
                if (interrupted.getAsBoolean()) {
                    // the interrupt arrived while the snippet ran and nothing raised: it ends the cell, as in Python
                    return Outcome.keyboardInterrupt();
                }
                if (next.length() >= remaining.length()) break;  // no progress: never loop
                remaining = next;
            }
            return last;
        } finally {
            control.clear();
            lock.unlock();
        }
    }

    /** Keeps {@code s} as one of the last {@value #KEPT_VALUES} {@code $N} values, dropping the oldest. */
    private void keepValue(Snippet s) {
        values.addLast(s);
        while (values.size() > KEPT_VALUES) {
            Snippet dropped = values.removeFirst();
            jshell.drop(dropped);
            classFiles.dropped(dropped);
        }
    }

    /** Sweeps javac's symbol tables now ({@link ReplSymbols}); how many entries went (-1: not reachable). Tests. */
    int sweepSymbols() {
        lock.lock();
        try {
            return symbols.active() ? symbols.sweep() : -1;
        } finally {
            lock.unlock();
        }
    }

    /** How many snippet class files JShell keeps for javac (-1: not known, see {@link SnippetClassFiles}). */
    int classFilesKept() { return classFiles.count(); }

    private static int firstNonBlank(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
        return i;
    }

    /** A snippet's exception: the original throwable of the cell's code, as {@link Outcome#raised} maps it. */
    private Outcome runtimeError(JShellException e, boolean interrupted) {
        Throwable t = control.thrown();
        if (interrupted && (t == null || t instanceof KeyboardInterrupt
                || t instanceof InterruptedException || t.getCause() instanceof InterruptedException)) {
            return Outcome.keyboardInterrupt();
        }
        // an unresolved reference's own throwable is JShell's internal one: the snippet names the method
        return Outcome.raised(t == null || e instanceof UnresolvedReferenceException ? e : t);
    }

    private Outcome compileError(String code, int base, List<Diag> diags) {
        List<String> tb = new ArrayList<>();
        String first = null;
        for (Diag d : diags) {
            if (!d.isError()) continue;
            String msg = d.getMessage(Locale.ROOT);
            long pos = d.getStartPosition() < 0 ? d.getPosition() : d.getStartPosition();
            int at = (int) Math.max(0, Math.min(code.length(), base + Math.max(0, pos)));
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < at; i++) if (code.charAt(i) == '\n') { line++; lineStart = i + 1; }
            int lineEnd = code.indexOf('\n', lineStart);
            String text = code.substring(lineStart, lineEnd < 0 ? code.length() : lineEnd);
            String oneLine = msg.lines().findFirst().orElse(msg);
            if (first == null) first = "line " + line + ": " + oneLine;
            tb.add("Cell line " + line + ": error: " + msg);
            tb.add("    " + text);
            tb.add("    " + " ".repeat(Math.max(0, at - lineStart)) + "^");
        }
        if (first == null) first = "the snippet was rejected";
        return Outcome.error("CompilationError", first, tb);
    }

    // ------------------------------------------------------------------ analysis

    /** Runs an analysis holding the lock, or returns null when a cell keeps it busy longer than a moment. */
    <T> T analyse(java.util.function.Supplier<T> task) throws InterruptedException {
        if (!lock.tryLock(200, TimeUnit.MILLISECONDS)) return null;
        try {
            return task.get();
        } finally {
            lock.unlock();
        }
    }

    JsonObject complete(String code, int cursorCp) {
        int cursor = Text.charIndex(code, cursorCp);
        int[] anchor = new int[1];
        List<SourceCodeAnalysis.Suggestion> sugg = jshell.sourceCodeAnalysis().completionSuggestions(code, cursor, anchor);
        Set<String> seen = new LinkedHashSet<>();
        boolean anyMatching = sugg.stream().anyMatch(SourceCodeAnalysis.Suggestion::matchesType);
        for (SourceCodeAnalysis.Suggestion s : sugg) {
            if (!anyMatching || s.matchesType()) seen.add(s.continuation());
        }
        JsonObject c = new JsonObject();
        c.add("matches", Text.array(seen));
        c.addProperty("cursor_start", Text.codePointIndex(code, anchor[0]));
        c.addProperty("cursor_end", cursorCp);
        c.add("metadata", new JsonObject());
        c.addProperty("status", "ok");
        return c;
    }

    JsonObject inspect(String code, int cursorCp, int detail) {
        int cursor = Text.charIndex(code, cursorCp);
        List<SourceCodeAnalysis.Documentation> docs = documentation(code, cursor);
        JsonObject c = new JsonObject();
        c.addProperty("status", "ok");
        c.addProperty("found", !docs.isEmpty());
        JsonObject data = new JsonObject();
        if (!docs.isEmpty()) {
            String receiver = receiverType(code, cursor);
            StringBuilder sb = new StringBuilder();
            for (SourceCodeAnalysis.Documentation d : docs) {
                if (sb.length() > 0) sb.append("\n\n");
                String signature = Signatures.asMemberOf(d.signature(), receiver);
                sb.append(signature);
                String jd = d.javadoc() == null || d.javadoc().isBlank() ? runtimeDocs.javadoc(signature) : RuntimeDocs.plain(d.javadoc());
                if (jd != null && !jd.isBlank()) sb.append("\n").append(detail > 0 ? jd.strip() : summary(jd));
            }
            data.addProperty("text/plain", sb.toString());
        }
        c.add("data", data);
        c.add("metadata", new JsonObject());
        return c;
    }

    /**
     * What JShell documents at the cursor: there; else the whole name the cursor is in or at the
     * end of ({@code ux}: {@code ux:int}; a class, followed by its constructors); else that name as
     * a method ({@code Math.max}: every overload). JShell itself finds a method only after its
     * opening parenthesis and a class only at its name's end.
     */
    private List<SourceCodeAnalysis.Documentation> documentation(String code, int cursor) {
        SourceCodeAnalysis sca = jshell.sourceCodeAnalysis();
        List<SourceCodeAnalysis.Documentation> docs = sca.documentation(code, cursor, true);
        if (docs.isEmpty()) {
            int end = cursor;
            while (end < code.length() && Character.isJavaIdentifierPart(code.charAt(end))) end++;
            String name = code.substring(0, end);
            docs = sca.documentation(name, end, true);
            if (docs.isEmpty()) docs = sca.documentation(name + "(", end + 1, true);
        }
        if (docs.size() == 1 && docs.get(0).signature().matches("[\\w.$]+")) {   // a class: its constructors too
            List<SourceCodeAnalysis.Documentation> withConstructors = new ArrayList<>(docs);
            String probe = "new " + docs.get(0).signature() + "(";
            withConstructors.addAll(sca.documentation(probe, probe.length(), true));
            return withConstructors;
        }
        return docs;
    }

    /**
     * The type of the expression before {@code .member} at the cursor ({@code Lock} for
     * {@code new Lock().acquire(}), so an inherited member reads as the receiver's; null when
     * there is no such expression or JShell cannot type it (a class name, a statement's middle).
     */
    private String receiverType(String code, int cursor) {
        int end = cursor;
        while (end > 0 && (code.charAt(end - 1) == '(' || Character.isWhitespace(code.charAt(end - 1)))) end--;
        while (end > 0 && Character.isJavaIdentifierPart(code.charAt(end - 1))) end--;
        if (end == 0 || code.charAt(end - 1) != '.') return null;
        String receiver = code.substring(0, end - 1);
        try {
            String type = jshell.sourceCodeAnalysis().analyzeType(receiver, receiver.length());
            return type == null || type.isBlank() || type.indexOf('.') < 0 && !Character.isUpperCase(type.charAt(0)) ? null : type;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The class a simple name means in this session (its imports, the cell's own included); null if none. */
    private String qualifiedName(String simpleName) {
        List<SourceCodeAnalysis.Documentation> docs = jshell.sourceCodeAnalysis().documentation(simpleName, simpleName.length(), false);
        return docs.size() == 1 && !docs.get(0).signature().contains(" ") ? docs.get(0).signature() : null;
    }

    private static String summary(String javadoc) {
        String s = javadoc.strip();
        int blank = s.indexOf("\n\n");
        return blank < 0 ? s : s.substring(0, blank);
    }

    JsonObject isComplete(String code) {
        JsonObject c = new JsonObject();
        String remaining = code;
        String status = "complete";
        SourceCodeAnalysis sca = jshell.sourceCodeAnalysis();
        while (!remaining.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = sca.analyzeCompletion(remaining);
            switch (info.completeness()) {
                case DEFINITELY_INCOMPLETE -> status = "incomplete";
                case UNKNOWN -> status = "invalid";
                case EMPTY -> { }
                default -> { if (!SnippetSyntax.parses(info.source())) status = "invalid"; }
            }
            if (!status.equals("complete") || info.remaining().length() >= remaining.length()) break;
            remaining = info.remaining();
        }
        c.addProperty("status", status);
        if (status.equals("incomplete")) c.addProperty("indent", "    ".repeat(Math.max(1, Text.openBraces(code))));
        return c;
    }

    /** The Python-style text/plain of a value. */
    static String repr(Object value) {
        try {
            return Py.repr(value);
        } catch (RuntimeException | StackOverflowError e) {
            return String.valueOf(value);
        }
    }

    @Override
    public void close() {
        try {
            jshell.close();
        } catch (RuntimeException ignored) {
        } finally {
            loader.close();
        }
    }
}
