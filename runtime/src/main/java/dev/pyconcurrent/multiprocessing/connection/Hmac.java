package dev.pyconcurrent.multiprocessing.connection;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;

/**
 * HMAC (RFC 2104) over {@link MessageDigest}: the digests CPython's challenge accepts. Not
 * {@code javax.crypto.Mac}, whose first use costs a fresh JVM about 70 ms against 33 ms here
 * (every child authenticates once at start).
 */
final class Hmac {
    private Hmac() {}

    /** Python's digest names (CPython's {@code _ALLOWED_DIGESTS}) → JDK algorithm and block size. */
    private static final Map<String, String> ALGORITHMS = Map.of("md5", "MD5", "sha256", "SHA-256",
            "sha384", "SHA-384", "sha3_256", "SHA3-256", "sha3_384", "SHA3-384");
    private static final Map<String, Integer> BLOCK = Map.of("md5", 64, "sha256", 64, "sha384", 128,
            "sha3_256", 136, "sha3_384", 104);

    static boolean allowed(String digestName) {
        return ALGORITHMS.containsKey(digestName);
    }

    static byte[] mac(String digestName, byte[] key, byte[] message) {
        MessageDigest md = digest(digestName);
        int block = BLOCK.get(digestName);
        byte[] k = key.length > block ? md.digest(key) : key;
        byte[] ipad = new byte[block], opad = new byte[block];
        for (int i = 0; i < block; i++) {
            byte b = i < k.length ? k[i] : 0;
            ipad[i] = (byte) (b ^ 0x36);
            opad[i] = (byte) (b ^ 0x5c);
        }
        md.update(ipad);
        md.update(message);
        byte[] inner = md.digest();
        md.update(opad);
        return md.digest(inner);
    }

    private static MessageDigest digest(String digestName) {
        try {
            return MessageDigest.getInstance(ALGORITHMS.get(digestName));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
