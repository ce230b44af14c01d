package dev.pyconcurrent.kernel;

import dev.pyconcurrent.builtins.Py;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One JShell session as the kernel drives it, without the protocol (the Evaluator alone). */
class EvaluatorTest {
    @TempDir
    static Path snippets;
    static Evaluator evaluator;

    @BeforeAll
    static void start() {
        evaluator = new Evaluator(snippets, System.getProperty("java.class.path"),
                StartupImports.statements(EvaluatorTest.class.getClassLoader(), Py.class),
                new PrintStream(OutputStream.nullOutputStream()));
    }

    @AfterAll
    static void stop() {
        if (evaluator != null) evaluator.close();
    }

    @Test
    void onlyTheLatestExpressionValuesStayAsDollarVariables() {
        int n = Evaluator.KEPT_VALUES + 5;
        for (int i = 1; i <= n; i++) {
            Outcome o = evaluator.run(i + " * 10", () -> false);
            assertTrue(o.ok() && o.hasValue(), String.valueOf(o));
        }
        // JShell names the i-th expression value $i: the latest ones can still be used ...
        Outcome latest = evaluator.run("$" + n + " + $" + (n - Evaluator.KEPT_VALUES + 1), () -> false);
        assertEquals((n * 10) + (n - Evaluator.KEPT_VALUES + 1) * 10, latest.value());
        // ... the older ones are gone, so later cells do not pay for every value ever shown
        Outcome dropped = evaluator.run("$1", () -> false);
        assertEquals("CompilationError", dropped.ename(), String.valueOf(dropped));
        assertTrue(dropped.evalue().contains("cannot find symbol"), dropped.evalue());
    }

    @Test
    void aCellsClassFilesAreOnDiskOnceAnObjectIsAboutToLeaveForAChild(@TempDir Path dir) {
        // the wrapper of this cell and its anonymous class, for a child JVM's class path: not written
        // while no child may need them, written before an object is serialized for one
        String onDisk = "java.util.List.of(c, c.getEnclosingClass()).stream().allMatch(k -> java.nio.file.Files.isRegularFile("
                + "java.nio.file.Path.of(\"" + dir.toString().replace("\\", "\\\\") + "\", k.getName().replace('.', '/') + \".class\")))";
        String code = "Class<?> c = new Object() { }.getClass(); boolean before = " + onDisk + "; "
                + "dev.pyconcurrent.multiprocessing.connection.Wire.dumps(java.time.Duration.ZERO); "
                + "before + \" \" + " + onDisk;
        try (Evaluator ev = new Evaluator(dir, System.getProperty("java.class.path"),
                StartupImports.statements(EvaluatorTest.class.getClassLoader(), Py.class), new PrintStream(OutputStream.nullOutputStream()))) {
            Outcome o = ev.run(code, () -> false);
            assertEquals("false true", o.value(), String.valueOf(o));
        }
    }

    @Test
    void classFilesOfSnippetsNoLaterSnippetCanNameAreForgotten(@TempDir Path dir) {
        // a session of its own: JShell numbers the $N values from 1 here
        try (Evaluator ev = new Evaluator(dir, System.getProperty("java.class.path"),
                StartupImports.statements(EvaluatorTest.class.getClassLoader(), Py.class), new PrintStream(OutputStream.nullOutputStream()))) {
            // declarations keep their class files: later cells compile against them
            assertTrue(ev.run("int keptVar = 5; class KeptClass { int twice(int x) { return 2 * x; } } int keptMethod() { return keptVar + 1; }", () -> false).ok());
            int before = ev.classFilesKept();
            assertTrue(before > 0, "JShell's class files are reachable (--add-opens jdk.jshell/jdk.jshell=ALL-UNNAMED)");
            int n = Evaluator.KEPT_VALUES + 5;
            for (int i = 1; i <= n; i++) {
                // a $N value, a statement with an anonymous class, a void call: none keeps a class file for good
                assertTrue(ev.run(i + " * 1", () -> false).ok());
                assertTrue(ev.run("Runnable r = new Runnable() { public void run() { } }; r.run();", () -> false).ok());
                assertTrue(ev.run("Py.print(\"\")", () -> false).ok());
            }
            // + 2: r's wrapper and its anonymous class (a redeclared r replaces the file, its key names it)
            assertEquals(before + Evaluator.KEPT_VALUES + 2, ev.classFilesKept());
            // the kept values, the declarations, an object of a forgotten statement's class: all as before
            Outcome o = ev.run("new KeptClass().twice(keptMethod()) + $" + n + " + $" + (n - Evaluator.KEPT_VALUES + 1), () -> false);
            assertEquals(12 + n + n - Evaluator.KEPT_VALUES + 1, o.value(), String.valueOf(o));
            assertTrue(ev.run("r.run(); keptVar = 7;", () -> false).ok());
            assertEquals(8, ev.run("keptMethod()", () -> false).value());
            assertTrue(ev.run("class KeptClass { int twice(int x) { return 20 * x; } }", () -> false).ok(), "a class redefined");
            assertEquals(160, ev.run("new KeptClass().twice(keptMethod())", () -> false).value());
            assertEquals("CompilationError", ev.run("$1", () -> false).ename(), "a dropped value stays unknown");
        }
    }

