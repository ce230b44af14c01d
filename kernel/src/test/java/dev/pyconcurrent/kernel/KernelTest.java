package dev.pyconcurrent.kernel;

import com.google.gson.JsonObject;
import dev.pyconcurrent.kernel.client.ExecuteResult;
import dev.pyconcurrent.kernel.client.KernelClient;
import dev.pyconcurrent.kernel.wire.Channel;
import dev.pyconcurrent.kernel.wire.ConnectionInfo;
import dev.pyconcurrent.kernel.wire.Message;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The kernel over the real protocol, driven by the Java client (one kernel process for the class). */
@Timeout(120)
class KernelTest {
    static final Duration T = Duration.ofSeconds(30);
    static KernelClient kernel;

    @BeforeAll
    static void start() {
        // 1 GB: with 512 MB, half of it the kernel's young generation, a 50 MB print's own output
        // backlog passes the memory guard's mark (docs/kernel.adoc, Memory)
        kernel = KernelClient.start(KernelClient.options().jvmArg("-Xmx1g").input(prompt -> "answer to " + prompt));
    }

    @AfterAll
    static void stop() {
        if (kernel != null) kernel.close();
    }

    static ExecuteResult run(String code) {
        return kernel.execute(code, T);
    }

    @Test
    void expressionValueIsPythonRepr() {
        ExecuteResult r = run("\"abc\"");
        assertEquals("ok", r.status());
        assertEquals("'abc'", r.result());
        assertEquals("True", run("1 < 2").result());
        assertEquals("[1, 2]", run("List.of(1, 2)").result());
        assertNull(run("int q = 3;").result(), "a declaration shows nothing");
        assertEquals("6", run("int q2 = 3;\nq2 * 2").result(), "the last expression of a cell is its value");
    }

    @Test
    void streams() {
        ExecuteResult r = run("Py.print(\"hello\", 1, true);\nSystem.err.println(\"oops\");");
        assertEquals("hello 1 True\n", r.stdout());
        assertEquals("oops\n", r.stderr());
    }

    @Test
    void executionCountGrows() {
        int a = run("1").executionCount();
        int b = run("2").executionCount();
        assertEquals(a + 1, b);
    }

    @Test
    void pythonExceptionNameAndMessage() {
        ExecuteResult r = run("throw new ValueError(\"release unlocked lock\");");
        assertEquals("error", r.status());
        assertEquals("ValueError", r.error().ename());
        assertEquals("release unlocked lock", r.error().evalue());
        assertTrue(r.error().traceback().contains("ValueError: release unlocked lock"), r.error().traceback().toString());
        ExecuteResult z = run("int zero = 0; int boom = 1 / zero;");
        assertEquals("ZeroDivisionError", z.error().ename());
        assertEquals("division by zero", z.error().evalue());
    }

    @Test
    void compileErrorNamesTheCellLine() {
        ExecuteResult r = run("int ok1 = 1;\nint ok2 = 2;\nint bad = undefinedName;");
        assertEquals("CompilationError", r.error().ename());
        assertTrue(r.error().evalue().startsWith("line 3: cannot find symbol"), r.error().evalue());
    }

    @Test
    void runtimeImportsShadowJavaLang() {
        ExecuteResult r = run("ValueError.class.getName()");
        assertEquals("'dev.pyconcurrent.builtins.ValueError'", r.result());
        assertEquals("'dev.pyconcurrent.builtins.TimeoutError'", run("TimeoutError.class.getName()").result());
        assertEquals("'dev.pyconcurrent.builtins.AssertionError'", run("AssertionError.class.getName()").result());
        assertEquals("'dev.pyconcurrent.time.Time'", run("Time.class.getName()").result());
    }

    @Test
    void backgroundThreadOutputReachesItsCell() {
        ExecuteResult r = run("var t = new java.lang.Thread(() -> Py.print(\"from background\")); t.start(); t.join();");
        assertEquals("from background\n", r.stdout());
        // a thread still printing after its cell ended: its output goes to the cell running then
        run("var gate = new java.util.concurrent.CountDownLatch(1);\n"
                + "var late = new java.lang.Thread(() -> { try { gate.await(); } catch (InterruptedException e) { } Py.print(\"late\"); });\n"
                + "late.start();");
        ExecuteResult next = run("gate.countDown(); late.join();");
        assertTrue(next.stdout().contains("late\n"), next.outputs().toString());
    }

