package dev.pyconcurrent.kernel;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
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
 * The imports every session starts with: the JDK packages the {@code jshell} tool imports, then a
 * single-type import of every public top-level class of the pyconcurrent runtime found on the class
 * path at start-up (so modules that land later are imported without touching this list). A
 * single-type import shadows {@code java.lang}/{@code java.util} names ({@code Thread}, {@code Timer},
 * {@code Queue}, {@code Semaphore}…). Not imported: {@code dev.pyconcurrent.multiprocessing}
 * (reached through {@code Multiprocessing} or an explicit import), test helpers and the kernel's
 * internals. When two runtime packages define the same simple name, {@code builtins} wins, otherwise
 * neither is imported (the cell imports the one it means).
 */
final class StartupImports {
    private StartupImports() {}

    static final List<String> JDK = List.of(
            "java.io.*", "java.math.*", "java.net.*", "java.nio.file.*", "java.util.*",
            "java.util.concurrent.*", "java.util.concurrent.atomic.*", "java.util.function.*",
            "java.util.regex.*", "java.util.stream.*");

    static final List<String> EXCLUDED_PACKAGES = List.of(
            "dev.pyconcurrent.kernel", "dev.pyconcurrent.multiprocessing", "dev.pyconcurrent.testing");

    /** The import statements, in evaluation order. */
    static List<String> statements(ClassLoader loader, Class<?> anchor) {
        List<String> out = new ArrayList<>();
        for (String p : JDK) out.add("import " + p + ";");
        for (String c : runtimeClasses(loader, anchor)) out.add("import " + c + ";");
        out.add("import " + Display.class.getName() + ";");
        return out;
    }

    /** Fully qualified names of the runtime's public top-level classes, one per simple name. */
    static List<String> runtimeClasses(ClassLoader loader, Class<?> anchor) {
        TreeSet<String> names = new TreeSet<>();
        try {
            Path root = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(root)) {
                collect(root, names);
            } else {
                try (FileSystem fs = FileSystems.newFileSystem(root, (ClassLoader) null)) {
                    collect(fs.getPath("/"), names);
                }
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return List.of();
        }
        Map<String, List<String>> bySimple = new TreeMap<>();
        for (String fqcn : names) {
            String pkg = fqcn.substring(0, fqcn.lastIndexOf('.'));
            if (EXCLUDED_PACKAGES.stream().anyMatch(x -> pkg.equals(x) || pkg.startsWith(x + "."))) continue;
            try {
                Class<?> c = Class.forName(fqcn, false, loader);
                if (!Modifier.isPublic(c.getModifiers()) || c.isSynthetic()) continue;
            } catch (ClassNotFoundException | LinkageError e) {
                continue;
            }
            bySimple.computeIfAbsent(fqcn.substring(fqcn.lastIndexOf('.') + 1), k -> new ArrayList<>()).add(fqcn);
        }
        List<String> out = new ArrayList<>();
        for (List<String> candidates : bySimple.values()) {
            if (candidates.size() == 1) {
                out.add(candidates.get(0));
            } else {
                candidates.stream().filter(n -> n.startsWith("dev.pyconcurrent.builtins.")).findFirst().ifPresent(out::add);
            }
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