    @Test
    void javacsSymbolTablesForgetTheSnippetClassesJShellPurged(@TempDir Path dir) {
        try (Evaluator ev = new Evaluator(dir, System.getProperty("java.class.path"),
                StartupImports.statements(EvaluatorTest.class.getClassLoader(), Py.class), new PrintStream(OutputStream.nullOutputStream()))) {
            assertTrue(ev.run("int keptVar = 5; class KeptClass { int twice(int x) { return 2 * x; } }", () -> false).ok());
            ev.sweepSymbols();
            for (int i = 1; i < ReplSymbols.SWEEP_EVERY; i++) assertTrue(ev.run(i + " * 1", () -> false).ok());
            // every cell left its purged wrapper classes' names behind (the sweep after eval 50 has not come yet)
            assertTrue(ev.sweepSymbols() >= ReplSymbols.SWEEP_EVERY - 1,
                    "javac's symbol tables are reachable (--add-opens jdk.compiler/com.sun.tools.javac.api and .code)");
            assertEquals(0, ev.sweepSymbols());
            // what the kept snippets declared compiles as before
            assertEquals(10, ev.run("new KeptClass().twice(keptVar)", () -> false).value());
            assertTrue(ev.run("class KeptClass { int twice(int x) { return 20 * x; } }", () -> false).ok(), "a class redefined");
            assertEquals(100, ev.run("new KeptClass().twice(keptVar)", () -> false).value());
        }
    }

    @Test
    void callingAMethodThatNamesSomethingUndeclaredIsNameError() {
        assertTrue(evaluator.run("int usesLater() { return declaredLater(); }", () -> false).ok());
        Outcome o = evaluator.run("usesLater()", () -> false);
        assertEquals("NameError", o.ename(), String.valueOf(o));
        assertTrue(o.evalue().contains("declaredLater"), o.evalue());
    }

    @Test
    void aReflectiveCallRaisesWhatItsTargetRaised() {
        Outcome o = evaluator.run("Integer.class.getMethod(\"parseInt\", String.class).invoke(null, \"x\")", () -> false);
        assertEquals("ValueError", o.ename(), String.valueOf(o));
        assertEquals("For input string: \"x\"", o.evalue());
    }

    @Test
    void inspectShowsTheRuntimesJavadoc() {
        String lock = text(evaluator.inspect("Lock", 4, 0));
        assertTrue(lock.startsWith("dev.pyconcurrent.threading.Lock\n"), lock);
        assertTrue(lock.contains("any thread may release"), lock);
        // a method: the overload JShell names, matched by its parameter names
        String acquire = text(evaluator.inspect("new Lock().acquire(", "new Lock().acquire(".length(), 0));
        // inherited from the generic base Acquirable, shown as the receiver's, with the base's javadoc
        assertTrue(acquire.contains("boolean Lock.acquire(boolean blocking)\nacquire(blocking): with false, takes the lock only if it is free"), acquire);
        assertTrue(acquire.startsWith("boolean Lock.acquire()\n") && !acquire.contains("Acquirable"), acquire);
        // a field, and inline tags as plain text
        String max = text(evaluator.inspect("Threading.TIMEOUT_MAX", "Threading.TIMEOUT_MAX".length(), 0));
        assertTrue(max.contains("Beyond it, waits raise OverflowError."), max);
    }

