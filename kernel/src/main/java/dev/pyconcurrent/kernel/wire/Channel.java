package dev.pyconcurrent.kernel.wire;

import org.zeromq.ZMQ;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Encodes and decodes Jupyter wire messages on a ZeroMQ socket, signing with HMAC-SHA256 (or any
 * {@code hmac-*} scheme the connection file names; an empty key means no signing).
 * {@link #encode} and {@link #sign} may be called from any thread (so a message is encoded by the
 * thread that makes it, not by the one that owns the socket); receiving, decoding and sending
 * belong to the socket's thread.
 */
public final class Channel {
    static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);
    private final Mac mac;
    /** A copy of {@link #mac} per thread that signs (a Mac is not thread-safe). */
    private final ThreadLocal<Mac> macs;
    /** Signatures already received, oldest first (replay protection; null: off). */
    private LinkedHashSet<ByteBuffer> seen;
    private int historySize;
    private int maxContentBytes = Integer.MAX_VALUE;

    public Channel(String signatureScheme, String key) {
        if (key == null || key.isEmpty()) {
            mac = null;
            macs = null;
            return;
        }
        String scheme = signatureScheme == null || signatureScheme.isEmpty() ? "hmac-sha256" : signatureScheme;
        if (!scheme.startsWith("hmac-")) throw new IllegalArgumentException("unsupported signature scheme " + scheme);
        String algorithm = "Hmac" + scheme.substring(5).toUpperCase().replace("-", "");
        try {
            mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("unsupported signature scheme " + scheme, e);
        }
        macs = ThreadLocal.withInitial(() -> {
            try {
                return (Mac) mac.clone();
            } catch (CloneNotSupportedException e) {
                throw new IllegalStateException("the " + mac.getAlgorithm() + " provider cannot copy a Mac", e);
            }
        });
    }

    /**
     * Drops a message whose signature was already received in this session, as ipykernel does
     * ("Duplicate Signature"): a captured request cannot be replayed. Remembers the last
     * {@code size} signatures (bounded memory). Only with a key (unsigned messages all look alike).
     */
    public Channel rejectingReplays(int size) {
        if (mac != null) {
            seen = new LinkedHashSet<>();
            historySize = size;
        }
        return this;
    }

    /**
     * Leaves the content of a message larger than {@code bytes} unparsed: the decoded message
     * has empty content and {@link Message#contentBytes} says how large it was, so the receiver
     * can refuse it without spending time and memory on its JSON.
     */
    public Channel parsingContentUpTo(int bytes) {
        maxContentBytes = bytes;
        return this;
    }

    public String sign(byte[]... parts) {
        if (mac == null) return "";
        Mac m = macs.get();
        for (byte[] p : parts) m.update(p);
        return HexFormat.of().formatHex(m.doFinal());
    }

    /** Thrown for a message that cannot be decoded (bad signature, too few frames, malformed JSON). */
    public static final class BadMessage extends Exception {
        public final List<byte[]> identities;
        public BadMessage(String why, List<byte[]> identities) {
            super(why);
            this.identities = identities;
        }
    }

    private void remember(byte[] signature, List<byte[]> ids) throws BadMessage {
        if (!seen.add(ByteBuffer.wrap(signature))) throw new BadMessage("Duplicate Signature", ids);
        if (seen.size() > historySize) {
            Iterator<ByteBuffer> oldest = seen.iterator();
            oldest.next();
            oldest.remove();
        }
    }

    public void send(ZMQ.Socket socket, Message m) {
        send(socket, encode(m));
    }

    /** The frames of {@code m}, signed: identities, delimiter, signature, the four parts, buffers (any thread). */
    public byte[][] encode(Message m) {
        byte[][] parts = m.parts();
        String sig = sign(parts);
        byte[][] frames = new byte[m.identities.size() + 6 + m.buffers.size()][];
        int i = 0;
        for (byte[] id : m.identities) frames[i++] = id;
        frames[i++] = DELIMITER;
        frames[i++] = sig.getBytes(StandardCharsets.US_ASCII);
        for (byte[] p : parts) frames[i++] = p;
        for (byte[] b : m.buffers) frames[i++] = b;
        return frames;
    }

    /** Sends encoded frames as one multipart message (the socket's thread). */
    public static void send(ZMQ.Socket socket, byte[][] frames) {
        for (int i = 0; i + 1 < frames.length; i++) socket.sendMore(frames[i]);
        socket.send(frames[frames.length - 1]);
    }

    /** Receives one complete multipart message (blocking); every frame is consumed even when it is rejected. */
    public Message receive(ZMQ.Socket socket) throws BadMessage {
        List<byte[]> frames = new ArrayList<>();
        do {
            byte[] f = socket.recv();
            if (f == null) throw new BadMessage("receive interrupted", List.of());
            frames.add(f);
        } while (socket.hasReceiveMore());
        return decode(frames);
    }

    /** Like {@link #receive} but returns null when no message is waiting. */
    public Message receiveNow(ZMQ.Socket socket) throws BadMessage {
        byte[] first = socket.recv(ZMQ.DONTWAIT);
        if (first == null) return null;
        List<byte[]> frames = new ArrayList<>();
        frames.add(first);
        while (socket.hasReceiveMore()) frames.add(socket.recv());
        return decode(frames);
    }

    public Message decode(List<byte[]> frames) throws BadMessage {
        int d = 0;
        while (d < frames.size() && !Arrays.equals(frames.get(d), DELIMITER)) d++;
        List<byte[]> ids = new ArrayList<>(frames.subList(0, Math.min(d, frames.size())));
        if (d >= frames.size()) throw new BadMessage("no <IDS|MSG> delimiter", ids);
        if (frames.size() < d + 6) throw new BadMessage("too few frames (" + frames.size() + ")", ids);
        byte[] sig = frames.get(d + 1);
        byte[][] parts = {frames.get(d + 2), frames.get(d + 3), frames.get(d + 4), frames.get(d + 5)};
        if (mac != null) {
            byte[] expected = sign(parts).getBytes(StandardCharsets.US_ASCII);
            if (!MessageDigest.isEqual(expected, sig)) throw new BadMessage("invalid signature", ids);
            if (seen != null) remember(sig, ids);
        }
        try {
            boolean tooLarge = parts[3].length > maxContentBytes;
            return new Message(ids, Message.parseObject(parts[0]), Message.parseObject(parts[1]),
                    Message.parseObject(parts[2]), tooLarge ? null : Message.parseObject(parts[3]),
                    new ArrayList<>(frames.subList(d + 6, frames.size())), parts[3].length);
        } catch (RuntimeException e) {
            throw new BadMessage("malformed JSON: " + e.getMessage(), ids);
        }
    }
}
