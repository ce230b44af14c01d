"""Drives the installed pyconcurrent kernel with Debian's jupyter_client and nbclient.

Run by FrontEndIT (mvn verify) with JUPYTER_PATH pointing at a kernelspec installed for the test.
Every reply's content fields are checked against the messaging spec (5.3/5.4).
"""
import ast
import contextlib
import os
import queue
import sys
import time
import unittest

import jupyter_client
from jupyter_client import KernelManager
from jupyter_client.session import Session

KERNEL = os.environ.get("PYCONCURRENT_KERNEL_NAME", "pyconcurrent")
TIMEOUT = 60


def require(content, fields):
    missing = [f for f in fields if f not in content]
    assert not missing, "missing %s in %r" % (missing, content)


class KernelIT(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.km = KernelManager(kernel_name=KERNEL)
        t0 = time.monotonic()
        cls.km.start_kernel()
        cls.kc = cls.km.client()
        cls.kc.start_channels()
        cls.kc.wait_for_ready(timeout=TIMEOUT)
        # wait_for_ready may leave replies to its kernel_info probes on the shell channel
        while True:
            try:
                cls.kc.get_shell_msg(timeout=0.5)
            except queue.Empty:
                break
        print("kernel ready in %.2f s (jupyter_client %s)" % (time.monotonic() - t0, jupyter_client.__version__))

    @classmethod
    def tearDownClass(cls):
        cls.kc.stop_channels()
        cls.km.shutdown_kernel(now=False)
        assert not cls.km.is_alive()

    def run_cell(self, code, timeout=TIMEOUT, **kw):
        outputs = []
        reply = self.kc.execute_interactive(code, timeout=timeout, output_hook=outputs.append, **kw)
        return reply, outputs

    def iopub(self, outputs, msg_type):
        return [m["content"] for m in outputs if m["msg_type"] == msg_type]

    def result(self, code):
        reply, out = self.run_cell(code)
        results = self.iopub(out, "execute_result")
        assert results, "no result for %r: %r" % (code, reply["content"])
        return results[0]["data"]["text/plain"]

    def is_complete(self, code):
        msg_id = self.kc.is_complete(code)
        reply = self.kc.get_shell_msg(timeout=TIMEOUT)
        self.assertEqual(reply["parent_header"]["msg_id"], msg_id)
        return reply["content"]

    def stdout(self, outputs):
        return "".join(c["text"] for c in self.iopub(outputs, "stream") if c["name"] == "stdout")

    # ------------------------------------------------------------------ multiprocessing

    def ok(self, code, timeout=TIMEOUT):
        reply, out = self.run_cell(code, timeout=timeout)
        self.assertEqual(reply["content"]["status"], "ok", reply["content"])
        return self.stdout(out)

    def test_notebook_code_runs_in_multiprocessing_children(self):
        # a record, a class's static method, a top-level method and a lambda, all defined in cells,
        # run in a spawn child and in a pool's (forkserver) workers; the children read the
        # notebook variable's current value through the snapshot of the cells' statics
        self.ok("import dev.pyconcurrent.multiprocessing.Multiprocessing;\n"
                "import dev.pyconcurrent.multiprocessing.pool.Pool;")
        self.ok("record MpPoint(int x, int y) implements java.io.Serializable {}")
        self.ok("class MpWorker { static int triple(int x) { return 3 * x; } }")
        self.ok("static int mpSquare(int v) { return v * v; }")
        self.ok("int mpBase = 10;")
        self.ok("mpBase = 100;")
        out = self.ok(
            'var mpCtx = Multiprocessing.getContext("spawn");\n'
            "dev.pyconcurrent.multiprocessing.Queue<Object> mpQ = mpCtx.Queue();\n"
            "var mpP = mpCtx.Process((Action2<dev.pyconcurrent.multiprocessing.Queue<Object>, MpPoint>)\n"
            "        (q, pt) -> q.put(mpSquare(pt.x()) + pt.y() + mpBase), mpQ, new MpPoint(3, 4));\n"
            "mpP.start();\n"
            "Object mpGot = mpQ.get(true, 120);\n"
            "mpP.join();\n"
            "Py.print(mpGot, mpP.exitcode());", timeout=180)
        self.assertEqual(out, "113 0\n")
        out = self.ok(
            "Pool mpPool = new Pool(2);\n"
            "try {\n"
            "    Py.print(mpPool.map(MpWorker::triple, List.of(1, 2, 3)),\n"
            "             mpPool.map((Callable1<Integer, Integer>) x -> mpSquare(x) + mpBase, List.of(1, 2, 3)));\n"
            "} finally {\n"
            "    mpPool.terminate();\n"
            "}", timeout=180)
        self.assertEqual(out, "[3, 6, 9] [101, 104, 109]\n")

    # ------------------------------------------------------------------ kernel_info

    def test_kernel_info(self):
        reply = self.kc.kernel_info(reply=True, timeout=TIMEOUT)
        c = reply["content"]
        require(c, ["status", "protocol_version", "implementation", "implementation_version",
                    "language_info", "banner", "help_links"])
        self.assertEqual(c["status"], "ok")
        self.assertTrue(c["protocol_version"].startswith("5."))
        li = c["language_info"]
        require(li, ["name", "version", "mimetype", "file_extension"])
        self.assertEqual((li["name"], li["mimetype"], li["file_extension"]), ("java", "text/x-java", ".java"))
        self.assertIsInstance(c["help_links"], list)

    # ------------------------------------------------------------------ execute

    def test_execute_result_and_reply_fields(self):
        reply, out = self.run_cell("1 + 2")
        c = reply["content"]
        require(c, ["status", "execution_count", "user_expressions", "payload"])
        self.assertEqual(c["status"], "ok")
        self.assertIsInstance(c["execution_count"], int)
        results = self.iopub(out, "execute_result")
        self.assertEqual(len(results), 1)
        require(results[0], ["execution_count", "data", "metadata"])
        self.assertEqual(results[0]["data"]["text/plain"], "3")
        self.assertEqual(results[0]["execution_count"], c["execution_count"])
        inputs = self.iopub(out, "execute_input")
        self.assertEqual(inputs[0]["code"], "1 + 2")

    def test_streams(self):
        reply, out = self.run_cell('Py.print("out"); Py.printErr("err");')
        streams = self.iopub(out, "stream")
        for s in streams:
            require(s, ["name", "text"])
        self.assertEqual(self.stdout(out), "out\n")
        self.assertEqual("".join(s["text"] for s in streams if s["name"] == "stderr"), "err\n")

    def test_error_is_the_python_exception(self):
        reply, out = self.run_cell('throw new ValueError("release unlocked lock");')
        c = reply["content"]
        require(c, ["status", "ename", "evalue", "traceback", "execution_count"])
        self.assertEqual((c["status"], c["ename"], c["evalue"]), ("error", "ValueError", "release unlocked lock"))
        err = self.iopub(out, "error")[0]
        require(err, ["ename", "evalue", "traceback"])
        self.assertTrue(all(isinstance(line, str) for line in err["traceback"]))

    def test_compile_error_names_the_line(self):
        reply, _ = self.run_cell("int a = 1;\nint b = nope;")
        self.assertEqual(reply["content"]["ename"], "CompilationError")
        self.assertIn("line 2", reply["content"]["evalue"])

    def test_silent_and_user_expressions(self):
        reply, out = self.run_cell("int ux = 7;", silent=True, user_expressions={"twice": "ux * 2"})
        self.assertEqual(self.iopub(out, "execute_input"), [])
        ue = reply["content"]["user_expressions"]["twice"]
        require(ue, ["status", "data", "metadata"])
        self.assertEqual(ue["data"]["text/plain"], "14")

    def test_stop_on_error_aborts_queued_cells(self):
        # the first cell waits for input until the second request has been sent: so the second is
        # certainly queued when the first fails, however loaded the machine
        first = self.kc.execute('Py.input("go? "); throw new RuntimeError("stop here");', allow_stdin=True)
        second = self.kc.execute('Py.print("never")')
        self.assertEqual(self.kc.get_stdin_msg(timeout=TIMEOUT)["msg_type"], "input_request")
        self.kc.input("go")
        replies = {}
        deadline = time.monotonic() + TIMEOUT
        while len(replies) < 2 and time.monotonic() < deadline:
            msg = self.kc.get_shell_msg(timeout=TIMEOUT)
            replies[msg["parent_header"]["msg_id"]] = msg["content"]
        self.assertEqual(replies[first]["status"], "error")
        self.assertEqual(replies[second], {"status": "aborted"})     # no execution count, as ipykernel
        # drain iopub of those two requests
        self.run_cell("0")

    def test_queued_cells_run_in_order_each_on_a_main_thread_of_its_own(self):
        # the first cell waits for input until the others have been sent, so they queue behind it;
        # each starts when the one before it has been answered, on a thread that is no child of
        # the cell before it: not in its thread group, without its inheritable thread-locals
        first = self.kc.execute('InheritableThreadLocal<String> QUEUED = new InheritableThreadLocal<>();\n'
                                'QUEUED.set("first cell"); Py.input("go? ");', allow_stdin=True)
        probe = ('java.lang.Thread t = java.lang.Thread.currentThread();\n'
                 'Py.print(t.getName(), t.getThreadGroup().getParent().getName(), QUEUED.get());')
        later = [self.kc.execute(probe) for _ in range(2)]
        self.assertEqual(self.kc.get_stdin_msg(timeout=TIMEOUT)["msg_type"], "input_request")
        self.kc.input("go")
        order = []
        while len(order) < 3:
            msg = self.kc.get_shell_msg(timeout=TIMEOUT)
            self.assertEqual(msg["content"]["status"], "ok", msg["content"])
            order.append((msg["parent_header"]["msg_id"], msg["content"]["execution_count"]))
        self.assertEqual([m for m, _ in order], [first] + later)
        counts = [c for _, c in order]
        self.assertEqual(counts, list(range(counts[0], counts[0] + 3)))
        printed = {m: "" for m in later}
        idle = set()
        while idle != set(later):
            msg = self.kc.get_iopub_msg(timeout=TIMEOUT)
            parent = msg["parent_header"].get("msg_id")
            if parent not in printed:
                continue
            if msg["msg_type"] == "stream":
                printed[parent] += msg["content"]["text"]
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                idle.add(parent)
        self.assertEqual(printed, {m: "MainThread main None\n" for m in later})

    def test_display_data(self):
        _, out = self.run_cell('Display.html("<b>hi</b>");')
        d = self.iopub(out, "display_data")[0]
        require(d, ["data", "metadata"])
        self.assertEqual(d["data"]["text/html"], "<b>hi</b>")

    def test_input_request(self):
        msg_id = self.kc.execute('Py.input("who? ")', allow_stdin=True)
        req = self.kc.get_stdin_msg(timeout=TIMEOUT)
        self.assertEqual(req["msg_type"], "input_request")
        require(req["content"], ["prompt", "password"])
        self.assertEqual(req["content"]["prompt"], "who? ")
        self.kc.input("bob")
        reply = self.kc.get_shell_msg(timeout=TIMEOUT)
        self.assertEqual(reply["parent_header"]["msg_id"], msg_id)
        self.assertEqual(reply["content"]["status"], "ok")

    # ------------------------------------------------------------------ introspection

    def test_complete(self):
        code = 'String s = "\U0001F600"; s.len'
        reply = self.kc.complete(code, len(code), reply=True, timeout=TIMEOUT)["content"]
        require(reply, ["matches", "cursor_start", "cursor_end", "metadata", "status"])
        self.assertIn("length()", reply["matches"])
        self.assertEqual(reply["cursor_end"], len(code))           # code points
        self.assertEqual(code[reply["cursor_start"]:reply["cursor_end"]], "len")

    def test_inspect(self):
        reply = self.kc.inspect("Math.max(", 9, reply=True, timeout=TIMEOUT)["content"]
        require(reply, ["status", "found", "data", "metadata"])
        self.assertTrue(reply["found"])
        self.assertIn("max(", reply["data"]["text/plain"])

    def test_inspect_shows_the_runtimes_javadoc(self):
        code = "new Lock().acquire("
        reply = self.kc.inspect(code, len(code), reply=True, timeout=TIMEOUT)["content"]
        self.assertTrue(reply["found"])
        # Lock inherits acquire from the public base Acquirable: shown as Lock's, with the base's javadoc
        self.assertIn("boolean Lock.acquire(boolean blocking)\nacquire(blocking): with false, takes the lock only if it is free",
                      reply["data"]["text/plain"])

    def inspect_text(self, code, cursor=None):
        reply = self.kc.inspect(code, len(code) if cursor is None else cursor, reply=True, timeout=TIMEOUT)["content"]
        require(reply, ["status", "found", "data", "metadata"])
        self.assertTrue(reply["found"], (code, reply))
        return reply["data"]["text/plain"]

    def test_inspect_jdk_members_shows_every_overload(self):
        java_home = ast.literal_eval(self.result('System.getProperty("java.home")'))
        sources = os.path.isfile(os.path.join(java_home, "lib", "src.zip"))     # a dangling link: no sources
        text = self.inspect_text("Math.max", 6)        # the cursor inside the name
        for t in ("int", "long", "float", "double"):
            self.assertIn("%s Math.max(%s a, %s b)" % (t, t, t), text)
        if sources:
            self.assertIn("Returns the greater of two int values.", text)
        else:
            self.assertNotIn("Returns the greater", text)
        text = self.inspect_text("String.valueOf")     # the cursor at the name's end
        self.assertIn("String String.valueOf(Object obj)", text)
        self.assertIn("String String.valueOf(char[] data, int offset, int count)", text)
        text = self.inspect_text("java.util.concurrent.locks.ReentrantLock", 30)
        self.assertTrue(text.startswith("java.util.concurrent.locks.ReentrantLock\n"), text)
        self.assertIn("java.util.concurrent.locks.ReentrantLock(boolean fair)", text)
        self.assertEqual("A reentrant mutual exclusion Lock" in text, sources, text)

    def test_inspect_runtime_types_and_earlier_cells(self):
        text = self.inspect_text("Semaphore")
        self.assertTrue(text.startswith("dev.pyconcurrent.threading.Semaphore\n"), text)
        self.assertIn("Semaphore(int value)", text)
        self.run_cell("int twice(int x) { return 2 * x; }\nclass Box { int v; Box(int v) { this.v = v; } }\nint inspected = 3;")
        self.assertEqual(self.inspect_text("twice", 2), "int twice(int x)")
        self.assertEqual(self.inspect_text("Box"), "Box\n\nBox(int v)")
        self.assertEqual(self.inspect_text("inspected + 1", 3), "inspected:int")

    def test_is_complete_invalid_incomplete_complete(self):
        for code in ("int = 7q;", "int 3x = 1;", "int x = 1; int = 2;"):
            self.assertEqual(self.is_complete(code), {"status": "invalid"}, code)
        self.assertEqual(self.is_complete("class A {\n  void f() {"), {"status": "incomplete", "indent": "        "})
        self.assertEqual(self.is_complete("Py.print(1 +"), {"status": "incomplete", "indent": "    "})
        for code in ("int x = 1;", "1 + 2", "int a = 1;\nPy.print(a, undefinedYet);", "import java.util.concurrent.locks.*;",
                     "record P(int x) { }", "label: while (true) break label;"):
            self.assertEqual(self.is_complete(code), {"status": "complete"}, code)

    def test_history_with_output(self):
        self.run_cell("6 * 7")
        self.run_cell("int withoutResult = 1;")
        tail = self.kc.history(hist_access_type="tail", n=2, output=True, raw=True, reply=True, timeout=TIMEOUT)["content"]["history"]
        (s1, l1, io1), (s2, l2, io2) = tail
        self.assertEqual((io1, io2, l2), (["6 * 7", "42"], ["int withoutResult = 1;", None], l1 + 1))
        ranged = self.kc.history(hist_access_type="range", session=0, start=l1, stop=l2 + 1, output=True, raw=True,
                                 reply=True, timeout=TIMEOUT)["content"]["history"]
        self.assertEqual(ranged, tail)
        found = self.kc.history(hist_access_type="search", pattern="6 * 7", output=True, raw=True,
                                reply=True, timeout=TIMEOUT)["content"]["history"]
        self.assertEqual(found[-1], [s1, l1, ["6 * 7", "42"]])
        plain = self.kc.history(hist_access_type="tail", n=1, output=False, raw=True, reply=True, timeout=TIMEOUT)["content"]["history"]
        self.assertEqual(plain, [[s2, l2, "int withoutResult = 1;"]])

    def test_is_complete(self):
        r = self.is_complete("for (int i = 0; i < 3; i++) {")
        self.assertEqual(r["status"], "incomplete")
        require(r, ["indent"])
        self.assertEqual(self.is_complete("int x = 1;")["status"], "complete")

    def test_history(self):
        self.run_cell("int historyMark = 1;")
        r = self.kc.history(hist_access_type="tail", n=1, output=False, raw=True, reply=True, timeout=TIMEOUT)["content"]
        require(r, ["status", "history"])
        session, line, source = r["history"][-1]
        self.assertEqual(source, "int historyMark = 1;")
        s = self.kc.history(hist_access_type="search", pattern="int historyMark*", reply=True, timeout=TIMEOUT)["content"]
        self.assertTrue(s["history"])

    def test_comm_info(self):
        r = self.kc.comm_info(reply=True, timeout=TIMEOUT)["content"]
        self.assertEqual(r, {"status": "ok", "comms": {}})

    # ------------------------------------------------------------------ interrupt

    def wait_for_output(self, msg_id, text):
        # the cell prints `text` once it is where the test wants to interrupt it
        while True:
            m = self.kc.get_iopub_msg(timeout=TIMEOUT)
            if (m["parent_header"].get("msg_id") == msg_id and m["msg_type"] == "stream"
                    and text in m["content"]["text"]):
                return

    def interrupt_cell(self, code, setup=None):
        """Runs `code` and interrupts it once it printed "ready" (a prefix prints it if `code` does not)."""
        if setup:
            self.assertEqual(self.run_cell(setup)[0]["content"]["status"], "ok")
        msg_id = self.kc.execute(code if '"ready"' in code else 'Py.print("ready");\n' + code)
        self.wait_for_output(msg_id, "ready")
        t0 = time.monotonic()
        self.km.interrupt_kernel()
        reply = self.kc.get_shell_msg(timeout=10)
        elapsed = time.monotonic() - t0
        self.assertEqual(reply["parent_header"]["msg_id"], msg_id)
        self.assertEqual(reply["content"].get("ename"), "KeyboardInterrupt", reply["content"])
        self.assertLess(elapsed, 2.0)
        self.assertEqual(self.result("1 + 1"), "2")

    def test_interrupt_deadlock_between_two_threads(self):
        self.interrupt_cell(
            "{ t1 = new java.lang.Thread(ab); t2 = new java.lang.Thread(ba); t1.start(); t2.start(); both.await(); Py.print(\"ready\"); t1.join(); t2.join(); }",
            setup="\n".join([
                "var la = new java.util.concurrent.locks.ReentrantLock(); var lb = new java.util.concurrent.locks.ReentrantLock();",
                "var both = new java.util.concurrent.CountDownLatch(2);",
                "Runnable ab = () -> { try { la.lockInterruptibly(); both.countDown(); both.await(); lb.lockInterruptibly(); } catch (InterruptedException e) { throw KeyboardInterrupt.interrupted(e); } };",
                "Runnable ba = () -> { try { lb.lockInterruptibly(); both.countDown(); both.await(); la.lockInterruptibly(); } catch (InterruptedException e) { throw KeyboardInterrupt.interrupted(e); } };",
                "java.lang.Thread t1, t2;"]))
        self.assertEqual(self.result("t1.isAlive() || t2.isAlive()"), "False")

    def test_interrupt_right_after_execute_input(self):
        # from its execute_input on, a cell is interruptible, even if its code has not started
        msg_id = self.kc.execute("Time.sleep(60);")
        while True:
            m = self.kc.get_iopub_msg(timeout=TIMEOUT)
            if m["parent_header"].get("msg_id") == msg_id and m["msg_type"] == "execute_input":
                break
        self.km.interrupt_kernel()
        reply = self.kc.get_shell_msg(timeout=10)
        self.assertEqual(reply["content"].get("ename"), "KeyboardInterrupt", reply["content"])
        self.assertEqual(self.result("1 + 1"), "2")

    def test_interrupt_busy_loop(self):
        self.interrupt_cell("while (true) { }")

    def test_interrupt_runaway_recursion(self):
        self.interrupt_cell("fibForever(90)", setup="long fibForever(int n) { return n < 2 ? n : fibForever(n - 1) + fibForever(n - 2); }")

    def test_interrupt_blocking_wait(self):
        self.interrupt_cell("new java.util.concurrent.CountDownLatch(1).await();")

    def test_sigint_interrupts(self):
        msg_id = self.kc.execute('Py.print("ready"); new java.util.concurrent.CountDownLatch(1).await();')
        self.wait_for_output(msg_id, "ready")
        self.km.signal_kernel(2)
        reply = self.kc.get_shell_msg(timeout=10)
        self.assertEqual(reply["content"]["ename"], "KeyboardInterrupt")

    def test_output_streams_while_the_cell_runs(self):
        msg_id = self.kc.execute('Py.print("first"); Time.sleep(1.5); Py.print("second");')
        arrivals = []
        while True:
            m = self.kc.get_iopub_msg(timeout=TIMEOUT)
            if m["parent_header"].get("msg_id") != msg_id:
                continue
            if m["msg_type"] == "stream":
                arrivals.append((time.monotonic(), m["content"]["text"]))
            if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
                break
        self.assertEqual([t for _, t in arrivals], ["first\n", "second\n"])
        self.assertGreater(arrivals[1][0] - arrivals[0][0], 1.0)
        self.kc.get_shell_msg(timeout=TIMEOUT)

    # ------------------------------------------------------------------ protocol 5.5: control, subshells, usage

    def control(self, msg_type, content=None):
        """A request on the control channel (Debian's jupyter_client 7.4 has no helper for these)."""
        msg = self.kc.session.msg(msg_type, content or {})
        self.kc.control_channel.send(msg)
        while True:
            reply = self.kc.get_control_msg(timeout=10)
            if reply["parent_header"].get("msg_id") == msg["header"]["msg_id"]:
                return reply

    def on_subshell(self, subshell_id, code):
        """Sends an execute request to a subshell; returns its msg_id."""
        msg = self.kc.session.msg("execute_request", {"code": code, "silent": False, "store_history": True,
                                                      "user_expressions": {}, "allow_stdin": False, "stop_on_error": True})
        msg["header"]["subshell_id"] = subshell_id
        self.kc.shell_channel.send(msg)
        return msg["header"]["msg_id"]

    def collect(self, msg_id):
        """The shell reply to msg_id and its iopub messages (up to its idle status)."""
        reply = None
        while reply is None:
            m = self.kc.get_shell_msg(timeout=TIMEOUT)
            if m["parent_header"].get("msg_id") == msg_id:
                reply = m
        out = []
        while True:
            m = self.kc.get_iopub_msg(timeout=TIMEOUT)
            if m["parent_header"].get("msg_id") != msg_id:
                continue
            out.append(m)
            if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
                return reply, out

    def test_kernel_info_on_control_while_a_cell_runs(self):
        msg_id = self.kc.execute('Py.print("ready"); new java.util.concurrent.CountDownLatch(1).await();')
        self.wait_for_output(msg_id, "ready")
        c = self.control("kernel_info_request")["content"]
        self.assertEqual((c["status"], c["protocol_version"], c["supported_features"]), ("ok", "5.5", ["kernel subshells"]))
        self.km.interrupt_kernel()
        self.assertEqual(self.kc.get_shell_msg(timeout=10)["content"]["ename"], "KeyboardInterrupt")

    def test_subshells_share_the_session_with_their_own_count(self):
        sid = self.control("create_subshell_request")["content"]["subshell_id"]
        self.assertIn(sid, self.control("list_subshell_request")["content"]["subshell_id"])
        reply, out = self.collect(self.on_subshell(sid, "int fromSubshell = 5;\nfromSubshell * 2"))
        self.assertEqual(reply["content"]["status"], "ok")
        self.assertEqual(reply["content"]["execution_count"], 1)       # the subshell's own count
        results = [m for m in out if m["msg_type"] == "execute_result"]
        self.assertEqual(results[0]["content"]["data"]["text/plain"], "10")
        self.assertEqual(results[0]["parent_header"]["subshell_id"], sid)
        self.assertEqual(self.result("fromSubshell + 1"), "6")          # one namespace
        self.assertEqual(self.control("delete_subshell_request", {"subshell_id": sid})["content"], {"status": "ok"})
        self.assertNotIn(sid, self.control("list_subshell_request")["content"]["subshell_id"])
        reply, _ = self.collect(self.on_subshell(sid, "1"))
        self.assertEqual((reply["content"]["status"], reply["content"]["ename"]), ("error", "KeyError"))
        unknown = self.control("delete_subshell_request", {"subshell_id": sid})["content"]
        self.assertEqual((unknown["status"], unknown["ename"]), ("error", "KeyError"))

    def test_a_deadlock_looked_into_from_a_subshell_then_interrupted(self):
        self.assertEqual(self.run_cell("\n".join([
            "RLock first = new RLock(), second = new RLock();",
            "var bothHeld = new java.util.concurrent.CountDownLatch(2);",
            "Thread dl1 = new Thread(() -> { first.acquire(); bothHeld.countDown(); bothHeld.await(); second.acquire(); }).name(\"dl-1\");",
            "Thread dl2 = new Thread(() -> { second.acquire(); bothHeld.countDown(); bothHeld.await(); first.acquire(); }).name(\"dl-2\");",
        ]))[0]["content"]["status"], "ok")
        cell_a = self.kc.execute('dl1.start(); dl2.start(); bothHeld.await(); Py.print("ready"); dl1.join(); dl2.join();')
        self.wait_for_output(cell_a, "ready")
        sid = self.control("create_subshell_request")["content"]["subshell_id"]
        try:
            _, out = self.collect(self.on_subshell(sid, "Threading.enumerate()"))
            threads = [m for m in out if m["msg_type"] == "execute_result"][0]["content"]["data"]["text/plain"]
            self.assertIn("dl-1", threads)
            self.assertIn("dl-2", threads)
            _, out = self.collect(self.on_subshell(sid, "\n".join([
                "for (var info : java.lang.management.ManagementFactory.getThreadMXBean().dumpAllThreads(true, true))",
                "    if (info.getThreadName().startsWith(\"dl-\")) Py.print(info.getThreadName(), \"waits for\", info.getLockOwnerName());"])))
            dump = "".join(m["content"]["text"] for m in out if m["msg_type"] == "stream")
            self.assertEqual(sorted(dump.splitlines()), ["dl-1 waits for dl-2", "dl-2 waits for dl-1"])
        finally:
            self.control("delete_subshell_request", {"subshell_id": sid})
        self.km.interrupt_kernel()
        reply = self.kc.get_shell_msg(timeout=10)
        self.assertEqual(reply["parent_header"]["msg_id"], cell_a)
        self.assertEqual(reply["content"]["ename"], "KeyboardInterrupt")
        self.assertEqual(self.result("dl1.isAlive() || dl2.isAlive()"), "False")

    def test_usage_counts_the_processes_the_kernel_started(self):
        pid = self.km.provisioner.pid
        child = int(self.result('var hog = new Popen(List.of("/usr/bin/python3", "-c", '
                                '"import time; b = bytearray(300 << 20); time.sleep(120)")); hog.pid()'))
        try:
            deadline = time.monotonic() + TIMEOUT
            while rss(child) < 250 << 20:
                self.assertLess(time.monotonic(), deadline, "the child never grew")
                time.sleep(0.1)
            c = self.control("usage_request")["content"]
            require(c, ["pid", "hostname", "kernel_cpu", "kernel_memory", "cpu_count", "host_virtual_memory"])
            self.assertEqual(c["pid"], pid)
            self.assertGreaterEqual(c["kernel_memory"] - rss(pid), 250 << 20)
            self.assertGreaterEqual(c["kernel_cpu"], 0)
            self.assertEqual(c["cpu_count"], len(os.sched_getaffinity(pid)))
            with open("/proc/meminfo") as f:
                total = int(f.readline().split()[1]) * 1024
            self.assertEqual(c["host_virtual_memory"]["total"], total)
        finally:
            self.run_cell("hog.kill(); hog.await();")

    # ------------------------------------------------------------------ bad input

    def test_bad_messages_are_dropped(self):
        sock = self.kc.shell_channel.socket
        wrong = Session(key=b"wrong-key", signature_scheme="hmac-sha256")
        wrong.send(sock, "execute_request", {"code": "System.exit(1);", "silent": False})
        sock.send_multipart([b"<IDS|MSG>", b"", b"{not json", b"{}", b"{}", b"{}"])
        sock.send_multipart([b"junk"])
        bogus = self.kc.session.send(sock, "bogus_request", {})
        while True:     # skip replies left from wait_for_ready's kernel_info probes
            reply = self.kc.get_shell_msg(timeout=TIMEOUT)
            if reply["parent_header"].get("msg_id") == bogus["header"]["msg_id"]:
                break
        self.assertEqual(reply["msg_type"], "bogus_reply")
        self.assertEqual(reply["content"]["status"], "error")
        self.assertEqual(self.result("40 + 2"), "42")

    def test_replayed_request_is_dropped(self):
        self.run_cell("int replays = 0;")
        msg = self.kc.session.msg("execute_request", {"code": "replays++;", "silent": False, "store_history": False,
                                                       "user_expressions": {}, "allow_stdin": False, "stop_on_error": True})
        for _ in range(3):      # the same message three times: the same signature
            self.kc.session.send(self.kc.shell_channel.socket, msg)
        while True:
            reply = self.kc.get_shell_msg(timeout=TIMEOUT)
            if reply["parent_header"].get("msg_id") == msg["header"]["msg_id"]:
                break
        self.assertEqual(self.result("replays"), "1")

    def test_bad_field_gets_an_error_reply(self):
        r = self.kc.history(hist_access_type="tail", n=-5, reply=True, timeout=TIMEOUT)["content"]
        self.assertEqual((r["status"], r["ename"]), ("error", "ValueError"))
        self.assertEqual(self.result("1 + 1"), "2")

    def test_fifty_megabytes_of_output(self):
        reply, out = self.run_cell('Py.print("y".repeat(50_000_000));', timeout=120)
        self.assertEqual(reply["content"]["status"], "ok")
        self.assertEqual(len(self.stdout(out)), 50_000_001)

    def test_system_exit_and_background_exception(self):
        reply, _ = self.run_cell("System.exit(2);")
        self.assertEqual((reply["content"]["ename"], reply["content"]["evalue"]), ("SystemExit", "2"))
        reply, out = self.run_cell('var bt = new java.lang.Thread(() -> { throw new ValueError("in background"); }); bt.start(); bt.join();')
        self.assertEqual(reply["content"]["status"], "ok")
        self.assertTrue(self.km.is_alive())


def rss(pid):
    """A process's resident set in bytes (0 once it is gone)."""
    try:
        with open("/proc/%d/status" % pid) as f:
            return next(int(line.split()[1]) * 1024 for line in f if line.startswith("VmRSS:"))
    except (FileNotFoundError, StopIteration):
        return 0


def alive(pid):
    """Whether a process runs (a zombie does not)."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


@contextlib.contextmanager
def own_kernel(name=KERNEL):
    """A kernel of the test's own, shut down (not killed) at the end."""
    km = KernelManager(kernel_name=name)
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=TIMEOUT)
        yield km, kc
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=False)