    @Test
    void signaturesRuntimeDocsCannotReadGiveNoJavadoc() {
        RuntimeDocs docs = new RuntimeDocs(getClass().getClassLoader(), name -> name.equals("Lock") ? "dev.pyconcurrent.threading.Lock" : null);
        assertEquals(null, docs.javadoc("boolean Lock.acquire(boolean blocking"));   // no closing parenthesis
        assertEquals(null, docs.javadoc("int Nowhere.size()"));
        assertEquals(null, docs.javadoc("dev.pyconcurrent..Lock"));
        assertTrue(docs.javadoc("boolean Lock.acquire(boolean blocking)").startsWith("acquire(blocking)"));
    }

    @Test
    void isCompleteTellsSnippetsThatDoNotParseFromUnfinishedOnes() {
        for (String code : new String[] {"int = 7q;", "int 3x = 1;", "int ok = 1; int = 2;"}) {
            assertEquals("invalid", evaluator.isComplete(code).get("status").getAsString(), code);
        }
        assertEquals("incomplete", evaluator.isComplete("if (true) {").get("status").getAsString());
        // an unknown name is not a syntax error: the cell may define it, or report it when it runs
        for (String code : new String[] {"int a = 1;\nPy.print(a, notYet);", "1 + 2", "import java.util.concurrent.locks.*;", "void f() { }"}) {
            assertEquals("complete", evaluator.isComplete(code).get("status").getAsString(), code);
        }
        assertTrue(SnippetSyntax.parses("record P(int x) { }"));
        assertTrue(!SnippetSyntax.parses("class { }"));
    }

    @Test
    void inspectFindsNamesWithoutTheirParenthesis() {
        assertTrue(evaluator.run("int quadruple(int x) { return 4 * x; }", () -> false).ok());
        assertEquals("int quadruple(int x)", text(evaluator.inspect("quadruple", 3, 0)));
        String max = text(evaluator.inspect("Math.max", "Math.max".length(), 0));
        assertTrue(max.startsWith("int Math.max(int a, int b)") && max.contains("double Math.max(double a, double b)"), max);
        String semaphore = text(evaluator.inspect("Semaphore", "Semaphore".length(), 0));
        assertTrue(semaphore.startsWith("dev.pyconcurrent.threading.Semaphore\n") && semaphore.contains("\n\nSemaphore(int value)"), semaphore);
    }

    @Test
    void inheritedMembersReadAsTheReceiversOwn() {
        assertEquals("boolean Lock.acquire(boolean blocking)",
                Signatures.asMemberOf("boolean Acquirable<A extends Acquirable<A>>.acquire(boolean blocking)", "dev.pyconcurrent.threading.Lock"));
        assertEquals("A Acquirable.enter()", Signatures.asMemberOf("A Acquirable<A extends Acquirable<A>>.enter()", null));
        assertEquals("E List<E>.get(int index)", Signatures.asMemberOf("E List<E>.get(int index)", null));
        assertEquals("int ArrayList.size()", Signatures.asMemberOf("int ArrayList<E>.size()", "java.util.ArrayList<java.lang.String>"));
        assertEquals("java.lang.Math", Signatures.asMemberOf("java.lang.Math", null));
    }

    @Test
    void javadocMarkupBecomesPlainText() {
        assertEquals("as asCompleted(Iterable); raises TimeoutError: Lock.acquire or the lock\n\nNext <b>",
                RuntimeDocs.plain("as {@link #asCompleted(Iterable)}; raises {@code TimeoutError}: {@link Lock#acquire} or {@linkplain Lock the lock}<p>Next &lt;b&gt;"));
    }

    private static String text(com.google.gson.JsonObject reply) {
        assertEquals("ok", reply.get("status").getAsString());
        assertTrue(reply.get("found").getAsBoolean(), reply.toString());
        return reply.getAsJsonObject("data").get("text/plain").getAsString();
    }
}
