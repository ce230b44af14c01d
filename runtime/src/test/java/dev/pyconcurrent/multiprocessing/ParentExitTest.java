package dev.pyconcurrent.multiprocessing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyconcurrent.builtins.Py;
import dev.pyconcurrent.os.JavaCommand;
import dev.pyconcurrent.testing.NoChildLeft;
import dev.pyconcurrent.time.Time;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What happens to children when their parent JVM ends: normally (daemons terminated, others joined) or by kill -9 (children halt). */
@ExtendWith(NoChildLeft.class)
class ParentExitTest {
    /** The parent JVM of these scenarios. */
    public static final class Parent {
        public static void main(String[] args) throws Exception {
            Context spawn = Multiprocessing.getContext("spawn");
            if (args[0].equals("orphan")) {
                Process p = spawn.Process(Time::sleep, 60.0);
                p.start();
                Py.print(p.pid());
                Thread.sleep(60_000); // until killed
            } else {
                Process daemon = spawn.Process(Time::sleep, 60.0).daemon(true);
                Process other = spawn.Process(ParentExitTest::slowPrint, "non-daemon child done");
                daemon.start();
                other.start();
                Py.print(daemon.pid());
                // main returns: the exit hook terminates the daemon and joins the other
            }
        }
    }

    static void slowPrint(String s) {
        Time.sleep(1.0);
        Py.print(s);
    }

    private static java.lang.Process parent(String mode) throws Exception {
        return new ProcessBuilder(JavaCommand.ofThisJvm().mainClass(Parent.class.getName()).args(mode).toList())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    @Test
    void childrenOfAParentKilledWithSignal9Halt() throws Exception {
        java.lang.Process parent = parent("orphan");
        BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8));
        ProcessHandle child = ProcessHandle.of(Long.parseLong(out.readLine())).orElseThrow();
        parent.destroyForcibly().waitFor();
        child.onExit().get(10, TimeUnit.SECONDS); // end of file on its stdin
        assertFalse(child.isAlive());
    }

    @Test
    void atExitDaemonsAreTerminatedAndOthersJoined() throws Exception {
        java.lang.Process parent = parent("exit");
        BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8));
        ProcessHandle daemon = ProcessHandle.of(Long.parseLong(out.readLine())).orElseThrow();
        assertEquals("non-daemon child done", out.readLine());
        assertTrue(parent.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, parent.exitValue());
        assertFalse(daemon.isAlive());
    }
}