    @Test
    void finishedCellsLetGoOfTheirCellAndThreadsMadeInACellStartLater() {
        // the cell's group leads to its Cell (nothing else keeps the Cell); once the cell has ended
        // and its threads are gone, the group forgets it and the Cell can be collected; a cell whose
        // thread still lives keeps it; the group itself stays usable (JDK 17 refuses a thread in a
        // destroyed group): a thread made in one cell starts in a later one
        String cellOfThisThread = "((java.util.function.Supplier<Object>) () -> { try { var g = java.lang.Thread.currentThread().getThreadGroup();"
                + " var f = g.getClass().getDeclaredField(\"cell\"); f.setAccessible(true); return f.get(g); }"
                + " catch (ReflectiveOperationException e) { throw new IllegalStateException(e); } }).get()";
        run("var firstCell = new java.lang.ref.WeakReference<>(" + cellOfThisThread + ");\n"
                + "var later = new java.lang.Thread(() -> Py.print(\"started later\"));");
        run("var heldCell = new java.lang.ref.WeakReference<>(" + cellOfThisThread + ");\n"
                + "var held = new java.util.concurrent.CountDownLatch(1);\n"
                + "var holder = new java.lang.Thread(() -> { try { held.await(); } catch (InterruptedException e) { } Py.print(\"still routed\"); });\n"
                + "holder.start();");
        for (int i = 0; i < 40; i++) run("1 + 1");
        ExecuteResult r = run("long deadline = System.nanoTime() + 30_000_000_000L;\n"
                + "while (firstCell.get() != null && System.nanoTime() < deadline) System.gc();\n"
                + "Py.print(firstCell.get() == null, heldCell.get() != null);");
        assertEquals("True True\n", r.stdout(), r.outputs().toString());
        ExecuteResult last = run("held.countDown(); holder.join(); later.start(); later.join();");
        assertTrue(last.stdout().contains("still routed\n"), last.outputs().toString());
        assertTrue(last.stdout().contains("started later\n"), last.outputs().toString());
    }

    @Test
    void aCellsThreadIsPythonsMainThread() {
        ExecuteResult r = run("Py.print(Threading.currentThread() == Threading.mainThread(), Threading.currentThread().name(),"
                + " new Thread(() -> {}).daemon(), Threading.mainThread().nativeId() == Threading.getNativeId())");
        assertEquals(dev.pyconcurrent.testing.CPython.of("threading", "main_thread_seen_from_it").stdout(), r.stdout(), r.outputs().toString());
    }

    @Test
    void aCellsThreadDoesNotInheritWhatThePreviousCellDidToItsOwn() {
        // the next cell's thread is made by the cell before it, once that cell has been answered
        run("java.lang.Thread.currentThread().setPriority(java.lang.Thread.MIN_PRIORITY);");
        ExecuteResult r = run("Py.print(java.lang.Thread.currentThread().getPriority(), java.lang.Thread.currentThread().isDaemon())");
        assertEquals(java.lang.Thread.NORM_PRIORITY + " True\n", r.stdout(), r.outputs().toString());
    }

    @Test
    void exceptionInBackgroundThreadIsReportedAndKernelKeepsGoing() {
        ExecuteResult r = run("var bt = new java.lang.Thread(() -> { throw new ValueError(\"bg boom\"); }); bt.start(); bt.join();");
        assertEquals("ok", r.status());
        assertTrue(r.stderr().contains("bg boom"), r.stderr());
        assertEquals("2", run("1 + 1").result());
    }

    @Test
    void inputRequestUsesThePrompt() {
        ExecuteResult r = run("Py.input(\"name? \")");
        assertEquals("'answer to name? '", r.result());
    }

    @Test
    void displayData() {
        ExecuteResult r = run("Display.html(\"<b>x</b>\"); Display.png(new byte[] {1, 2, 3});");
        assertEquals(2, r.outputs().size(), r.outputs().toString());
        assertEquals("<b>x</b>", r.outputs().get(0).data().get("text/html"));
        assertEquals("AQID", r.outputs().get(1).data().get("image/png"));
    }

