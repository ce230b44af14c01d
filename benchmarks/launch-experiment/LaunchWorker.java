import dev.pyconcurrent.subprocess.Popen;
import dev.pyconcurrent.subprocess.Subprocess;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.util.List;

/**
 * One side of {@code pair.py}: reads a count N per line, launches {@code true} N times with the
 * given mechanism, prints the milliseconds taken. Mechanisms: {@code pb} (bare ProcessBuilder,
 * whatever -Djdk.lang.Process.launchMechanism says), {@code run} (pyconcurrent's Subprocess.run),
 * {@code perl} (a warm perl launcher that forks, execs and waits on request: the forkserver idea,
 * one launch at a time, only to measure what it could cost), {@code communicate} (pyconcurrent's
 * {@code Popen(["head", "-c", "1000000", "/dev/zero"], stdout=PIPE).communicate()}, the harness's
 * {@code subprocess_communicate}).
 * Run: {@code java -cp benchmarks/target/benchmarks.jar LaunchWorker.java pb}.
 */
public class LaunchWorker {
    private static final String LAUNCHER = "$| = 1; while (<STDIN>) { chomp; my @a = split /\\t/; my $pid = fork; "
            + "if ($pid == 0) { exec { $a[0] } @a; exit 127 } waitpid($pid, 0); print \"$pid $?\\n\" }";

    private static final List<String> MEGABYTE = List.of("head", "-c", "1000000", "/dev/zero");

    public static void main(String[] args) throws Exception {
        String mechanism = args[0];
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        Process perl = mechanism.equals("perl") ? new ProcessBuilder("perl", "-e", LAUNCHER)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start() : null;
        BufferedWriter toPerl = perl == null ? null : new BufferedWriter(new OutputStreamWriter(perl.getOutputStream()));
        BufferedReader fromPerl = perl == null ? null : new BufferedReader(new InputStreamReader(perl.getInputStream()));
        List<String> command = List.of("true");
        for (String line; (line = in.readLine()) != null; ) {
            int n = Integer.parseInt(line.trim());
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                switch (mechanism) {
                    case "pb" -> new ProcessBuilder(command).inheritIO().start().waitFor();
                    case "run" -> Subprocess.run(command);
                    case "communicate" -> {
                        Popen p = new Popen(MEGABYTE, Popen.options().stdout(Subprocess.PIPE));
                        if (((byte[]) p.communicate().get(0)).length != 1_000_000) throw new AssertionError();
                    }
                    case "perl" -> {
                        toPerl.write("true\n");
                        toPerl.flush();
                        String reply = fromPerl.readLine();
                        if (!reply.endsWith(" 0")) throw new AssertionError(reply);
                    }
                    default -> throw new IllegalArgumentException(mechanism);
                }
            }
            System.out.println((System.nanoTime() - t0) / 1e6);
            System.out.flush();
        }
    }
}
