package dev.pyconcurrent.kernel.wire;

import com.google.gson.JsonObject;
import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A Jupyter connection file's contents. Parsing uses basekernel's {@link KernelConnectionProperties};
 * a port of 0 means "bind any free port" (the kernel then rewrites the file with the ports it bound).
 */
public record ConnectionInfo(String transport, String ip, int shellPort, int iopubPort, int stdinPort,
                             int controlPort, int hbPort, String signatureScheme, String key) {

    public static ConnectionInfo read(Path file) throws IOException {
        KernelConnectionProperties p = KernelConnectionProperties.parse(Files.readString(file, StandardCharsets.UTF_8));
        return new ConnectionInfo(p.getTransport() == null ? "tcp" : p.getTransport(),
                p.getIp() == null ? "127.0.0.1" : p.getIp(), p.getShellPort(), p.getIopubPort(), p.getStdinPort(),
                p.getControlPort(), p.getHbPort(),
                p.getSignatureScheme() == null ? "hmac-sha256" : p.getSignatureScheme(), p.getKey() == null ? "" : p.getKey());
    }

    public ConnectionInfo withPorts(int shell, int iopub, int stdin, int control, int hb) {
        return new ConnectionInfo(transport, ip, shell, iopub, stdin, control, hb, signatureScheme, key);
    }

    public String address(int port) {
        return transport + "://" + ip + ":" + port;
    }

    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("transport", transport);
        o.addProperty("ip", ip);
        o.addProperty("shell_port", shellPort);
        o.addProperty("iopub_port", iopubPort);
        o.addProperty("stdin_port", stdinPort);
        o.addProperty("control_port", controlPort);
        o.addProperty("hb_port", hbPort);
        o.addProperty("signature_scheme", signatureScheme);
        o.addProperty("key", key);
        o.addProperty("kernel_name", "pyconcurrent");
        return o;
    }

    /** Writes the file atomically (a reader never sees half a file). */
    public void write(Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, Message.json(toJson()));
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
