package dev.pyconcurrent.multiprocessing;

import dev.pyconcurrent.multiprocessing.connection.Wire;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Notebook variables for a child (the kernel only). A JShell top-level variable is a public static
 * field of a wrapper class {@code REPL.$JShell$N}, assigned when its snippet runs, not when the
 * class initializes: a child loading the class from the snippet directory would see 0 or null.
 * Before a child starts, the values of the public, static, non-final fields of the wrappers in
 * {@code -Dpyconcurrent.kernel.snippetClassPath} are serialized (each on its own); the child sets
 * them before it reads its target, so that it sees the notebook's current values, as a
 * {@code fork}ed child of CPython does. A value that does not serialize is skipped: the child sees
 * null there. Its name travels with the snapshot and is printed after the child's traceback when
 * the target fails with a {@code NullPointerException}, the symptom of such a variable (a notice at
 * every start would put a line in a cell's output that CPython's {@code fork} never prints). One
 * holding a {@code Connection} is skipped without a name: sending it would move it away
 * from the notebook, and a child gets its connections as arguments. So is JShell's temporary
 * {@code $N} holding the value of an expression statement ({@code buf.put(0, b)} returns the
 * buffer). Queues are sent (the child reaches the notebook's queue).
 */
final class Snapshot {
    private Snapshot() {}

    private static final Pattern WRAPPER = Pattern.compile("\\$JShell\\$\\d+[A-Z]*\\.class");
    /** The message's entry naming the skipped variables (no field key starts with '#'). */
    private static final String SKIPPED = "#skipped";
    /** In a child: the notebook variables its parent could not send, comma-separated ("" for none). */
    private static volatile String skipped = "";
    private static final byte[] EMPTY = Wire.dumps(new LinkedHashMap<String, byte[]>());

    /** The statics of the loaded notebook wrappers: {@code "REPL.$JShell$6#base" → value bytes}, as a message. */
    static byte[] take() {
        Wire.writeSnippetClasses();
        String dir = System.getProperty(Popen.SNIPPET_CLASS_PATH);
        if (dir == null || dir.isEmpty() || !Files.isDirectory(Path.of(dir, "REPL"))) return EMPTY;
        Map<String, byte[]> values = new LinkedHashMap<>();
        List<String> skipped = new ArrayList<>();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try (Stream<Path> files = Files.list(Path.of(dir, "REPL"))) {
            for (Path f : (Iterable<Path>) files.sorted()::iterator) {
                String file = f.getFileName().toString();
                if (!WRAPPER.matcher(file).matches()) continue;
                String cls = "REPL." + file.substring(0, file.length() - ".class".length());
                Class<?> c;
                try {
                    c = Class.forName(cls, false, loader);
                } catch (ClassNotFoundException | LinkageError e) {
                    continue; // written by another session: not this notebook's
                }
                for (Field field : c.getDeclaredFields()) {
                    int m = field.getModifiers();
                    if (!Modifier.isStatic(m) || !Modifier.isPublic(m) || Modifier.isFinal(m)) continue;
                    try {
                        field.setAccessible(true);
                        values.put(cls + "#" + field.getName(), Wire.dumpsCopy(field.get(null)));
                    } catch (RuntimeException | IllegalAccessException | LinkageError e) {
                        // no notice for a connection (it stays with the notebook by design; children get theirs
                        // as arguments) nor for JShell's $N temporaries (an expression statement's value, no variable of the user's)
                        if (!Wire.handOverRefused(e) && !field.getName().startsWith("$")) skipped.add(field.getName());
                    }
                }
            }
        } catch (IOException e) {
            return EMPTY;
        }
        if (!skipped.isEmpty()) values.put(SKIPPED, Wire.dumps(String.join(", ", skipped)));
        return Wire.dumps(values);
    }

    /** In the child: sets the fields {@link #take} recorded (a field that cannot be set keeps its value). */
    @SuppressWarnings("unchecked")
    static void restore(byte[] message) {
        Map<String, byte[]> values = (Map<String, byte[]>) Wire.loads(message);
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        byte[] names = values.remove(SKIPPED);
        skipped = names == null ? "" : (String) Wire.loads(names);
        for (Map.Entry<String, byte[]> e : values.entrySet()) {
            int hash = e.getKey().indexOf('#');
            try {
                Field f = Class.forName(e.getKey().substring(0, hash), true, loader).getDeclaredField(e.getKey().substring(hash + 1));
                f.setAccessible(true);
                f.set(null, Wire.loads(e.getValue()));
            } catch (ReflectiveOperationException | RuntimeException | LinkageError ignored) {
                // a class or value this JVM cannot load: the field keeps its initial value
            }
        }
    }

    /**
     * In the child, after the traceback of a failed target: names the variables that did not
     * arrive when the failure is a {@code NullPointerException} (in its causes too), the likely
     * reason being one of them.
     */
    static void noteSkipped(Throwable failure) {
        if (skipped.isEmpty()) return;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof NullPointerException) {
                System.err.println("multiprocessing: notebook variables not sent to this process (not serializable), null here: "
                        + skipped);
                return;
            }
        }
    }
}
