package dev.pyconcurrent.kernel.wire;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One Jupyter wire message (messaging protocol 5.3): routing identities, header, parent header,
 * metadata, content (all JSON objects) and binary buffers. The kernel and the client share it.
 */
public final class Message {
    public static final String PROTOCOL_VERSION = "5.3";
    static final Gson GSON = new GsonBuilder().disableHtmlEscaping().serializeNulls().create();
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX");

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
        h.addProperty("msg_id", UUID.randomUUID().toString());
        h.addProperty("session", session);
        h.addProperty("username", username);
        h.addProperty("date", OffsetDateTime.now(ZoneOffset.UTC).format(ISO));
        h.addProperty("msg_type", msgType);
        h.addProperty("version", PROTOCOL_VERSION);
        return h;
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