class ShutdownIT(unittest.TestCase):
    def test_processes_cells_started_end_with_the_kernel(self):
        with own_kernel() as (km, kc):
            out = []
            kc.execute_interactive('new Popen(List.of("sleep", "1000")).pid()', timeout=TIMEOUT, output_hook=out.append)
            pid = int([m for m in out if m["msg_type"] == "execute_result"][0]["content"]["data"]["text/plain"])
            self.assertTrue(alive(pid))
        deadline = time.monotonic() + TIMEOUT
        while alive(pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        self.assertFalse(alive(pid), "sleep 1000 outlived the kernel")


class MemoryIT(unittest.TestCase):
    def test_data_that_keeps_the_heap_full_does_not_wedge_the_kernel(self):
        with own_kernel(KERNEL + "-small") as (km, kc):      # -Xmx512m
            def run(code):
                out = []
                reply = kc.execute_interactive(code, timeout=TIMEOUT, output_hook=out.append)
                return reply["content"], [m["content"] for m in out if m["msg_type"] == "execute_result"]
            self.assertEqual(run("List<byte[]> hog = new ArrayList<>();")[0]["status"], "ok")
            reply, _ = run("while (true) hog.add(new byte[1 << 20]);")
            self.assertEqual((reply["status"], reply["ename"]), ("error", "MemoryError"))
            self.assertEqual(kc.kernel_info(reply=True, timeout=TIMEOUT)["content"]["status"], "ok")
            self.assertEqual(run("hog.size() > 100")[1][0]["data"]["text/plain"], "True")
            self.assertEqual(run("hog = null;")[0]["status"], "ok")
            self.assertEqual(run("1 + 1")[1][0]["data"]["text/plain"], "2")


class RestartIT(unittest.TestCase):
    def test_restart(self):
        with own_kernel() as (km, kc):
            kc.execute_interactive("int before = 1;", timeout=TIMEOUT)
            km.restart_kernel(now=False)
            kc.wait_for_ready(timeout=TIMEOUT)
            out = []
            reply = kc.execute_interactive("before", timeout=TIMEOUT, output_hook=out.append)
            self.assertEqual(reply["content"]["status"], "error")      # a fresh session
            self.assertEqual(reply["content"]["execution_count"], 1)
        self.assertFalse(km.is_alive())


class ConsoleIT(unittest.TestCase):
    """Debian's jupyter console in a terminal (a pseudo-terminal): Ctrl-C interrupts the running cell."""

    def test_ctrl_c_interrupts_a_cell(self):
        import pty
        import select
        import shutil
        console = shutil.which("jupyter-console")
        if console is None:
            self.skipTest("no jupyter-console")
        pid, fd = pty.fork()
        if pid == 0:
            os.execv(console, [console, "--kernel=" + KERNEL, "--simple-prompt"])
        seen = b""

        def until(text):
            nonlocal seen
            deadline = time.monotonic() + TIMEOUT
            while text.encode() not in seen:
                self.assertLess(time.monotonic(), deadline, "no %r in %r" % (text, seen.decode(errors="replace")))
                if select.select([fd], [], [], 0.5)[0]:
                    seen += os.read(fd, 65536)
            start = seen.index(text.encode()) + len(text)
            seen = seen[start:]

        try:
            until("In [1]: ")
            os.write(fd, b"int keep = 5;\n")
            until("In [2]: ")
            os.write(fd, b'Py.print("spinning " + "now"); while (true) { }\n')
            until("spinning now")
            os.write(fd, b"\x03")
            until("KeyboardInterrupt")
            until("In [3]: ")
            os.write(fd, b"Py.print(6 * 7, keep)\n")
            until("42 5")      # the session's definitions stayed
        finally:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
            os.close(fd)


class NotebookIT(unittest.TestCase):
    def test_nbclient_runs_a_notebook(self):
        import nbformat
        from nbclient import NotebookClient
        nb = nbformat.v4.new_notebook()
        nb.metadata["kernelspec"] = {"name": KERNEL, "display_name": "Java (pyconcurrent)", "language": "java"}
        nb.cells = [
            nbformat.v4.new_markdown_cell("A tiny notebook"),
            nbformat.v4.new_code_cell('Py.print("hello from", "java")'),
            nbformat.v4.new_code_cell("List.of(1, 2, 3)"),
            nbformat.v4.new_code_cell('throw new KeyError("k");', metadata={"tags": ["raises-exception"]}),
        ]
        NotebookClient(nb, timeout=TIMEOUT, kernel_name=KERNEL).execute()
        self.assertEqual(nb.cells[1].outputs[0]["text"], "hello from java\n")
        self.assertEqual(nb.cells[2].outputs[0]["data"]["text/plain"], "[1, 2, 3]")
        self.assertEqual(nb.cells[3].outputs[0]["ename"], "KeyError")
        self.assertEqual(nb.cells[3].outputs[0]["evalue"], "'k'")
        nbformat.validate(nb)


if __name__ == "__main__":
    unittest.main(verbosity=2)