    @Test
    void aChildLoadsTheClassesOfTheCellsBeforeItStartedAndOfLaterOnes() {
        // the classes reach the child's class path when objects of them are sent, also after it started
        // (qualified names: the other tests share the session)
        run("class Echo { static void echo(dev.pyconcurrent.multiprocessing.connection.Connection c) { c.send(c.recv().toString()); c.send(c.recv().toString()); c.close(); } }");
        ExecuteResult first = run("record First(int n) implements java.io.Serializable { }\n"
                + "var ends = dev.pyconcurrent.multiprocessing.Multiprocessing.Pipe();\nvar echo = new dev.pyconcurrent.multiprocessing.Process(Echo::echo, ends[1]);\necho.start();\n"
                + "ends[0].send(new First(1));\nPy.print(ends[0].recv());");
        assertEquals("First[n=1]\n", first.stdout(), first.toString());
        ExecuteResult later = run("record Later(String s) implements java.io.Serializable { }\n"
                + "ends[0].send(new Later(\"x\"));\nPy.print(ends[0].recv());\necho.join(60);\nPy.print(echo.exitcode());");
        assertEquals("Later[s=x]\n0\n", later.stdout(), later.toString());
    }

    @Test
    void outOfMemoryInACellIsMemoryError() {
        ExecuteResult r = run("{ var hog = new ArrayList<long[]>(); while (true) hog.add(new long[4_000_000]); }");
        assertEquals("MemoryError", r.error().ename(), r.toString());
        assertEquals("2", run("1 + 1").result());
    }

    @Test
    void dataThatKeepsTheHeapFullDoesNotWedgeTheKernel() {
        run("List<byte[]> hog = new ArrayList<>();");
        ExecuteResult r = run("while (true) hog.add(new byte[1 << 20]);");
        assertEquals("MemoryError", r.error().ename(), r.toString());
        assertEquals("ok", kernel.request("kernel_info_request", new JsonObject(), T).get("status").getAsString());
        assertEquals("True", run("hog.size() > 100").result(), "the data is still there");
        assertEquals("ok", run("hog = null;").status(), "and the next cell can free it");
        assertEquals("2", run("1 + 1").result());
    }

    @Test
    void bigPrintArrivesInChunks() {
        ExecuteResult r = run("Py.print(\"x\".repeat(50_000_000));");
        assertEquals(50_000_001, r.stdout().length());
        assertTrue(r.outputs().size() > 10);
        assertEquals("2", run("1 + 1").result());
    }

    @Test
    void completeInspectIsCompleteHistory() {
        JsonObject c = new JsonObject();
        c.addProperty("code", "ValueEr");
        c.addProperty("cursor_pos", 7);
        JsonObject r = kernel.request("complete_request", c, T);
        assertEquals("ok", r.get("status").getAsString());
        assertTrue(r.get("matches").toString().contains("ValueError"), r.toString());
        assertEquals(0, r.get("cursor_start").getAsInt());
        assertEquals(7, r.get("cursor_end").getAsInt());

        // code points, not UTF-16 units: "😀" is one position
        JsonObject u = new JsonObject();
        u.addProperty("code", "String s = \"😀\"; s.len");
        u.addProperty("cursor_pos", "String s = \"😀\"; s.len".codePointCount(0, "String s = \"😀\"; s.len".length()));
        JsonObject ur = kernel.request("complete_request", u, T);
        assertTrue(ur.get("matches").toString().contains("length("), ur.toString());
        assertEquals(18, ur.get("cursor_start").getAsInt());

        JsonObject i = new JsonObject();
        i.addProperty("code", "Math.max(");
        i.addProperty("cursor_pos", 9);
        i.addProperty("detail_level", 0);
        JsonObject ir = kernel.request("inspect_request", i, T);
        assertTrue(ir.get("found").getAsBoolean(), ir.toString());
        assertTrue(ir.getAsJsonObject("data").get("text/plain").getAsString().contains("max("), ir.toString());
        if (java.nio.file.Files.exists(java.nio.file.Path.of(System.getProperty("java.home"), "lib", "src.zip"))) {
            // with the JDK's sources, the javadoc's summary too (without: InspectWithoutJdkSourcesTest)
            assertTrue(ir.getAsJsonObject("data").get("text/plain").getAsString().contains("Returns the greater of two"), ir.toString());
        }

        JsonObject ic = new JsonObject();
        ic.addProperty("code", "if (true) {");
        JsonObject icr = kernel.request("is_complete_request", ic, T);
        assertEquals("incomplete", icr.get("status").getAsString());
        assertNotNull(icr.get("indent"));
        ic.addProperty("code", "int done = 1;");
        assertEquals("complete", kernel.request("is_complete_request", ic, T).get("status").getAsString());

        run("int historyMarker = 42;");
        JsonObject h = new JsonObject();
        h.addProperty("hist_access_type", "tail");
        h.addProperty("n", 1);
        h.addProperty("output", false);
        h.addProperty("raw", true);
        JsonObject hr = kernel.request("history_request", h, T);
        assertEquals("int historyMarker = 42;", hr.getAsJsonArray("history").get(0).getAsJsonArray().get(2).getAsString());
    }

