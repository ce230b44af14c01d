package dev.pyconcurrent.kernel;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.pyconcurrent.kernel.client.KernelClient;
import dev.pyconcurrent.kernel.client.KernelCommand;
import dev.pyconcurrent.kernel.wire.ConnectionInfo;
import dev.pyconcurrent.kernel.wire.Message;
import dev.pyconcurrent.os.JavaCommand;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Command line: {@code java -jar pyconcurrent-kernel.jar <connection-file>} runs the kernel;
 * {@code java -jar pyconcurrent-kernel.jar install [--user | --sys-prefix | --prefix DIR] [--name NAME]
 * [--jvm-arg ARG]… [--cds]} writes the kernelspec ({@code kernels/pyconcurrent/kernel.json}) where {@code jupyter kernelspec list}
 * finds it.
 */
public final class Main {
    public static final String KERNEL_NAME = "pyconcurrent";
    public static final String DISPLAY_NAME = "Java (pyconcurrent)";
    /** The kernel jar's name in the kernelspec directory. */
    static final String JAR_NAME = "pyconcurrent-kernel.jar";

    private Main() {}

    static final String USAGE = """
            usage: java -jar pyconcurrent-kernel.jar <connection-file>
                   java -jar pyconcurrent-kernel.jar install [--user | --sys-prefix | --prefix DIR] [--name NAME] [--jvm-arg ARG]... [--cds]

            install writes the kernelspec kernels/NAME/kernel.json (NAME: pyconcurrent) under
              --user         the user's Jupyter data directory (the default)
              --sys-prefix   /usr/local/share/jupyter
              --prefix DIR   DIR/share/jupyter
            and copies this jar beside it, so the kernel keeps working when the build directory goes.
              --jvm-arg ARG  a JVM option for the kernel (repeatable), e.g. --jvm-arg -Xmx4g
              --cds          runs the kernel once to write a class-data archive beside it (faster start)""";

    public static void main(String[] args) throws Exception {
        if (args.length >= 1 && args[0].equals("install")) {
            List<String> options = List.of(args).subList(1, args.length);
            if (options.contains("--help") || options.contains("-h")) {
                System.out.println(USAGE);
                return;
            }
            try {
                Path dir = install(options);
                System.out.println("Installed kernelspec " + dir.getFileName() + " in " + dir);
            } catch (IllegalArgumentException e) {
                System.err.println("install: " + e.getMessage() + "\n" + USAGE);
                System.exit(2);
            }
            return;
        }
        if (args.length != 1 || args[0].startsWith("-")) {
            System.err.println(USAGE);
            System.exit(args.length == 1 && (args[0].equals("--help") || args[0].equals("-h")) ? 0 : 2);
        }
        run(Path.of(args[0]));
    }

