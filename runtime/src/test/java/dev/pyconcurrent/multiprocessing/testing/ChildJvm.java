package dev.pyconcurrent.multiprocessing.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyconcurrent.os.JavaCommand;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.PrintStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM for cross-process tests (the multiprocessing {@code Process} is built elsewhere):
 * the test's main class receives serialized objects as arguments and talks over stdin/stdout
 * lines. {@link #close()} waits for its exit (30 s at most) and checks its status.
 */
public final class ChildJvm implements AutoCloseable {
    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final PrintStream in;
    private final Thread pump;
    private final StringBuilder stderr = new StringBuilder();
    private final Thread errPump;

    /** Starts {@code main} with {@code args}: strings as they are, other objects serialized (base64). */
    public ChildJvm(Class<?> main, Serializable... objects) throws IOException {
        List<String> args = new ArrayList<>();
        for (Serializable o : objects) args.add(o instanceof String s ? s : encode(o));
        process = new ProcessBuilder(JavaCommand.ofThisJvm().mainClass(main.getName()).args(args.toArray(String[]::new)).toList())
                .start();
        in = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
        pump = pump(new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)), lines::add);
        errPump = pump(new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8)),
                l -> stderr.append(l).append('\n'));
    }

    private static Thread pump(BufferedReader r, java.util.function.Consumer<String> sink) {
        Thread t = new Thread(() -> {
            try {
                for (String l; (l = r.readLine()) != null; ) sink.accept(l);
            } catch (IOException e) {
                // child gone
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }

    public long pid() {
        return process.pid();
    }

    /** The next line the child printed (fails after 30 s). */
    public String line() throws InterruptedException {
        String l = lines.poll(30, TimeUnit.SECONDS);
        assertTrue(l != null, "no output from the child within 30 s; stderr:\n" + stderr);
        return l;
    }

    /** Asserts the child's next line. */
    public void expect(String line) throws InterruptedException {
        assertEquals(line, line());
    }

    public void send(String line) {
        in.println(line);
    }

    @Override
    public void close() throws InterruptedException {
        in.close();
        boolean exited = process.waitFor(30, TimeUnit.SECONDS);
        if (!exited) process.destroyForcibly().waitFor();
        pump.join(10_000);
        errPump.join(10_000);
        assertTrue(exited, "child did not exit within 30 s");
        assertEquals(0, process.exitValue(), "child failed:\n" + stderr);
    }

    public static String encode(Serializable o) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    @SuppressWarnings("unchecked")
    public static <T> T decode(String base64) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(base64)))) {
            return (T) in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A child's stdin, line by line ({@code null} at EOF). */
    public static String readLine() {
        try {
            return STDIN.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final BufferedReader STDIN = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
}