    @Test
    void theKernelsStderrHasNoJdkWarnings() {
        run("1 + 1");   // started and initialized
        assertFalse(kernel.kernelLog().contains("WARNING"), kernel.kernelLog());
    }

    @Test
    void kernelInfoAndUnknownRequests() {
        JsonObject info = kernel.request("kernel_info_request", new JsonObject(), T);
        assertEquals("ok", info.get("status").getAsString());
        assertEquals("java", info.getAsJsonObject("language_info").get("name").getAsString());
        assertEquals("text/x-java", info.getAsJsonObject("language_info").get("mimetype").getAsString());
        assertEquals(".java", info.getAsJsonObject("language_info").get("file_extension").getAsString());
        JsonObject unknown = kernel.request("frobnicate_request", new JsonObject(), T);
        assertEquals("error", unknown.get("status").getAsString());
    }

    @Test
    void badMessagesAreDroppedAndTheKernelKeepsAnswering() {
        ConnectionInfo ci = kernel.connectionInfo();
        try (ZContext ctx = new ZContext(1)) {
            ZMQ.Socket s = ctx.createSocket(SocketType.DEALER);
            s.setLinger(0);
            s.connect(ci.address(ci.shellPort()));
            // wrong signature
            Channel wrongKey = new Channel("hmac-sha256", "not-the-key");
            Message m = Message.create("execute_request", "x", "x", new JsonObject());
            m.content.addProperty("code", "System.exit(1);");
            wrongKey.send(s, m);
            // malformed JSON, correctly signed
            Channel right = new Channel(ci.signatureScheme(), ci.key());
            byte[][] parts = {"{not json".getBytes(StandardCharsets.UTF_8), "{}".getBytes(), "{}".getBytes(), "{}".getBytes()};
            s.sendMore("<IDS|MSG>");
            s.sendMore(right.sign(parts));
            s.sendMore(parts[0]);
            s.sendMore(parts[1]);
            s.sendMore(parts[2]);
            s.send(parts[3]);
            // too few frames
            s.send("garbage");
        }
        assertEquals("2", run("1 + 1").result());
    }

    @Test
    void userExpressionsAndSilent() {
        JsonObject c = new JsonObject();
        c.addProperty("code", "int ue = 20;");
        c.addProperty("silent", false);
        JsonObject ue = new JsonObject();
        ue.addProperty("double", "ue * 2");
        ue.addProperty("bad", "noSuchThing");
        c.add("user_expressions", ue);
        JsonObject r = kernel.request("execute_request", c, T);
        assertEquals("ok", r.get("status").getAsString());
        JsonObject exprs = r.getAsJsonObject("user_expressions");
        assertEquals("40", exprs.getAsJsonObject("double").getAsJsonObject("data").get("text/plain").getAsString());
        assertEquals("error", exprs.getAsJsonObject("bad").get("status").getAsString());
        assertFalse(r.has("ename"));
    }

