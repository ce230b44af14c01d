package dev.pyconcurrent.kernel.wire;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One Jupyter wire message (messaging protocol 5.3): routing identities, header, parent header,
 * metadata, content (all JSON objects) and binary buffers. The kernel and the client share it.
 */
public final class Message {
    public static final String PROTOCOL_VERSION = "5.5";
    static final Gson GSON = new GsonBuilder().disableHtmlEscaping().serializeNulls().create();
    /** The date and time to the second, in UTC; {@link #now} adds the microseconds and the zone. */
    private static final DateTimeFormatter TO_SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    /**
     * Message ids as jupyter_client makes them ({@code session_pid_n}): a random prefix drawn once
     * per JVM and a counter. A random UUID per message cost 20–40 µs of SecureRandom and
     * formatting on a kernel's cold path (a message every 20 ms, caches flushed by JShell between).
     */
    private static final String ID_PREFIX = UUID.randomUUID() + "_" + ProcessHandle.current().pid() + "_";
    private static final AtomicLong IDS = new AtomicLong();
    /** The last second {@link #now} formatted, with its text (formatting a date took 70–160 µs cold). */
    private static volatile Stamp lastSecond = new Stamp(Long.MIN_VALUE, "");

    private record Stamp(long second, String text) {}

    public final List<byte[]> identities;
    public final JsonObject header;
    public final JsonObject parentHeader;
    public final JsonObject metadata;
    public final JsonObject content;
    public final List<byte[]> buffers;
    public final long receivedAt = System.nanoTime();
    /** The size of the content frame as received (-1 for a message built here). */
    public final int contentBytes;

    public Message(List<byte[]> identities, JsonObject header, JsonObject parentHeader, JsonObject metadata,
                   JsonObject content, List<byte[]> buffers) {
        this(identities, header, parentHeader, metadata, content, buffers, -1);
    }

    Message(List<byte[]> identities, JsonObject header, JsonObject parentHeader, JsonObject metadata,
            JsonObject content, List<byte[]> buffers, int contentBytes) {
        this.contentBytes = contentBytes;
        this.identities = identities == null ? List.of() : identities;
        this.header = header;
        this.parentHeader = parentHeader == null ? new JsonObject() : parentHeader;
        this.metadata = metadata == null ? new JsonObject() : metadata;
        this.content = content == null ? new JsonObject() : content;
        this.buffers = buffers == null ? List.of() : buffers;
    }

    /** A new message of {@code msgType} in {@code session}. */
    public static Message create(String msgType, String session, String username, JsonObject content) {
        return new Message(null, header(msgType, session, username), null, null, content, null);
    }

    /** A message answering or belonging to {@code parent} (same session, parent header, routing identities). */
    public static Message reply(Message parent, String msgType, JsonObject content) {
        String session = parent == null ? "" : parent.session();
        JsonObject h = header(msgType, session, parent == null ? "kernel" : str(parent.header, "username", "kernel"));
        return new Message(parent == null ? null : parent.identities, h, parent == null ? null : parent.header, null, content, null);
    }

    /** Like {@link #reply} but for a broadcast (iopub): the routing identities become the topic. */
    public static Message publish(JsonObject parentHeader, String session, String msgType, JsonObject content) {
        JsonObject h = header(msgType, session, "kernel");
        return new Message(List.of(("kernel." + msgType).getBytes(StandardCharsets.UTF_8)), h, parentHeader, null, content, null);
    }

    static JsonObject header(String msgType, String session, String username) {
        JsonObject h = new JsonObject();
        h.addProperty("msg_id", ID_PREFIX + IDS.incrementAndGet());
        h.addProperty("session", session);
        h.addProperty("username", username);
        h.addProperty("date", now());
        h.addProperty("msg_type", msgType);
        h.addProperty("version", PROTOCOL_VERSION);
        return h;
    }

    /** Now in ISO 8601, UTC, to the microsecond ({@code 2026-12-02T18:55:12.123456Z}), as jupyter_client writes dates. */
    static String now() {
        Instant t = Instant.now();
        Stamp s = lastSecond;
        if (s.second() != t.getEpochSecond()) {
            s = new Stamp(t.getEpochSecond(), TO_SECONDS.format(LocalDateTime.ofEpochSecond(t.getEpochSecond(), 0, ZoneOffset.UTC)));
            lastSecond = s;
        }
        String micros = Integer.toString(1_000_000 + t.getNano() / 1000);
        return s.text() + "." + micros.substring(1) + "Z";
    }

    public String msgType() { return str(header, "msg_type", ""); }
    public String msgId() { return str(header, "msg_id", ""); }
    public String session() { return str(header, "session", ""); }
    public String parentMsgId() { return str(parentHeader, "msg_id", ""); }

    public static String str(JsonObject o, String key, String dflt) {
        JsonElement e = o == null ? null : o.get(key);
        return e == null || e.isJsonNull() || !e.isJsonPrimitive() ? dflt : e.getAsString();
    }

    public static boolean bool(JsonObject o, String key, boolean dflt) {
        JsonElement e = o == null ? null : o.get(key);
        if (e == null || e.isJsonNull() || !e.isJsonPrimitive()) return dflt;
        return e.getAsJsonPrimitive().isBoolean() ? e.getAsBoolean() : dflt;
    }

    public static int integer(JsonObject o, String key, int dflt) {
        JsonElement e = o == null ? null : o.get(key);
        if (e == null || e.isJsonNull() || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) return dflt;
        return e.getAsInt();
    }

    public static JsonObject parseObject(byte[] raw) {
        JsonElement e = JsonParser.parseString(new String(raw, StandardCharsets.UTF_8));
        if (!e.isJsonObject()) throw new IllegalArgumentException("expected a JSON object, got " + e);
        return e.getAsJsonObject();
    }

    /** Compact JSON text. */
    public static String text(JsonElement e) {
        return GSON.toJson(e);
    }

    /** Any value (maps, lists, strings, numbers, JSON trees) as a JSON tree. */
    public static JsonElement tree(Object o) {
        return GSON.toJsonTree(o);
    }

    public static byte[] json(JsonElement e) {
        return GSON.toJson(e).getBytes(StandardCharsets.UTF_8);
    }

    /** The frames after the delimiter and signature: header, parent, metadata, content. */
    byte[][] parts() {
        return new byte[][] {json(header), json(parentHeader), json(metadata), json(content)};
    }

    List<byte[]> copyBuffers() { return new ArrayList<>(buffers); }

    @Override
    public String toString() {
        return msgType() + " " + GSON.toJson(content);
    }
}