    /** Runs a kernel for a connection file; ports given as 0 are chosen by the kernel and written back to the file. */
    public static void run(Path connectionFile) throws IOException {
        PrintStream log = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), true, StandardCharsets.UTF_8);
        ConnectionInfo info = ConnectionInfo.read(connectionFile);
        Kernel kernel = new Kernel(info, log);
        ConnectionInfo bound = kernel.bind();
        if (!bound.equals(info)) bound.write(connectionFile);
        if (!bound.equals(info)) {
            // Ports chosen by the kernel: the line a launcher (KernelClient) waits for (never the key).
            PrintStream stdout = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
            stdout.println(KernelCommand.readyLine(bound));
        }
        kernel.serve();
        kernel.close();
        System.exit(0);   // (not halt: a -XX:ArchiveClassesAtExit training run dumps its archive at exit)
    }

    /** Writes kernel.json into the kernelspec directory chosen by the options and returns that directory. */
    public static Path install(List<String> options) throws IOException {
        return install(options, jarPath());
    }

    /**
     * Like {@link #install(List)} for the kernel in {@code jar} (null: this JVM's class path, as in
     * tests): the jar is copied into the kernelspec directory and run from there.
     */
    static Path install(List<String> options, Path jar) throws IOException {
        Path base = null;
        String name = KERNEL_NAME;
        boolean cds = false;
        List<String> jvmArgs = new ArrayList<>();
        for (int i = 0; i < options.size(); i++) {
            String o = options.get(i);
            switch (o) {
                case "--user" -> base = userDataDir();
                case "--sys-prefix" -> base = Path.of("/usr/local/share/jupyter");
                case "--prefix" -> base = Path.of(value(options, ++i, o)).resolve("share/jupyter");
                case "--name" -> name = value(options, ++i, o);
                case "--jvm-arg" -> jvmArgs.add(value(options, ++i, o));
                case "--cds" -> cds = true;
                default -> throw new IllegalArgumentException("unknown option " + o);
            }
        }
        if (base == null) base = userDataDir();
        Path dir = base.resolve("kernels").resolve(name);
        Files.createDirectories(dir);
        Path installed = null;
        if (jar != null) {
            installed = dir.resolve(JAR_NAME);
            if (!jar.toAbsolutePath().equals(installed.toAbsolutePath())) {
                Files.copy(jar, installed, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (cds && installed != null) {
            Path archive = dir.resolve("kernel.jsa");
            trainClassDataSharing(installed, archive, jvmArgs);
            if (Files.exists(archive)) jvmArgs.add("-XX:SharedArchiveFile=" + archive);
        }
        List<String> flags = new ArrayList<>(KernelCommand.JVM_FLAGS);
        flags.addAll(jvmArgs);
        JavaCommand command = installed != null ? KernelCommand.ofJar(installed, flags)
                : KernelCommand.ofClassPath(System.getProperty("java.class.path"), flags);
        JsonArray argv = new JsonArray();
        command.toList().forEach(argv::add);
        argv.add("{connection_file}");
        JsonObject spec = new JsonObject();
        spec.add("argv", argv);
        spec.addProperty("display_name", DISPLAY_NAME);
        spec.addProperty("language", "java");
        spec.addProperty("interrupt_mode", "message");
        spec.add("env", new JsonObject());
        JsonObject md = new JsonObject();
        md.addProperty("debugger", false);
        spec.add("metadata", md);
        Files.writeString(dir.resolve("kernel.json"), Message.text(spec) + "\n", StandardCharsets.UTF_8);
        return dir;
    }

    /**
     * AppCDS: runs a kernel once with {@code -XX:ArchiveClassesAtExit} (a cell, a completion, shutdown)
     * so the classes of the JVM, JShell's compiler, ZeroMQ and the runtime are mapped from the
     * archive at the next start. A JVM that cannot use the archive (another JDK) ignores it.
     */
    static void trainClassDataSharing(Path jar, Path archive, List<String> extraJvmArgs) {
        List<String> jvm = new ArrayList<>(extraJvmArgs);
        jvm.add("-XX:ArchiveClassesAtExit=" + archive);
        try (KernelClient k = KernelClient.start(KernelClient.options().jar(jar).jvmArgs(jvm))) {
            k.execute("Py.print(List.of(1, 2).size()); Display.html(\"<b>x</b>\");", java.time.Duration.ofSeconds(120));
            JsonObject c = new JsonObject();
            c.addProperty("code", "Str");
            c.addProperty("cursor_pos", 3);
            k.request("complete_request", c, java.time.Duration.ofSeconds(60));
        } catch (RuntimeException e) {
            System.err.println("AppCDS training failed, installing without an archive: " + e.getMessage());
        }
    }

    private static String value(List<String> options, int i, String option) {
        if (i >= options.size()) throw new IllegalArgumentException(option + " needs a value");
        return options.get(i);
    }

    static Path userDataDir() {
        String xdg = System.getenv("JUPYTER_DATA_DIR");
        if (xdg != null && !xdg.isEmpty()) return Path.of(xdg);
        String home = System.getProperty("user.home");
        if (System.getProperty("os.name", "").toLowerCase().contains("mac")) return Path.of(home, "Library", "Jupyter");
        String dataHome = System.getenv("XDG_DATA_HOME");
        return (dataHome == null || dataHome.isEmpty() ? Path.of(home, ".local", "share") : Path.of(dataHome)).resolve("jupyter");
    }

    /** The kernel's jar, or null when the kernel runs from a class path (classes directories, tests). */
    static Path jarPath() {
        String own = JavaCommand.classPathOf(Main.class);
        return own.endsWith(".jar") && !own.contains(java.io.File.pathSeparator) ? Path.of(own).toAbsolutePath() : null;
    }
}
