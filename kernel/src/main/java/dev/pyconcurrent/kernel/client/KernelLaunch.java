package dev.pyconcurrent.kernel.client;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.pyconcurrent.kernel.wire.ConnectionInfo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/** The start of a kernel process: its ready line (the ports it bound) and its log. */
final class KernelLaunch {
    private KernelLaunch() {}

    /**
     * Reads the kernel's stdout on a daemon thread: completes with the bound ports at the ready
     * line, exceptionally if the kernel exits first; every other line goes to {@code log}.
     */
    static CompletableFuture<ConnectionInfo> readyLine(Process p, ConnectionInfo requested, Path log) {
        CompletableFuture<ConnectionInfo> ready = new CompletableFuture<>();
        java.lang.Thread reader = new java.lang.Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (!ready.isDone() && line.startsWith(KernelCommand.READY)) {
                        JsonObject j = JsonParser.parseString(line.substring(KernelCommand.READY.length())).getAsJsonObject();
                        ready.complete(requested.withPorts(j.get("shell_port").getAsInt(), j.get("iopub_port").getAsInt(),
                                j.get("stdin_port").getAsInt(), j.get("control_port").getAsInt(), j.get("hb_port").getAsInt()));
                    } else {
                        Files.writeString(log, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                    }
                }
            } catch (IOException | RuntimeException e) {
                ready.completeExceptionally(e);
            }
            ready.completeExceptionally(new KernelClient.KernelException("the kernel exited before it was ready"));
        }, "pyconcurrent-kernel-stdout");
        reader.setDaemon(true);
        reader.start();
        return ready;
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
        }
    }

    /** The last 4000 characters of the kernel's log, for diagnostics. */
    static String tail(Path log) {
        if (log == null) return "";
        try {
            String s = Files.readString(log, StandardCharsets.UTF_8);
            return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
        } catch (IOException e) {
            return "";
        }
    }
}
