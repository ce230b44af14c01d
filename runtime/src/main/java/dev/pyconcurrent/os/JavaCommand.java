package dev.pyconcurrent.os;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The command line that starts a JVM like this one: the JVM's own {@code java} binary, JVM flags,
 * a class path (or {@code -jar}), a main class and its arguments. CPython's counterpart is
 * {@code sys.executable} (what {@code multiprocessing.spawn} runs); here it is one builder shared
 * by everything that starts a JVM: the kernel's installer and client, and multiprocessing's
 * children.
 *
 * <p>Invariant: {@link #toList()} is {@code java, flags…, (-cp classpath main | -jar jar), args…};
 * the class path is this JVM's unless replaced, with {@link #addClassPath extra entries} after it
 * in the order added.
 * <pre>{@code
 * List<String> argv = JavaCommand.ofThisJvm().flag("-XX:TieredStopAtLevel=1")
 *         .addClassPath(snippetDir.toString()).mainClass("dev.pyconcurrent.x.Main").args("a").toList();
 * }</pre>
 */
public final class JavaCommand {
    private Path java = thisJava();
    private String classPath = System.getProperty("java.class.path", "");
    private final List<String> extraClassPath = new ArrayList<>();
    private final List<String> flags = new ArrayList<>();
    private Path jar;
    private String mainClass;
    private final List<String> args = new ArrayList<>();

    private JavaCommand() {}

    /**
     * This JVM's java binary and class path, no main class yet, and no flags but one: where this
     * JVM grants the class path native access ({@code --enable-native-access=ALL-UNNAMED}, JDK
     * 22+), so does the new one, so that both use the same FFM paths (a lock's futex waiters,
     * subprocess's posix_spawn) and share locks.
     */
    public static JavaCommand ofThisJvm() {
        JavaCommand c = new JavaCommand();
        if (NativeAccess.GRANTED) c.flag("--enable-native-access=ALL-UNNAMED");
        return c;
    }

    /** The {@code java} launcher of the running JVM ({@code java.home/bin/java}). */
    public static Path thisJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /**
     * The class path entries (jar or directory) the given classes were loaded from, in order and
     * without repeats; this JVM's class path when none can be told (e.g. classes of the JDK).
     */
    public static String classPathOf(Class<?>... classes) {
        List<String> parts = new ArrayList<>();
        for (Class<?> c : classes) {
            var source = c.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) continue;
            try {
                String p = Path.of(source.getLocation().toURI()).toString();
                if (!parts.contains(p)) parts.add(p);
            } catch (URISyntaxException | IllegalArgumentException e) {
                // not a file location (e.g. a custom loader's URL): leave it out
            }
        }
        return parts.isEmpty() ? System.getProperty("java.class.path", "") : String.join(File.pathSeparator, parts);
    }

    /** Another JDK's launcher (e.g. a newer JDK under /usr/lib/jvm). */
    public JavaCommand java(Path javaBinary) {
        this.java = Objects.requireNonNull(javaBinary, "javaBinary");
        return this;
    }

    /** Replaces the class path (default: this JVM's {@code java.class.path}). */
    public JavaCommand classPath(String classPath) {
        this.classPath = Objects.requireNonNull(classPath, "classPath");
        return this;
    }

    /** Appends one entry after the class path (e.g. the kernel's snippet directory). */
    public JavaCommand addClassPath(String entry) {
        extraClassPath.add(Objects.requireNonNull(entry, "entry"));
        return this;
    }

    public JavaCommand flag(String flag) {
        flags.add(Objects.requireNonNull(flag, "flag"));
        return this;
    }

    public JavaCommand flags(List<String> more) {
        more.forEach(this::flag);
        return this;
    }

    /** Starts {@code java -jar jar} instead of a main class on the class path. */
    public JavaCommand jar(Path jar) {
        this.jar = Objects.requireNonNull(jar, "jar");
        return this;
    }

    public JavaCommand mainClass(String mainClass) {
        this.mainClass = Objects.requireNonNull(mainClass, "mainClass");
        return this;
    }

    public JavaCommand args(String... more) {
        for (String a : more) args.add(Objects.requireNonNull(a, "argument"));
        return this;
    }

    /** The whole class path this command passes: the class path, then the extra entries. */
    public String fullClassPath() {
        List<String> parts = new ArrayList<>();
        if (!classPath.isEmpty()) parts.add(classPath);
        parts.addAll(extraClassPath);
        return String.join(File.pathSeparator, parts);
    }

    /** The argument vector; a class-path command needs its main class. */
    public List<String> toList() {
        List<String> argv = new ArrayList<>();
        argv.add(java.toString());
        argv.addAll(flags);
        if (jar != null) {
            // java -jar ignores -cp, so an extra entry would silently go missing
            if (!extraClassPath.isEmpty()) {
                throw new IllegalStateException("extra class path entries cannot be added to java -jar");
            }
            argv.add("-jar");
            argv.add(jar.toString());
        } else {
            if (mainClass == null) throw new IllegalStateException("no main class");
            argv.add("-cp");
            argv.add(fullClassPath());
            argv.add(mainClass);
        }
        argv.addAll(args);
        return argv;
    }

    @Override
    public String toString() {
        return String.join(" ", toList());
    }
}
