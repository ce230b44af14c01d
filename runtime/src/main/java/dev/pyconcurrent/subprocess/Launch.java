package dev.pyconcurrent.subprocess;

import dev.pyconcurrent.builtins.IndexError;
import dev.pyconcurrent.builtins.OSError;
import dev.pyconcurrent.builtins.Py;
import dev.pyconcurrent.builtins.TypeError;
import dev.pyconcurrent.builtins.ValueError;
import dev.pyconcurrent.subprocess.Popen.Options;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How to start the child: the command line (with the exec wrappers the JVM needs) and how to report a failure. */
final class Launch {
    /** The errno in the JDK's launch failure: JDK 17 says "error=2, …", JDK 25 "error: 2 (…)". */
    private static final Pattern ERRNO = Pattern.compile("error(?:=|: )(\\d+)");
    private static final String DEFPATH = "/bin:/usr/bin";
    /**
     * {@code -Dpyconcurrent.subprocess.exactReturncodes=true}: launch every child under a
     * small {@code perl} supervisor that waits for it and reports the raw wait status, so a
     * normal {@code exit(130)} and death by SIGINT are told apart exactly (CPython's
     * {@code 130} vs {@code -2}). Off by default: it costs one more process per launch.
     */
    static final String EXACT = "pyconcurrent.subprocess.exactReturncodes";
    private static final String SUPERVISOR = "my $f = shift @ARGV; my $pid = fork; defined $pid or die \"fork: $!\\n\"; "
            + "if ($pid == 0) { exec { $ARGV[0] } @ARGV; print STDERR \"exec: $!\\n\"; require POSIX; POSIX::_exit(127) } "
            + "open(my $fh, '>', $f) or die \"$f: $!\\n\"; print $fh \"$pid\\n\"; close $fh; "
            + "waitpid($pid, 0); my $st = $?; open($fh, '>>', $f) and print $fh \"$st\\n\"; close $fh; "
            + "exit($st & 127 ? 128 + ($st & 127) : $st >> 8)";
    /**
     * {@code -Dpyconcurrent.subprocess.shellGroups=false}: start {@code shell=True} children
     * as CPython does, in the JVM's own session and process group. By default the shell is
     * started under {@code setsid}, so that its whole pipeline is one process group that a
     * kill, a timeout or an interrupt ends together; see docs/deviations/subprocess.adoc.
     */
    static final String SHELL_GROUPS = "pyconcurrent.subprocess.shellGroups";
    private static final java.util.concurrent.atomic.AtomicLong REPORTS = new java.util.concurrent.atomic.AtomicLong();

    final List<String> command;
    final String executable;
    final Path statusFile;
    /** The runtime put the program in a session of its own, so its process group id is its pid: signal the group. */
    final boolean ownGroup;
    /** {@code command} starts with {@code setsid --}, which a launcher that can make the session itself may drop. */
    final boolean setsidFirst;

    private Launch(List<String> command, String executable, Path statusFile, boolean ownGroup, boolean setsidFirst) {
        this.command = command;
        this.executable = executable;
        this.statusFile = statusFile;
        this.ownGroup = ownGroup;
        this.setsidFirst = setsidFirst;
    }

    /** The command without its leading {@code setsid --} ({@link #setsidFirst}). */
    List<String> withoutSetsid() {
        return setsidFirst ? command.subList(2, command.size()) : command;
    }

