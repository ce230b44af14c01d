package dev.pyconcurrent.kernel;

import dev.pyconcurrent.os.JavaCommand;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The imports every session starts with: the JDK packages the {@code jshell} tool imports, then
 * every package of the pyconcurrent runtime found on the class path at start-up (so modules that
 * land later are imported without touching this list): an on-demand import per package, plus a
 * single-type import for each runtime class whose simple name also exists in {@code java.lang} or
 * one of the JDK packages imported on demand ({@code Thread}, {@code Timer}, {@code Queue},
 * {@code Semaphore}, {@code AssertionError}…), which makes the runtime's class win. (Single-type
 * imports for every class would work too, but javac resolves each of them on every cell: about
 * 6 ms per cell for 50 classes.) Not imported: {@code dev.pyconcurrent.multiprocessing} (reached
 * through {@code Multiprocessing} or an explicit import), test helpers and the kernel's internals.
 * When two runtime packages define the same simple name, the one of the package first in
 * {@link #PRECEDENCE} is imported by name: the class a Python user means by the bare name
 * ({@code Event} is {@code threading.Event}; {@code sched}'s events are reached through
 * {@code var} or its full name, as Python code reaches them through the scheduler).
 */
final class StartupImports {
    private StartupImports() {}

    static final List<String> JDK = List.of(
            "java.io.*", "java.math.*", "java.net.*", "java.nio.file.*", "java.util.*",
            "java.util.concurrent.*", "java.util.concurrent.atomic.*", "java.util.function.*",
            "java.util.regex.*", "java.util.stream.*");

    static final List<String> EXCLUDED_PACKAGES = List.of(
            "dev.pyconcurrent.kernel", "dev.pyconcurrent.multiprocessing", "dev.pyconcurrent.testing");

    /** Which package's class a clashing simple name means, most wanted first. */
    static final List<String> PRECEDENCE = List.of(
            "builtins", "threading", "queue", "futures", "subprocess", "shlex", "contextvars", "time", "os",
            "sched", "heapq");

    /** The import statements, in evaluation order. */
    static List<String> statements(ClassLoader loader, Class<?> anchor) {
        List<String> out = new ArrayList<>();
        for (String p : JDK) out.add("import " + p + ";");
        Map<String, List<String>> bySimple = new TreeMap<>();
        TreeSet<String> packages = new TreeSet<>();
        for (String c : runtimeClasses(loader, anchor)) {
            packages.add(c.substring(0, c.lastIndexOf('.')));
            bySimple.computeIfAbsent(c.substring(c.lastIndexOf('.') + 1), k -> new ArrayList<>()).add(c);
        }
        for (String p : packages) out.add("import " + p + ".*;");
        for (Map.Entry<String, List<String>> e : bySimple.entrySet()) {
            List<String> candidates = e.getValue();
            String chosen = candidates.stream().min(java.util.Comparator.comparingInt(StartupImports::precedence)).orElseThrow();
            if (candidates.size() > 1 || inJdk(e.getKey())) out.add("import " + chosen + ";");
        }
        out.add("import " + Display.class.getName() + ";");
        return out;
    }

    /** The rank of a class's runtime package in {@link #PRECEDENCE}; unlisted packages come last. */
    static int precedence(String fqcn) {
        String pkg = fqcn.substring("dev.pyconcurrent.".length(), fqcn.lastIndexOf('.'));
        int i = PRECEDENCE.indexOf(pkg);
        return i < 0 ? PRECEDENCE.size() : i;
    }

    /** Whether {@code java.lang} or a JDK package imported on demand has a public class of that name. */
    static boolean inJdk(String simpleName) {
        List<String> pkgs = new ArrayList<>();
        pkgs.add("java.lang");
        for (String p : JDK) pkgs.add(p.substring(0, p.length() - 2));
        for (String p : pkgs) {
            try {
                Class<?> c = Class.forName(p + "." + simpleName, false, ClassLoader.getPlatformClassLoader());
                if (Modifier.isPublic(c.getModifiers())) return true;
            } catch (ClassNotFoundException | LinkageError e) {
                // not there
            }
        }
        return false;
    }

    /** Fully qualified names of the runtime's public top-level classes (outside the excluded packages). */
    static List<String> runtimeClasses(ClassLoader loader, Class<?> anchor) {
        TreeSet<String> names = new TreeSet<>();
        try {
            Path root = Path.of(JavaCommand.classPathOf(anchor));
            if (Files.isDirectory(root)) {
                collect(root, names);
            } else {
                try (FileSystem fs = FileSystems.newFileSystem(root, (ClassLoader) null)) {
                    collect(fs.getPath("/"), names);
                }
            }
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String fqcn : names) {
            String pkg = fqcn.substring(0, fqcn.lastIndexOf('.'));
            if (EXCLUDED_PACKAGES.stream().anyMatch(x -> pkg.equals(x) || pkg.startsWith(x + "."))) continue;
            try {
                Class<?> c = Class.forName(fqcn, false, loader);
                if (!Modifier.isPublic(c.getModifiers()) || c.isSynthetic()) continue;
            } catch (ClassNotFoundException | LinkageError e) {
                continue;
            }
            out.add(fqcn);
        }
        return out;
    }

    private static void collect(Path root, TreeSet<String> names) throws IOException {
        Path base = root.resolve("dev/pyconcurrent");
        if (!Files.isDirectory(base)) return;
        try (Stream<Path> files = Files.walk(base)) {
            files.map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .filter(s -> s.endsWith(".class") && !s.contains("$") && !s.endsWith("package-info.class"))
                    .map(s -> s.substring(0, s.length() - ".class".length()).replace('/', '.'))
                    .forEach(names::add);
        }
    }
}
