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
        assertTrue(acquire.contains("boolean Lock.acquire(boolean blocking)\nacquire(blocking): with false, takes the lock only if it is free."), acquire);
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