    static Launch plan(Object args, Options o) {
        List<String> argv = new ArrayList<>();
        if (args instanceof String s) {
            argv.add(s);
        } else if (args instanceof List<?> l) {
            for (Object a : l) {
                if (!(a instanceof String str)) {
                    throw new TypeError("expected str, bytes or os.PathLike object, not " + Py.typeName(a));
                }
                argv.add(str);
            }
        } else {
            throw new TypeError("'" + Py.typeName(args) + "' object is not iterable");
        }
        if (o.shell) {
            argv.addAll(0, List.of("/bin/sh", "-c"));
            if (o.executable != null) argv.set(0, o.executable);
        }
        if (argv.isEmpty()) throw new IndexError("list index out of range");
        String executable = o.executable != null ? o.executable : argv.get(0);
        for (String a : argv) checkNul(a);
        checkNul(executable);
        if (o.env != null) {
            for (Map.Entry<String, String> e : o.env.entrySet()) {
                if (e.getKey() == null || e.getValue() == null) {
                    throw new TypeError("expected str, bytes or os.PathLike object, not NoneType");
                }
                if (e.getKey().indexOf('=') >= 0) throw new ValueError("illegal environment variable name");
                checkNul(e.getKey());
                checkNul(e.getValue());
            }
        }
        Ids ids = Ids.resolve(o);
        if (o.cwd != null) checkCwd(o.cwd);

        boolean pgid = o.processGroup != null && o.processGroup != -1;
        // a shell's pipeline is a job: its own group, as a job-control shell makes it, unless the caller chose one
        String setsid = o.startNewSession ? tool("setsid")
                : o.shell && !pgid && !"false".equals(System.getProperty(SHELL_GROUPS)) ? findTool("setsid") : null;
        boolean ownGroup = setsid != null && !o.startNewSession;
        List<String> prefix = new ArrayList<>();
        if (setsid != null) prefix.addAll(List.of(setsid, "--"));
        if (o.umask >= 0) prefix.addAll(List.of("/bin/sh", "-c", "umask \"$0\" && exec \"$@\"", "0" + Integer.toOctalString(o.umask)));
        if (ids != null) prefix.addAll(ids.setpriv());
        if (pgid && o.processGroup < 0) throw OSError.of(OSError.EINVAL, null);
        // os.get_exec_path(env): the child's PATH, else os.defpath
        String jvmPath = System.getenv().getOrDefault("PATH", DEFPATH);
        String envPath = o.env == null ? jvmPath : o.env.getOrDefault("PATH", DEFPATH);
        boolean foreignPath = !envPath.equals(jvmPath) && executable.indexOf('/') < 0;
        boolean perl = pgid || !executable.equals(argv.get(0));
        boolean exact = Boolean.getBoolean(EXACT) && Spawner.NATIVE == null; // the FFM launch sees the raw status itself
        boolean jdkAlone = prefix.isEmpty() && !perl && !exact;
        String program = executable;
        if (!jdkAlone || foreignPath) {
            // the JDK searches the JVM's PATH and reports exec errors itself; every other launch checks first
            String resolved = resolve(executable, envPath, o.cwd);
            if (perl || (jdkAlone && foreignPath)) {
                program = resolved;
                perl = pgid || !program.equals(argv.get(0));
            }
        }
        List<String> command = new ArrayList<>(prefix);
        if (perl) {
            // perl's exec {PROGRAM} LIST sets argv[0] independently of the program, and setpgrp is setpgid(2)
            command.addAll(List.of(tool("perl"), "-e", "my ($pg, $exe, @argv) = @ARGV; if ($pg >= 0) { "
                    + "setpgrp(0, $pg) or do { print STDERR \"setpgid: $!\\n\"; exit 255 } } exec { $exe } @argv; "
                    + "print STDERR \"exec: $!\\n\"; exit 255", "--", pgid ? o.processGroup.toString() : "-1", program));
        }
        command.addAll(argv);
        Path statusFile = null;
        if (exact) {
            statusFile = Path.of(System.getProperty("java.io.tmpdir"),
                    "pyconcurrent-status-" + ProcessHandle.current().pid() + "-" + REPORTS.incrementAndGet());
            command.addAll(0, List.of(tool("perl"), "-e", SUPERVISOR, "--", statusFile.toString()));
        }
        return new Launch(command, executable, statusFile, ownGroup, setsid != null && !exact);
    }

    /** The failed {@code ProcessBuilder.start()} as CPython's OSError for the executable. */
    OSError error(IOException e) {
        String msg = String.valueOf(e.getMessage());
        Matcher m = ERRNO.matcher(msg);
        if (m.find()) return OSError.of(Integer.parseInt(m.group(1)), executable);
        if (e.getCause() instanceof java.io.FileNotFoundException f) {
            // a Redirect file that could not be opened: "name (No such file or directory)"
            msg = String.valueOf(f.getMessage());
            int paren = msg.lastIndexOf(" (");
            String file = paren > 0 ? msg.substring(0, paren) : msg;
            return msg.endsWith("(Permission denied)") ? OSError.of(OSError.EACCES, file)
                    : msg.endsWith("(Is a directory)") ? OSError.of(OSError.EISDIR, file) : OSError.of(OSError.ENOENT, file);
        }
        OSError err = new OSError(msg);
        err.initCause(e);
        return err;
    }

    private static void checkNul(String s) {
        if (s.indexOf('\0') >= 0) throw new ValueError("embedded null byte");
    }

    private static void checkCwd(String cwd) {
        Path p = Path.of(cwd);
        if (!Files.exists(p)) throw OSError.of(OSError.ENOENT, cwd);
        if (!Files.isDirectory(p)) throw OSError.of(OSError.ENOTDIR, cwd);
        if (!Files.isExecutable(p)) throw OSError.of(OSError.EACCES, cwd);
    }

    /** {@code os.execvpe}'s search, for launches that must name the program themselves: CPython's errno and filename on failure. */
    static String resolve(String executable, String path, String cwd) {
        Path base = cwd == null ? Path.of("") : Path.of(cwd);
        if (executable.indexOf('/') >= 0) {
            Path p = base.resolve(executable);
            if (!Files.exists(p)) throw OSError.of(OSError.ENOENT, executable);
            if (Files.isDirectory(p) || !Files.isExecutable(p)) throw OSError.of(OSError.EACCES, executable);
            return executable;
        }
        int error = OSError.ENOENT;
        for (String dir : path.split(":", -1)) {
            Path p = base.resolve(dir.isEmpty() ? "." : dir).resolve(executable);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) return p.toString();
            if (Files.exists(p)) error = OSError.EACCES;
        }
        throw OSError.of(error, executable);
    }

    /** A standard OS tool the JVM needs for an option it cannot do itself; a clear error if it is missing. */
    static String tool(String name) {
        String found = findTool(name);
        if (found != null) return found;
        throw new OSError("pyconcurrent needs the '" + name + "' program for this Popen option (the JVM cannot "
                + "do it itself) and it was not found in /usr/bin, /bin, /usr/sbin or /sbin");
    }

    /** The path of a standard OS tool, or null if it is not installed. */
    static String findTool(String name) {
        for (String dir : new String[] {"/usr/bin", "/bin", "/usr/sbin", "/sbin"}) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) return p.toString();
        }
        return null;
    }
}