    @Test
    void aReplayedRequestIsDroppedAndLogged() {
        run("int replays = 0;");
        ConnectionInfo ci = kernel.connectionInfo();
        try (ZContext ctx = new ZContext(1)) {
            ZMQ.Socket s = ctx.createSocket(SocketType.DEALER);
            s.setLinger(0);
            s.connect(ci.address(ci.shellPort()));
            Channel codec = new Channel(ci.signatureScheme(), ci.key());
            JsonObject c = new JsonObject();
            c.addProperty("code", "replays++;");
            Message m = Message.create("execute_request", "replayer", "x", c);
            for (int i = 0; i < 3; i++) codec.send(s, m);    // the same message, so the same signature
            Message info = Message.create("kernel_info_request", "replayer", "x", new JsonObject());
            codec.send(s, info);
            // one connection's requests are taken in order: once kernel_info is answered, all three were seen
            s.setReceiveTimeOut((int) T.toMillis());
            Message reply;
            do {
                reply = assertDoesNotThrow(() -> codec.receive(s));
            } while (!reply.parentMsgId().equals(info.msgId()));
        }
        assertEquals("1", run("replays").result(), "the request ran once");
        assertTrue(kernel.kernelLog().contains("Duplicate Signature"), kernel.kernelLog());
    }

    @Test
    void aBadFieldGetsAnErrorReply() {
        JsonObject h = new JsonObject();
        h.addProperty("hist_access_type", "tail");
        h.addProperty("n", -5);
        JsonObject r = kernel.request("history_request", h, T);
        assertEquals("error", r.get("status").getAsString(), r.toString());
        assertEquals("ValueError", r.get("ename").getAsString());
        assertEquals("history_request: n must be >= 0, not -5", r.get("evalue").getAsString());
        assertEquals("2", run("1 + 1").result());
    }

    @Test
    void aCellAboveTheSizeLimitIsRefused() {
        ExecuteResult r = run("int big = 1;" + " ".repeat(Kernel.MAX_REQUEST_BYTES));
        assertEquals("error", r.status());
        assertEquals("ValueError", r.error().ename(), r.toString());
        assertTrue(r.error().evalue().startsWith("execute_request too large: "), r.error().evalue());
        JsonObject c = new JsonObject();
        c.addProperty("code", "x".repeat(Kernel.MAX_REQUEST_BYTES));
        c.addProperty("cursor_pos", 1);
        JsonObject complete = kernel.request("complete_request", c, T);
        assertEquals("ValueError", complete.get("ename").getAsString(), complete.toString());
        assertEquals("2", run("1 + 1").result());
    }

    @Test
    void aReflectiveExitRaisesSystemExit() {
        // JDK 17: the SecurityManager stops it inside Method.invoke; the cell sees what the target raised
        ExecuteResult r = run("System.class.getMethod(\"exit\", int.class).invoke(null, 7);");
        assertEquals("SystemExit", r.error().ename(), r.toString());
        assertEquals("7", r.error().evalue());
    }

    @Test
    void interruptingAShellPipelineEndsEveryProcessOfIt() throws Exception {
        String token = "987.25";
        try {
            ExecuteResult r = kernel.executeAndInterruptAt(String.join("\n",
                    "var pipelineUp = new java.lang.Thread(() -> {",
                    "    while (ProcessHandle.current().descendants().filter(p -> p.info().commandLine().orElse(\"\").contains(\"" + token + "\")).count() < 1) Time.sleep(0.02);",
                    "    Py.print(\"interrupt me\"); });",
                    "pipelineUp.start();",
                    "Subprocess.run(\"sleep " + token + " | cat\", Popen.options().shell(true));"), "interrupt me", T);
            assertEquals("KeyboardInterrupt", r.error().ename(), r.toString());
            long deadline = System.nanoTime() + T.toNanos();
            while (!withToken(token).isEmpty()) {
                assertTrue(System.nanoTime() < deadline, "still running: " + withToken(token));
                Thread.sleep(50);
            }
        } finally {
            withToken(token).forEach(ProcessHandle::destroyForcibly);
        }
    }

    private static java.util.List<ProcessHandle> withToken(String token) {
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().orElse("").contains(token)).toList();
    }
}
